import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsRelativePath } from '../../catalog/catalog-fields';
import { nameMessage } from '../../catalog/name-pattern';

/** The fields of a dataset besides its name. */
abstract class DatasetFieldsDto {
  /** The dataset's type, such as `Image`, `Text` or `Table`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  type: string;

  /** Id of the storage holding the dataset (one of `GET /api/storage/list`). */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'storageId must be a storage id' }) // = STORAGE_ID (literal for the OpenAPI schema)
  storageId: string;

  /** Where the dataset lies in the storage: a path relative to the storage's root (no `..`, no leading `/`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  @IsRelativePath()
  storagePath: string;

  /** Free text about the dataset; `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  /** The dataset family, which models name to say what data they take; `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  family?: string;
}

/** A dataset of the catalog. */
export class DatasetDto extends DatasetFieldsDto {
  /** The dataset's name, unique in the catalog: 1-128 letters, digits, `_`, `.` or `-`, starting with a letter or digit. */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, { message: nameMessage('name') }) // = NAME_PATTERN (literal for the OpenAPI schema)
  name: string;
}

/** A dataset to add or update; its name is the one in the URL. */
export class DatasetBodyDto extends DatasetFieldsDto {
  /** Optional and ignored: the name in the URL wins. */
  @IsOptional()
  @IsString()
  name?: string;
}
