import { Inject, Injectable } from '@nestjs/common';
import { Catalog, CatalogKind } from '../catalog/catalog';
import { CatalogStore } from '../catalog/catalog-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ModelDto } from './dto/model.dto';

type Model = Required<ModelDto> & Record<string, string>;

export const MODELS: CatalogKind<Model> = {
  section: 'models',
  label: 'Model',
  entryClass: ModelDto as new () => Model,
  fields: ['name', 'type', 'storageId', 'storagePath', 'mainSrc', 'description', 'family'],
};

/** The model catalog. */
@Injectable()
export class ModelService extends Catalog<Model> {
  constructor(store: CatalogStore, @Inject(APP_CONFIG) config: AppConfig) {
    super(
      store,
      MODELS,
      config.STORAGES.map((s) => s.id),
    );
  }
}
