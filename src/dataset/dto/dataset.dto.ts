import { IsOptional, IsString, Matches } from 'class-validator';
import { CatalogEntryFieldsDto } from '../../catalog/dto/catalog-entry.dto';
import { nameMessage } from '../../catalog/name-pattern';

/** A dataset of the catalog. */
export class DatasetDto extends CatalogEntryFieldsDto {
  /** The dataset's name, unique in the catalog: 1-128 letters, digits, `_`, `.` or `-`, starting with a letter or digit. */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, { message: nameMessage('name') }) // = NAME_PATTERN (literal for the OpenAPI schema)
  name: string;
}

/** A dataset to add or update; its name is the one in the URL. */
export class DatasetBodyDto extends CatalogEntryFieldsDto {
  /** Optional and ignored: the name in the URL wins. */
  @IsOptional()
  @IsString()
  name?: string;
}
