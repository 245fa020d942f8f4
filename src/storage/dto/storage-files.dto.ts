import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { booleanWord } from '../boolean-word';

/** Paging of a listing: `page` from 0; `count` items a page, 0 for every item. */
export class ListStorageFilesQueryDto {
  /** Page number, from 0. */
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  page?: number = 0;

  /** Items a page; 0 returns every item. */
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  count?: number = 0;
}

/** A file or folder of a listing. */
export class StorageFileItemDto {
  /** Name of the file or folder. */
  name: string;
  /** True for a folder. */
  is_dir: boolean;
  /** Size in bytes; 0 for a folder. */
  @ApiProperty({ type: 'integer' })
  size: number;
  /** Last modification, seconds since the epoch (with a fraction). */
  mtime: number;
}

/** One page of a folder: folders first, then by name. */
export class StorageFileListDto {
  /** Id of the storage. */
  id: string;
  /** The requested path, as requested ("" for the root). */
  file_path: string;
  /** The requested page. */
  @ApiProperty({ type: 'integer' })
  page: number;
  /** The requested count (0: every item). */
  @ApiProperty({ type: 'integer' })
  count: number;
  /** Items in the folder, over all pages. */
  @ApiProperty({ type: 'integer' })
  total_count: number;
  @ApiProperty({ type: [StorageFileItemDto] })
  items: StorageFileItemDto[];
}

// A value other than "true"/"false" is left as it came, for @IsBoolean to refuse.
const toBool = ({ value }: { value: unknown }) => booleanWord(value) ?? value;

export class DeleteStorageItemQueryDto {
  /** Delete a non-empty folder with everything in it (`true` or `false`). */
  @ApiPropertyOptional({ type: 'boolean', default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  recursive?: boolean = false;
}
