import * as path from 'node:path';
import { EXEC_NETWORK_MODES, SIZE_PATTERN } from '../common/docker-values';
import { ContainerSpec, WorkloadSpec } from './docker.types';

/**
 * The one template every container of the service is created from, as a
 * pure function so it can be tested without an engine. Only the fields of a
 * ContainerSpec that the service decides are read, each checked; everything
 * that could reach the host (privileged mode, capabilities, devices, host
 * namespaces, bind strings) is fixed here and never taken from a spec.
 */

/** Limits set by the operator's configuration; a spec can only stay within them. */
export interface ContainerPolicy {
  /** Capabilities the configuration gives back after dropping all (EXEC_CAP_ADD). */
  capAdd: readonly string[];
  /** The process limit (EXEC_PIDS_LIMIT); a spec may ask for less, never more. */
  pidsLimit: number;
  logMaxSize: string;
  logMaxFile: number;
}

/** Docker's container create body, as far as the template fills it. */
export interface ContainerCreateConfig {
  name?: string;
  Image: string;
  Cmd: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  Env: string[];
  Labels?: Record<string, string>;
  User?: string;
  Tty: false;
  OpenStdin: false;
  ExposedPorts: Record<string, Record<string, never>>;
  HostConfig: {
    Mounts: { Type: 'bind'; Source: string; Target: string; ReadOnly: boolean }[];
    Binds: string[];
    Devices: never[];
    NetworkMode: string;
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
    Privileged: false;
    CapDrop: ['ALL'];
    CapAdd: string[];
    SecurityOpt: ['no-new-privileges'];
    IpcMode: 'private';
    PidMode: '';
    UsernsMode: '';
    PidsLimit: number;
    NanoCpus?: number;
    Memory?: number;
    ShmSize?: number;
    DeviceRequests?: { Driver: string; Count?: number; DeviceIDs?: string[]; Capabilities: string[][] }[];
    LogConfig: { Type: 'json-file'; Config: { 'max-size': string; 'max-file': string } };
    Init?: boolean;
    AutoRemove: false;
    RestartPolicy: { Name: 'no' };
  };
}

export class ContainerSpecError extends Error {}

/** Linux capabilities Docker knows. */
export const KNOWN_CAPABILITIES = new Set([
  'AUDIT_CONTROL',
  'AUDIT_READ',
  'AUDIT_WRITE',
  'BLOCK_SUSPEND',
  'BPF',
  'CHECKPOINT_RESTORE',
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'IPC_LOCK',
  'IPC_OWNER',
  'KILL',
  'LEASE',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_RAW',
  'PERFMON',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYSLOG',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_CHROOT',
  'SYS_MODULE',
  'SYS_NICE',
  'SYS_PACCT',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'WAKE_ALARM',
]);

/** Capabilities that hand a container the host (modules, raw devices, mounts, other processes' memory, the LSM). */
export const HOST_ESCAPE_CAPABILITIES = new Set([
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_PTRACE',
  'SYS_BOOT',
  'DAC_READ_SEARCH',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'BPF',
]);

/** Checks configured capability names (EXEC_CAP_ADD, comma-separated, with or without CAP_); returns them normalized. */
export function parseCapabilities(raw: string | undefined): string[] {
  const names = (raw ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase().replace(/^CAP_/, ''))
    .filter(Boolean);
  for (const name of names) {
    if (!KNOWN_CAPABILITIES.has(name))
      throw new ContainerSpecError(`EXEC_CAP_ADD: "${name}" is not a Linux capability`);
    if (HOST_ESCAPE_CAPABILITIES.has(name)) {
      throw new ContainerSpecError(
        `EXEC_CAP_ADD: ${name} would give containers control of the host; it cannot be added`,
      );
    }
  }
  return [...new Set(names)];
}

