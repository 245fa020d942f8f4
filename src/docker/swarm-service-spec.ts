import { CONTAINER_NAME, ContainerPolicy, ContainerSpecError, checkedWorkload } from './container-template';
import { ServiceSpec } from './docker.types';

/**
 * The one template every Swarm job of the service is created from: a
 * `replicated-job` service with one task that is never restarted. A pure
 * function, tested without an engine, like the container template: the
 * fields of a ServiceSpec are each checked, and everything that could reach
 * the host is fixed here.
 *
 * What Swarm's service API (1.41) cannot express, compared with a container:
 * the `none` network (a task attached to no network gets the node's default:
 * only loopback on an engine without a bridge, `dockerd --bridge=none`),
 * `no-new-privileges` (set it for every container with `dockerd
 * --no-new-privileges` on the nodes), and a shared memory size (a tmpfs at
 * /dev/shm of that size instead).
 */

/** Network modes a job may use: `none` is no attachment at all. */
const NETWORKS: Record<string, { Target: string }[]> = {
  none: [],
  host: [{ Target: 'host' }],
  bridge: [{ Target: 'bridge' }],
};
/** Generic resource kinds a job may reserve (as nodes advertise them: `dockerd --node-generic-resource NVIDIA-GPU=<uuid>`). */
const RESOURCE_KIND = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const CONSTRAINT = /^[A-Za-z_][A-Za-z0-9_.-]*(==|!=)[^=!<>~]+$/;

type Bind = { Type: 'bind'; Source: string; Target: string; ReadOnly: boolean };
type Tmpfs = { Type: 'tmpfs'; Target: string; TmpfsOptions: { SizeBytes: number; Mode: number } };

/** Docker's service create body, as far as the template fills it. */
export interface ServiceCreateConfig {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: {
      Image: string;
      Labels: Record<string, string>;
      Args: string[];
      Env: string[];
      Dir?: string;
      User?: string;
      Mounts: (Bind | Tmpfs)[];
      StopSignal: 'SIGTERM';
      StopGracePeriod: number;
      Init?: boolean;
      CapabilityDrop: ['ALL'];
      CapabilityAdd: string[];
      ReadOnly: false;
      Isolation: 'default';
    };
    Resources: {
      Limits: { NanoCPUs?: number; MemoryBytes?: number; Pids: number };
      Reservations: {
        NanoCPUs?: number;
        MemoryBytes?: number;
        GenericResources?: { DiscreteResourceSpec: { Kind: string; Value: number } }[];
      };
    };
    RestartPolicy: { Condition: 'none'; MaxAttempts: 0 };
    Placement: { Constraints: string[] };
    Networks: { Target: string }[];
    LogDriver: { Name: 'json-file'; Options: { 'max-size': string; 'max-file': string } };
  };
  Mode: { ReplicatedJob: { MaxConcurrent: 1; TotalCompletions: 1 } };
}

/**
 * Docker's service create body for a job spec under a policy. Throws
 * ContainerSpecError for a spec that asks for something the template does
 * not allow.
 */
export function serviceCreateConfig(spec: ServiceSpec, policy: ContainerPolicy): ServiceCreateConfig {
  if (!CONTAINER_NAME.test(spec.name) || spec.name.length > 63)
    throw new ContainerSpecError(`"${spec.name}" is not a service name`);
  if (typeof spec.image !== 'string' || !spec.image || spec.image.startsWith('-'))
    throw new ContainerSpecError('an image is required');
  if (!Array.isArray(spec.cmd) || !spec.cmd.length || !spec.cmd.every((c) => typeof c === 'string'))
    throw new ContainerSpecError('the command must be a non-empty list of strings');
  const networks = Object.hasOwn(NETWORKS, spec.networkMode) ? NETWORKS[spec.networkMode] : undefined;
  if (!networks) throw new ContainerSpecError(`network mode "${spec.networkMode}" is not allowed`);

  const {
    mounts: binds,
    env,
    capAdd,
    pidsLimit,
    logMaxSize,
    logMaxFile,
    cpus,
    memoryBytes,
    shmSizeBytes,
  } = checkedWorkload(spec, policy);
  if (shmSizeBytes !== undefined && binds.some((m) => m.Target === '/dev/shm'))
    throw new ContainerSpecError('a mount cannot replace /dev/shm');
  if (!Number.isInteger(spec.stopGraceSeconds) || spec.stopGraceSeconds < 0)
    throw new ContainerSpecError('the stop grace period must be a whole number of seconds');
  const nanoCpus = cpus === undefined ? undefined : Math.round(cpus * 1e9);

  const constraints = [...(spec.constraints ?? [])];
  for (const c of constraints) {
    if (typeof c !== 'string' || !CONSTRAINT.test(c))
      throw new ContainerSpecError(`"${c}" is not a placement constraint`);
  }
  const generic = (spec.genericResources ?? []).map((r) => {
    if (!RESOURCE_KIND.test(r.kind)) throw new ContainerSpecError(`"${r.kind}" is not a generic resource kind`);
    if (!Number.isInteger(r.count) || r.count <= 0)
      throw new ContainerSpecError('a generic resource count must be a positive integer');
    return { DiscreteResourceSpec: { Kind: r.kind, Value: r.count } };
  });

  const labels = { ...(spec.labels ?? {}) };
  return {
    Name: spec.name,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        Labels: { ...labels },
        Args: [...spec.cmd],
        Env: env,
        Dir: spec.workingDir,
        User: spec.user,
        Mounts: [
          ...binds,
          ...(shmSizeBytes
            ? [{ Type: 'tmpfs' as const, Target: '/dev/shm', TmpfsOptions: { SizeBytes: shmSizeBytes, Mode: 0o1777 } }]
            : []),
        ],
        StopSignal: 'SIGTERM',
        StopGracePeriod: spec.stopGraceSeconds * 1e9,
        Init: spec.init === true ? true : undefined,
        CapabilityDrop: ['ALL'],
        CapabilityAdd: capAdd,
        ReadOnly: false,
        Isolation: 'default',
      },
      Resources: {
        Limits: { NanoCPUs: nanoCpus, MemoryBytes: memoryBytes, Pids: pidsLimit },
        Reservations: {
          NanoCPUs: nanoCpus,
          MemoryBytes: memoryBytes,
          GenericResources: generic.length ? generic : undefined,
        },
      },
      RestartPolicy: { Condition: 'none', MaxAttempts: 0 },
      Placement: { Constraints: constraints },
      Networks: networks.map((n) => ({ ...n })),
      LogDriver: { Name: 'json-file', Options: { 'max-size': logMaxSize, 'max-file': String(logMaxFile) } },
    },
    Mode: { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } },
  };
}
