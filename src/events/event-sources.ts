/**
 * What the event streams need from the groups they report on, in the
 * streams' own terms. The exec and image groups are reached only through
 * these two interfaces (adapters in exec-run-source.ts and
 * image-build-source.ts), so a change of how runs or builds are kept
 * re-wires an adapter, not the streams.
 */

/** Lifecycle states of a run that do not change any more. */
export const FINAL_RUN_STATUSES = ['succeeded', 'failed', 'canceled', 'lost'] as const;

/** A run's status object as GET /api/exec/status shows it (more fields allowed). */
export interface RunStatusView {
  exec_id: string;
  /** `queued`, `starting`, `running`, `succeeded`, `failed`, `canceled` or `lost`. */
  status: string;
  reason: string | null;
  exitCode: number | null;
  finishedAt: string | null;
  startedAt?: string | null;
  [field: string]: unknown;
}

export function isFinalRunStatus(status: string): boolean {
  return (FINAL_RUN_STATUSES as readonly string[]).includes(status);
}

export const RUN_EVENT_SOURCE = Symbol('RUN_EVENT_SOURCE');

export interface RunEventSource {
  /** Calls `listener` with the id of a run whenever its status may have changed (also when it was deleted). */
  onRunChange(listener: (execId: string) => void): () => void;
  /** Ids of every known run. */
  runIds(): string[];
  /** A run's status; undefined when there is no such run. */
  status(execId: string): RunStatusView | undefined;
  /** The host folder mounted at the run's /apprun. */
  runDir(execId: string): string;
  /** The run's output lines: the last `tail` ones (all when undefined), then, with `follow`, new ones until it stops; none before it has a container. */
  logLines(execId: string, options: { tail?: number; follow: boolean }): AsyncIterable<string>;
}

/** A build's record without its log, as GET /api/image/create shows it. */
export interface BuildStatusView {
  name: string;
  /** `running` until the build ends, then `exited`. */
  status: string;
  [field: string]: unknown;
}

export const BUILD_EVENT_SOURCE = Symbol('BUILD_EVENT_SOURCE');

export interface BuildEventSource {
  /** Calls `listener` with a build's record (without its log) when the build starts and when it ends. */
  onBuildChange(listener: (build: BuildStatusView) => void): () => void;
  /** Calls `listener` with the new lines of a build's log as they come. */
  onBuildLog(listener: (name: string, lines: string[]) => void): () => void;
  /** The latest build of a name (`x` is `x:latest`) without its log: 400 for a name that is not a tag, NOT_FOUND without a record. */
  buildStatus(name: string): BuildStatusView;
  /** The newest `count` lines of the log of the latest build of a tag. */
  buildLines(tag: string, count: number): Promise<string[]>;
}

export function isFinalBuildStatus(status: string): boolean {
  return status === 'exited';
}
