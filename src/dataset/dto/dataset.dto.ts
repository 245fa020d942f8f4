import { IsOptional, IsString, Matches } from 'class-validator';
import { CatalogEntryFieldsDto } from '../../catalog/dto/catalog-entry.dto';
import { catalogNameMessage } from '../../catalog/name-pattern';

/** A dataset of the catalog. */
export class DatasetDto extends CatalogEntryFieldsDto {
  /** The dataset's name, unique in the catalog: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit (e.g. `한국어 말뭉치`), stored in NFC form. */
  @IsString()
  @Matches(/^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd} _.-]{0,127}$/u, { message: catalogNameMessage('name') }) // = CATALOG_NAME_PATTERN (literal for the OpenAPI schema)
  name: string;
}

/** A dataset to add or update; its name is the one in the URL. */
export class DatasetBodyDto extends CatalogEntryFieldsDto {
  /** Optional and ignored: the name in the URL wins. */
  @IsOptional()
  @IsString()
  name?: string;
}
