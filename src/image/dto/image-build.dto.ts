import { ApiProperty } from '@nestjs/swagger';

export enum BuildStatus {
  running = 'running',
  exited = 'exited',
}

/** Where a build is in its life: waiting for a build slot, building, or ended (see `result`). */
export enum BuildPhase {
  queued = 'queued',
  building = 'building',
  finished = 'finished',
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

/** A build without its log: what GET /api/image/create/{name} shows besides `lines`, and what build events carry. */
export class ImageBuildStatusDto {
  /** The image tag being built, with Docker's implied `:latest`. */
  name: string;
  /** `running` until the build ended (queued or building), then `exited` (whatever the result). */
  @ApiProperty({ enum: BuildStatus, enumName: 'BuildStatus' })
  status: BuildStatus;
  /** `queued` while it waits for one of the BUILD_MAX_RUNNING build slots, `building`, then `finished`. */
  @ApiProperty({ enum: BuildPhase, enumName: 'BuildPhase' })
  phase: BuildPhase;
  /** Place in the queue of waiting builds (1 is next); null unless queued. */
  @ApiProperty({ type: 'integer', nullable: true })
  queuePosition: number | null;
  /** Why the build waits (queued), or why it did not succeed (the same as `error`); null otherwise. */
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  /** How the build ended; null until it ends. `canceled`: the service stopped during the build. */
  @ApiProperty({ enum: BuildResult, enumName: 'BuildResult', nullable: true })
  result: BuildResult | null;
  /**
   * Why the build failed or was canceled (Docker's message); `interrupted`
   * when the service died during the build; null otherwise.
   */
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  /** The built image's id once the build succeeded; null otherwise. */
  @ApiProperty({ type: String, nullable: true })
  imageId: string | null;
  /** When the build was asked for (ISO 8601). */
  @ApiProperty({ format: 'date-time' })
  submittedAt: string;
  /** When the build left the queue and started (ISO 8601); null while queued. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;
  /** When the build ended (ISO 8601); null until it ends. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
}

/** A build and its log, as GET /api/image/create/{name} shows it. */
export class ImageBuildDto extends ImageBuildStatusDto {
  /**
   * The build's output, one string a line, ANSI codes stripped, each line at
   * most 64 KiB: the newest BUILD_LOG_MAX_LINES lines, read from the full log on disk.
   */
  lines: string[];
  /** How many older lines of the log are not in `lines` (the full log stays on disk). */
  @ApiProperty({ type: 'integer' })
  droppedLines: number;
}
