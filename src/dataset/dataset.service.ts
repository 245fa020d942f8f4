import { Inject, Injectable } from '@nestjs/common';
import { Catalog, CatalogKind } from '../catalog/catalog';
import { CatalogStore } from '../catalog/catalog-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DatasetDto } from './dto/dataset.dto';

type Dataset = Required<DatasetDto> & Record<string, string>;

export const DATASETS: CatalogKind<Dataset> = {
  section: 'datasets',
  label: 'Dataset',
  entryClass: DatasetDto as new () => Dataset,
  fields: ['name', 'type', 'storageId', 'storagePath', 'description', 'family'],
};

/** The dataset catalog. */
@Injectable()
export class DatasetService extends Catalog<Dataset> {
  constructor(store: CatalogStore, @Inject(APP_CONFIG) config: AppConfig) {
    super(
      store,
      DATASETS,
      config.STORAGES.map((s) => s.id),
    );
  }
}
