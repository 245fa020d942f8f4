import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsRelativePath } from '../../catalog/catalog-fields';
import { nameMessage } from '../../catalog/name-pattern';

/** The fields of a model besides its name. */
abstract class ModelFieldsDto {
  /** The model's type, such as `Model` or `Preprocessor`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  type: string;

  /** Id of the storage holding the model (one of `GET /api/storage/list`). */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'storageId must be a storage id' }) // = STORAGE_ID (literal for the OpenAPI schema)
  storageId: string;

  /** The model's folder in the storage: a path relative to the storage's root (no `..`, no leading `/`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  @IsRelativePath()
  storagePath: string;

  /** The model's main source file, relative to its folder (e.g. `main.py`); `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  @IsRelativePath()
  mainSrc?: string;

  /** Free text about the model; `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  /** The dataset family the model takes; `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  family?: string;
}

/** A model of the catalog. */
export class ModelDto extends ModelFieldsDto {
  /** The model's name, unique in the catalog: 1-128 letters, digits, `_`, `.` or `-`, starting with a letter or digit. */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, { message: nameMessage('name') }) // = NAME_PATTERN (literal for the OpenAPI schema)
  name: string;
}

/** A model to add or update; its name is the one in the URL. */
export class ModelBodyDto extends ModelFieldsDto {
  /** Optional and ignored: the name in the URL wins. */
  @IsOptional()
  @IsString()
  name?: string;
}
