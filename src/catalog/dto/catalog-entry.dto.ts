import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsRelativePath } from '../catalog-fields';

/** The fields every catalog entry (dataset or model) has besides its name. */
export abstract class CatalogEntryFieldsDto {
  /** The entry's type: for a dataset `Image`, `Text`, `Table`…; for a model `Model`, `Preprocessor`…. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  type: string;

  /** Id of the storage holding the entry (one of `GET /api/storage/list`). */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'storageId must be a storage id' }) // = STORAGE_ID (literal for the OpenAPI schema)
  storageId: string;

  /** Where the entry lies in the storage: a path from the storage's root (`/dataset` and `dataset` are the same folder; no `..`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  @IsRelativePath()
  storagePath: string;

  /** Free text about the entry; `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  /** The dataset family: of a dataset, the family it belongs to; of a model, the family it takes. `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  family?: string;
}