/** Network modes a container may use; never another container's or a namespace path. */
const NETWORK_MODES = new Set<string>([...EXEC_NETWORK_MODES, 'default']);
/** Host folders a container never gets, whatever the service asks. */
const FORBIDDEN_SOURCES = ['/proc', '/sys', '/dev', '/boot', '/etc', '/run', '/var/run', '/var/lib/docker'];
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function pathProblem(what: string, p: string): string | undefined {
  // Mounts are structured (no "src:dst:opts" bind strings), so "," and ":" are ordinary characters here.
  if (!path.posix.isAbsolute(p) || path.posix.normalize(p) !== p || p.includes('\0'))
    return `mount ${what} "${p}" must be an absolute, normalized path`;
  return undefined;
}

/** Why a host path can never be a mount source (not absolute, a host system folder, the engine's socket); undefined when it can. */
export function mountSourceProblem(source: string): string | undefined {
  const problem = pathProblem('source', source);
  if (problem) return problem;
  if (
    source === '/' ||
    FORBIDDEN_SOURCES.some((f) => source === f || source.startsWith(`${f}/`)) ||
    /docker\.sock$/.test(source)
  ) {
    return `mount source "${source}" is a host system folder`;
  }
  return undefined;
}

/** A bind mount the template accepts, in Docker's form; throws ContainerSpecError otherwise. */
export function checkedMount(m: {
  source: unknown;
  target: unknown;
  readOnly?: unknown;
}): ContainerCreateConfig['HostConfig']['Mounts'][number] {
  const { source, target } = m;
  if (typeof source !== 'string' || typeof target !== 'string')
    throw new ContainerSpecError('a mount needs a source and a target path');
  const problem = mountSourceProblem(source) ?? pathProblem('target', target);
  if (problem) throw new ContainerSpecError(problem);
  if (target === '/') throw new ContainerSpecError("a mount cannot replace the container's root");
  return { Type: 'bind', Source: source, Target: target, ReadOnly: m.readOnly === true };
}

/** What a container and a Swarm job are checked for alike, in the engine's terms. */
export interface CheckedWorkload {
  mounts: ContainerCreateConfig['HostConfig']['Mounts'];
  /** `NAME=value` lines. */
  env: string[];
  capAdd: string[];
  /** The process limit, never above the policy's. */
  pidsLimit: number;
  logMaxSize: string;
  logMaxFile: number;
  cpus?: number;
  memoryBytes?: number;
  shmSizeBytes?: number;
}

/**
 * Checks the fields a container and a Swarm job share: mounts (each allowed,
 * no two on one target), environment names, capabilities within the policy,
 * the process limit, log rotation, and positive limits. Throws
 * ContainerSpecError for the first that is not allowed.
 */
export function checkedWorkload(spec: WorkloadSpec, policy: ContainerPolicy): CheckedWorkload {
  const mounts = (spec.mounts ?? []).map(checkedMount);
  const targets = mounts.map((m) => m.Target);
  if (new Set(targets).size !== targets.length) throw new ContainerSpecError('two mounts share a target');

  const env = Object.entries(spec.env ?? {}).map(([k, v]) => {
    if (!ENV_NAME.test(k)) throw new ContainerSpecError(`"${k}" is not an environment variable name`);
    return `${k}=${String(v)}`;
  });

  const capAdd = [...new Set(spec.capAdd ?? [])].map((c) => String(c).toUpperCase().replace(/^CAP_/, ''));
  const refused = capAdd.filter((c) => !policy.capAdd.includes(c));
  if (refused.length) throw new ContainerSpecError(`capabilities ${refused.join(', ')} are not in EXEC_CAP_ADD`);

  const pids = spec.pidsLimit ?? policy.pidsLimit;
  if (!Number.isInteger(pids) || pids <= 0)
    throw new ContainerSpecError('the process limit must be a positive integer');

  const logMaxSize = spec.logMaxSize ?? policy.logMaxSize;
  const logMaxFile = spec.logMaxFile ?? policy.logMaxFile;
  if (!SIZE_PATTERN.test(logMaxSize)) throw new ContainerSpecError(`"${logMaxSize}" is not a log size`);
  if (!Number.isInteger(logMaxFile) || logMaxFile <= 0)
    throw new ContainerSpecError('the log file count must be a positive integer');

  const positive = (n: number | undefined, what: string) => {
    if (n !== undefined && !(Number.isFinite(n) && n > 0)) throw new ContainerSpecError(`${what} must be positive`);
    return n;
  };
  return {
    mounts,
    env,
    capAdd,
    pidsLimit: Math.min(pids, policy.pidsLimit),
    logMaxSize,
    logMaxFile,
    cpus: positive(spec.cpus, 'the CPU limit'),
    memoryBytes: positive(spec.memoryBytes, 'the memory limit'),
    shmSizeBytes: positive(spec.shmSizeBytes, 'the shared memory size'),
  };
}

