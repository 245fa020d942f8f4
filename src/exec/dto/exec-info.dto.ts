import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RUN_STATES } from '../run-engine';
import { ANY_JSON } from './exec-query.dto';
import { RUN_PHASES, RunStatusDto } from './exec-status.dto';

/** The container's state as Docker reports it. */
export class ExecContainerStateDto {
  /** created, running, paused, restarting, removing, exited or dead. */
  Status: string;
  /** Whether the run is still going; turns false within a fraction of a second of the exit. */
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  @ApiProperty({ type: 'integer' })
  Pid: number;
  /** The command's exit code once it has exited (143 after a stop, 137 after a kill). */
  @ApiProperty({ type: 'integer' })
  ExitCode: number;
  Error: string;
  /** ISO time; `0001-01-01T00:00:00Z` before the start. */
  StartedAt: string;
  /** ISO time; `0001-01-01T00:00:00Z` while running. */
  FinishedAt: string;
}

/**
 * Docker's inspect data of the run's container: every field Docker gives;
 * the main ones are described here.
 */
export class ExecInfoDto {
  /** Container id. */
  Id: string;
  /** Container name (`/webapi-exec-…`). */
  Name: string;
  /** Creation time, ISO. */
  Created: string;
  /** The executable that was run (e.g. `python`). */
  Path: string;
  /** Its arguments (e.g. `["train.py"]`). */
  @ApiProperty({ type: [String] })
  Args: string[];
  @ApiProperty({ type: ExecContainerStateDto })
  State: ExecContainerStateDto;
  /** Image id. */
  Image: string;
  /** Container configuration (image name, command, labels, working directory…). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  Config: Record<string, unknown>;
  /** Host configuration (mounts, limits, network mode…). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  HostConfig: Record<string, unknown>;
  /** The bind mounts. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  Mounts: Record<string, unknown>[];
}

/** One run: the fields it was created with, its lifecycle status, its container's state and info. */
export class ExecItemDto extends RunStatusDto {
  @ApiPropertyOptional()
  srcPath?: string;
  @ApiPropertyOptional()
  mainSrc?: string;
  imageTag: string;
  inputPath: string;
  outputPath: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  command?: string | string[];
  @ApiPropertyOptional({ description: 'The free JSON given at creation.', oneOf: ANY_JSON })
  userdata?: unknown;
  @ApiPropertyOptional()
  uploadId?: string;
  @ApiPropertyOptional()
  useGPU?: boolean;
  @ApiPropertyOptional()
  cpus?: number;
  @ApiPropertyOptional()
  memory?: string;
  @ApiPropertyOptional()
  shmSize?: string;
  @ApiPropertyOptional()
  networkMode?: string;
  /** When the run was created, ISO. */
  createdAt: string;
  /**
   * Docker's state of the container, `missing` when the container no longer
   * exists, `unknown` while the engine has not answered since the service
   * started; the lifecycle status (`queued`, `canceled`, `failed`) for a run
   * that never had a container.
   */
  @ApiProperty({ enum: [...new Set([...RUN_STATES, ...RUN_PHASES])], enumName: 'ExecRunState' })
  state: string;
  /** The container's info (as GET /api/exec/info gives it); null when the container no longer exists or the engine has not answered. */
  @ApiProperty({ type: ExecInfoDto, nullable: true })
  container: ExecInfoDto | null;
}
