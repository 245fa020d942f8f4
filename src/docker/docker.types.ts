/** The project's own view of the engine: what the Docker provider takes and gives. */

export interface Mount {
  /** Absolute host path, chosen by the service (never taken from a request). */
  source: string;
  target: string;
  readOnly?: boolean;
  /**
   * The real path of the storage (or module folder) the source lies in. The
   * source is then its real path, verified again right before the engine
   * mounts it, with the containers that could change it held still.
   */
  confinedTo?: string;
}

export interface GpuRequest {
  /** -1 for all GPUs. */
  count?: number;
  deviceIds?: string[];
}

/**
 * What the service decides about a workload, a container or a Swarm job
 * alike; the templates turn it into the engine's configuration.
 */
export interface WorkloadSpec {
  image: string;
  cmd: string[];
  workingDir?: string;
  env?: Record<string, string>;
  /** Labels of the container (of a Swarm job: of the service and of its task's container). */
  labels?: Record<string, string>;
  mounts?: Mount[];
  /** `none` (a Swarm job: attached to no network), `host` or `bridge`. */
  networkMode: string;
  cpus?: number;
  memoryBytes?: number;
  shmSizeBytes?: number;
  pidsLimit?: number;
  capAdd?: string[];
  logMaxSize?: string;
  logMaxFile?: number;
  user?: string;
  /** Run Docker's init as PID 1, so the command gets signals (SIGTERM on stop) and zombies are reaped. */
  init?: boolean;
}

/** A container; the provider turns it into Docker's configuration. */
export interface ContainerSpec extends WorkloadSpec {
  name?: string;
  entrypoint?: string[];
  /** Container ports published on 127.0.0.1 (bridge networking). */
  publishPorts?: number[];
  gpus?: GpuRequest;
}

export interface EngineFacts {
  version: string;
  apiVersion: string;
  /** The engine has a `bridge` network (a normal host); without it containers use `none` or `host`. */
  hasBridgeNetwork: boolean;
  /** The engine has an NVIDIA runtime, so GPU requests can be honoured. */
  hasNvidiaRuntime: boolean;
}

export interface BuildOutcome {
  imageId?: string;
  /** Docker's error message when the build failed. */
  error?: string;
}

/** One event of Docker's event stream, reduced to what the service uses. */
export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  attributes: Record<string, string>;
  /** Nanoseconds since the epoch. */
  timeNano: number;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

/** The parts of the engine's swarm node object (`GET /nodes`) the service reads. */
export interface EngineNode {
  ID?: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Description?: {
    Hostname?: string;
    Resources?: {
      NanoCPUs?: number;
      MemoryBytes?: number;
      GenericResources?: {
        DiscreteResourceSpec?: { Kind?: string; Value?: number };
        NamedResourceSpec?: { Kind?: string; Value?: string };
      }[];
    };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Addr?: string };
}

/** The engine's swarm membership, as `GET /info` tells it. */
export interface SwarmMembership {
  LocalNodeState?: string;
  ControlAvailable?: boolean;
}

/** Why an engine cannot answer for a swarm's nodes and services, or undefined when it is a manager. */
export function notSwarmManager(swarm: SwarmMembership | undefined): string | undefined {
  if (swarm?.LocalNodeState !== 'active') {
    return 'The engine is not part of a swarm (docker/ensure-swarm.sh makes it a one-node swarm)';
  }
  if (swarm.ControlAvailable !== true) return 'The engine is a swarm worker: only a manager knows the swarm';
  return undefined;
}

/** A generic resource a swarm task reserves on its node (`NVIDIA-GPU`, counted). */
export interface GenericResource {
  kind: string;
  count: number;
}

/** A Swarm job (a `replicated-job` service with one task). */
export interface ServiceSpec extends WorkloadSpec {
  name: string;
  /** Time between SIGTERM and SIGKILL when the task is stopped. */
  stopGraceSeconds: number;
  /** Swarm placement constraints (`node.labels.gpu==a100`), already validated. */
  constraints?: string[];
  /** Generic resources reserved on the node (GPUs as `NVIDIA-GPU`). */
  genericResources?: GenericResource[];
}

/** One task of a swarm service, as the service reads it. */
export interface SwarmTask {
  id: string;
  serviceId: string;
  nodeId?: string;
  /** Swarm's task state: new, pending, assigned, accepted, preparing, starting, running, complete, failed, shutdown, rejected, orphaned, remove. */
  state: string;
  desiredState: string;
  /** Swarm's message for the state (e.g. "no suitable node (scheduling constraints not satisfied on 1 node)"). */
  message?: string;
  error?: string;
  /** When the task reached its state, ISO. */
  timestamp?: string;
  containerId?: string;
  exitCode?: number;
  createdAt?: string;
  /** The task as the engine gave it. */
  raw: Record<string, unknown>;
}

/** The part of a container's inspect `State` the run engines read. */
export interface ContainerStateView {
  Status?: string;
  Running?: boolean;
  ExitCode?: number;
  StartedAt?: string;
  FinishedAt?: string;
  OOMKilled?: boolean;
}

/** An engine timestamp, or null for Docker's zero time (`0001-01-01T…`: not yet). */
export function engineTime(t: string | undefined): string | null {
  return t && !t.startsWith('0001-') ? t : null;
}
