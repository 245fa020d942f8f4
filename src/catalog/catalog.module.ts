import { Module } from '@nestjs/common';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CatalogStore } from './catalog-store';

/** The catalog document's file under DATA_DIR. */
export const CATALOG_FILE = 'catalog.json';

/** One durable catalog document (DATA_DIR/catalog.json) shared by the dataset and model catalogs. */
@Module({
  providers: [
    {
      provide: CatalogStore,
      useFactory: (config: AppConfig) => new CatalogStore(path.join(config.DATA_DIR, CATALOG_FILE)),
      inject: [APP_CONFIG],
    },
  ],
  exports: [CatalogStore],
})
export class CatalogModule {}
