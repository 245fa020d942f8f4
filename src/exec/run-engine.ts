import { LogLine, Mount } from '../docker/docker.types';

/** Injection token of the run engine. */
export const RUN_ENGINE = Symbol('RUN_ENGINE');

/**
 * The engine-facing side of a run: start it, follow its state, stop it, read
 * its files and logs. The controller and the run records only see this
 * interface; `DockerRunEngine` runs each run as one container, and a
 * multi-host engine (Docker Swarm replicated-job services) can be another
 * implementation.
 */
export interface RunEngine {
  /** Short name kept in each run record (`docker`, `swarm`). */
  readonly kind: string;

  /**
   * Starts following the runs of `owner` (this service's data folder): calls
   * `listener.changed` when a run's state may have changed and
   * `listener.resync` after every (re)connection, when anything may have
   * been missed.
   */
  open(owner: RunOwner, listener: RunListener): void;
  close(): void;

  /** The reference a run of this id has on the engine (Docker: its container name), known before it is launched. */
  refOf(execId: string): string;

  /**
   * Creates and starts a run; resolves once it has started, or (on an engine
   * that places runs on nodes) once the engine holds it and it waits for a
   * node: `started` says which, and a waiting run's description tells when it
   * runs. On failure nothing is left on the engine and the error says why
   * (NOT_FOUND for a missing image).
   */
  launch(spec: RunSpec): Promise<{ ref: string; started: boolean }>;

  /** Where a run stands, with the engine's own details of it; null when it no longer exists. */
  describe(ref: string): Promise<RunDescription | null>;

  /** Every run of the owner the engine holds, in one engine call. */
  survey(): Promise<SurveyedRun[]>;

  /** Stops a run: SIGTERM, then SIGKILL after the grace period. A stopped run is not an error. */
  stop(ref: string, graceSeconds: number): Promise<void>;

  /** Removes a stopped run from the engine; a run that is already gone is not an error. */
  remove(ref: string): Promise<void>;

  /** The run's output lines so far, stdout and stderr in order, streamed; with `follow`, also new ones until it stops. */
  logs(ref: string, options: { tail?: number; since?: number; follow?: boolean }): AsyncGenerator<LogLine>;

  /** A file the run wrote into its run folder (`/apprun`, the host folder runDir); undefined when missing or not a regular file. At most maxBytes are read. */
  readRunFile(runDir: string, name: string, maxBytes: number): Promise<Buffer | undefined>;
}

/** Which service a run belongs to: two services on one engine never adopt each other's runs. */
export interface RunOwner {
  /** Random id kept in the data folder. */
  instanceId: string;
  dataDir: string;
}

export interface RunListener {
  /**
   * The run may have changed. `provisional` (when given) turns the last
   * known description into what the event already tells, before the engine
   * is asked again.
   */
  changed(execId: string, provisional?: (description: RunDescription) => RunDescription): void;
  resync(): void;
}

/** What the service decides about a run; nothing here is taken raw from a request. */
export interface RunSpec {
  execId: string;
  image: string;
  command: string[];
  workingDir: string;
  /** Host folders (already confined to storages) and where the run sees them. */
  mounts: Mount[];
  env: Record<string, string>;
  networkMode: string;
  /** GPUs the run was given (uuids); the engine makes exactly these visible to it. */
  gpus: string[];
  /** Whether those GPUs are simulated (GPU_INVENTORY): the run is told their ids, but no device is requested. */
  simulatedGpus: boolean;
  /** uid:gid the command runs as. */
  user?: string;
  cpus?: number;
  memoryBytes?: number;
  shmSizeBytes?: number;
  pidsLimit: number;
  capAdd: string[];
  logMaxSize: string;
  logMaxFile: number;
  /** Small facts stored on the engine's object, so a run can be rebuilt from the engine alone. */
  meta: Record<string, string>;
  /** Swarm placement constraints (`node.labels.gpu==a100`); only an engine that places runs on nodes takes them. */
  constraints?: string[];
}

/**
 * The engine's own details of a run, opaque to the rest of the service
 * (Docker: `docker inspect` data, which GET /api/exec/info shows as the seed
 * promises).
 */
export type EngineDetails = Record<string, unknown>;

/** What the engine says about a run: its state in the project's terms, and its own details. */
export interface RunDescription {
  status: RunStatus;
  details: EngineDetails;
}

/**
 * Where a run stands; `missing` when the engine no longer has it, `pending`
 * while the engine holds it but has not started it (Swarm: waiting for a node).
 */
export const RUN_STATES = [
  'created',
  'pending',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
  'missing',
  'unknown',
] as const;
export type RunState = (typeof RUN_STATES)[number];

export interface RunStatus {
  state: RunState;
  running: boolean;
  /** Exit code once the run has ended, else null. */
  exitCode: number | null;
  finishedAt: string | null;
  /** When it started, ISO; null before. */
  startedAt: string | null;
  /** The engine killed it for going past its memory limit. */
  oomKilled: boolean;
  /** The engine's words on why it waits (pending), or how it ended when it ended without an exit code. */
  reason?: string | null;
}

export interface SurveyedRun {
  execId: string;
  ref: string;
  meta: Record<string, string>;
}
