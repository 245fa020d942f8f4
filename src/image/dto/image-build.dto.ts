import { ApiProperty, OmitType } from '@nestjs/swagger';

export enum BuildStatus {
  running = 'running',
  exited = 'exited',
}

export enum BuildResult {
  succeeded = 'succeeded',
  failed = 'failed',
  canceled = 'canceled',
}

/** The answer of POST /create (the build has started) and of the DELETE routes. */
export class SuccessDto {
  /** Always true: failures answer a problem document. */
  success: boolean;
}

/** A build and its log, as GET /api/image/create/{name} shows it. */
export class ImageBuildDto {
  /** The image tag being built, with Docker's implied `:latest`. */
  name: string;
  /** `running` while the build goes on, `exited` once it ended (whatever the result). */
  @ApiProperty({ enum: BuildStatus, enumName: 'BuildStatus' })
  status: BuildStatus;
  /** The build's output, one string a line, ANSI codes stripped; the newest BUILD_LOG_MAX_LINES lines. */
  lines: string[];
  /** How many older lines were dropped from `lines` to keep it bounded. */
  @ApiProperty({ type: 'integer' })
  droppedLines: number;
  /** How the build ended; null while running. `canceled`: the service stopped during the build. */
  @ApiProperty({ enum: BuildResult, enumName: 'BuildResult', nullable: true })
  result: BuildResult | null;
  /** Why the build failed or was canceled (Docker's message); null otherwise. */
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  /** The built image's id once the build succeeded; null otherwise. */
  @ApiProperty({ type: String, nullable: true })
  imageId: string | null;
  /** When the build started (ISO 8601). */
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  /** When the build ended (ISO 8601); null while running. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
}

/** A build's record without its log (the `status` events of a build's event stream). */
export class BuildStatusDto extends OmitType(ImageBuildDto, ['lines', 'droppedLines'] as const) {}
