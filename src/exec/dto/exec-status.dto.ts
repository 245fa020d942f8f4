import { ApiProperty } from '@nestjs/swagger';

/** Where a run is in its lifecycle: queued → starting → running → one of the four end states. */
export const RUN_PHASES = ['queued', 'starting', 'running', 'succeeded', 'failed', 'canceled', 'lost'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

/** A run as a job: its lifecycle status, cheap to poll (never the engine's inspect data). */
export class RunStatusDto {
  exec_id: string;
  /** queued, starting, running, succeeded (exit 0), failed, canceled (stopped) or lost (its container vanished). */
  @ApiProperty({ enum: RUN_PHASES, enumName: 'ExecRunStatus' })
  status: RunPhase;
  /** Why it is in that status, as text ("waiting for 2 GPUs", "exit code 1", "out of memory", "timed out after 3600 s", "stopped"); null while running. */
  @ApiProperty({ type: 'string', nullable: true })
  reason: string | null;
  /** The command's exit code once it has ended, else null. */
  @ApiProperty({ type: 'integer', nullable: true })
  exitCode: number | null;
  /** 1-based place in the queue while queued, else null. */
  @ApiProperty({ type: 'integer', nullable: true })
  queuePosition: number | null;
  /** Higher starts first. */
  @ApiProperty({ type: 'integer' })
  priority: number;
  /** Name of the token that submitted it; null without authentication. */
  @ApiProperty({ type: 'string', nullable: true })
  owner: string | null;
  /** The GPUs it holds or held (uuids). */
  @ApiProperty({ type: [String] })
  gpus: string[];
  /** ISO times. */
  submittedAt: string;
  @ApiProperty({ type: 'string', nullable: true })
  startedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  finishedAt: string | null;
}

/** A queued run and why it waits (GET /api/exec/queue, in the order runs are considered). */
export class QueuedRunDto {
  exec_id: string;
  @ApiProperty({ type: 'integer' })
  queuePosition: number;
  reason: string;
  @ApiProperty({ type: 'integer' })
  priority: number;
  @ApiProperty({ type: 'string', nullable: true })
  owner: string | null;
  submittedAt: string;
}

/** One GPU of the host and the run holding it. */
export class GpuDto {
  @ApiProperty({ type: 'integer' })
  index: number;
  uuid: string;
  name: string;
  /** MiB. */
  @ApiProperty({ type: 'integer' })
  memoryTotal: number;
  /** MiB; null for simulated GPUs. */
  @ApiProperty({ type: 'integer', nullable: true })
  memoryUsed: number | null;
  /** Percent; null for simulated GPUs. */
  @ApiProperty({ type: 'number', nullable: true })
  utilization: number | null;
  /** exec_id of the run holding it, or null. */
  @ApiProperty({ type: 'string', nullable: true })
  heldBy: string | null;
}
