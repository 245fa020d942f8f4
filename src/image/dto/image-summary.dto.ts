import { ApiProperty } from '@nestjs/swagger';

/** One image as Docker lists it (every field Docker gives is passed on). */
export class ImageSummaryDto {
  /** The image id, `sha256:…`. */
  Id: string;
  /** The parent image's id, or an empty string. */
  ParentId: string;
  /** The image's tags (`repository:tag`); `<none>:<none>` for an untagged image. */
  @ApiProperty({ type: [String], nullable: true })
  RepoTags: string[] | null;
  /** The image's digests (`repository@sha256:…`). */
  @ApiProperty({ type: [String], nullable: true })
  RepoDigests: string[] | null;
  /** When the image was created (Unix time, seconds). */
  @ApiProperty({ type: 'integer' })
  Created: number;
  /** Size in bytes. */
  @ApiProperty({ type: 'integer' })
  Size: number;
  /** Size in bytes, layers shared with other images included. */
  @ApiProperty({ type: 'integer', required: false })
  VirtualSize?: number;
  /** Bytes shared with other images; -1 when not computed. */
  @ApiProperty({ type: 'integer' })
  SharedSize: number;
  /** The image's labels. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  Labels: Record<string, string> | null;
  /** Containers using the image; -1 when not computed. */
  @ApiProperty({ type: 'integer' })
  Containers: number;
}
