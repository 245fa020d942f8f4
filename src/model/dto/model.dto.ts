import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsRelativePath } from '../../catalog/catalog-fields';
import { CatalogEntryFieldsDto } from '../../catalog/dto/catalog-entry.dto';
import { nameMessage } from '../../catalog/name-pattern';

/** The fields of a model besides its name. */
abstract class ModelFieldsDto extends CatalogEntryFieldsDto {
  /** The model's main source file, relative to its folder (e.g. `main.py`); `""` when not given. */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  @IsRelativePath()
  mainSrc?: string;
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