/**
 * Docker's create body for a spec under a policy. Throws ContainerSpecError
 * for a spec that asks for something the template does not allow.
 */
export function containerCreateConfig(spec: ContainerSpec, policy: ContainerPolicy): ContainerCreateConfig {
  if (spec.name !== undefined && !CONTAINER_NAME.test(spec.name))
    throw new ContainerSpecError(`"${spec.name}" is not a container name`);
  if (typeof spec.image !== 'string' || !spec.image || spec.image.startsWith('-'))
    throw new ContainerSpecError('an image is required');
  if (!Array.isArray(spec.cmd) || !spec.cmd.every((c) => typeof c === 'string'))
    throw new ContainerSpecError('the command must be a list of strings');
  if (!NETWORK_MODES.has(spec.networkMode))
    throw new ContainerSpecError(`network mode "${spec.networkMode}" is not allowed`);

  const { mounts, env, capAdd, pidsLimit, logMaxSize, logMaxFile, cpus, memoryBytes, shmSizeBytes } = checkedWorkload(
    spec,
    policy,
  );

  const ports = (spec.publishPorts ?? []).map((p) => {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new ContainerSpecError(`${p} is not a port`);
    return p;
  });
  const gpus = spec.gpus;
  if (gpus?.deviceIds && !gpus.deviceIds.every((d) => /^[A-Za-z0-9-]+$/.test(d)))
    throw new ContainerSpecError('bad GPU device id');

  return {
    name: spec.name,
    Image: spec.image,
    Cmd: [...spec.cmd],
    Entrypoint: spec.entrypoint ? [...spec.entrypoint] : undefined,
    WorkingDir: spec.workingDir,
    Env: env,
    Labels: spec.labels ? { ...spec.labels } : undefined,
    User: spec.user,
    Tty: false,
    OpenStdin: false,
    ExposedPorts: Object.fromEntries(ports.map((p) => [`${p}/tcp`, {}])),
    HostConfig: {
      Mounts: mounts,
      Binds: [],
      Devices: [],
      NetworkMode: spec.networkMode,
      PortBindings: Object.fromEntries(ports.map((p) => [`${p}/tcp`, [{ HostIp: '127.0.0.1', HostPort: String(p) }]])),
      Privileged: false,
      CapDrop: ['ALL'],
      CapAdd: capAdd,
      SecurityOpt: ['no-new-privileges'],
      IpcMode: 'private',
      PidMode: '',
      UsernsMode: '',
      PidsLimit: pidsLimit,
      NanoCpus: cpus ? Math.round(cpus * 1e9) : undefined,
      Memory: memoryBytes,
      ShmSize: shmSizeBytes,
      DeviceRequests: gpus
        ? [
            {
              Driver: '',
              Count: gpus.deviceIds ? undefined : (gpus.count ?? -1),
              DeviceIDs: gpus.deviceIds ? [...gpus.deviceIds] : undefined,
              Capabilities: [['gpu']],
            },
          ]
        : undefined,
      LogConfig: { Type: 'json-file', Config: { 'max-size': logMaxSize, 'max-file': String(logMaxFile) } },
      Init: spec.init === true ? true : undefined,
      AutoRemove: false,
      RestartPolicy: { Name: 'no' },
    },
  };
}
