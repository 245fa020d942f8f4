import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsRelativePath } from '../../catalog/catalog-fields';
import { CatalogEntryFieldsDto } from '../../catalog/dto/catalog-entry.dto';
import { catalogNameMessage } from '../../catalog/name-pattern';

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
  /** The model's name, unique in the catalog: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit (e.g. `한국어 말뭉치`), stored in NFC form. */
  @IsString()
  @Matches(/^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd} _.-]{0,127}$/u, { message: catalogNameMessage('name') }) // = CATALOG_NAME_PATTERN (literal for the OpenAPI schema)
  name: string;
}

/** A model to add or update; its name is the one in the URL. */
export class ModelBodyDto extends ModelFieldsDto {
  /** Optional and ignored: the name in the URL wins. */
  @IsOptional()
  @IsString()
  name?: string;
}
