import { ApiProperty } from '@nestjs/swagger';

/** The outcome of a change to one item of a storage. */
export class StorageItemResultDto {
  success: boolean;
  /** The path of the item inside the storage, normalised. */
  file_path: string;
}

/** A stored file. */
export class StoredFileDto {
  success: boolean;
  /** The path of the file inside the storage, normalised. */
  file_path: string;
  /** Bytes written. */
  @ApiProperty({ type: 'integer' })
  size: number;
}

/** The files an upload form wrote. */
export class StorageUploadResultDto {
  success: boolean;
  /** Paths of the written files inside the storage. */
  files: string[];
}

export class SuccessDto {
  success: boolean;
}

/** A temporary upload item. */
export class UploadItemDto {
  /** Whether the upload succeeded. */
  success: boolean;
  /** The uploaded files, relative to the item's folder. */
  files: string[];
  /** The files extracted from the zip files (with `unzip=true`), relative to the item's folder. */
  unzip_files: string[];
  /** Id of the item (32 hex digits), e.g. for `uploadId` of an exec. */
  upload_id: string;
}
