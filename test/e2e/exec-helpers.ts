import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { components } from '../../openapi/client';
import { Service } from './harness';

/** Writes files into the default storage (`<dataDir>/storage/...`). */
export async function writeStorage(dataDir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dataDir, 'storage', name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

/** The fields of `docker inspect` (the engine's own view of a container) that the tests read. */
export interface Inspect {
  Id: string;
  Path: string;
  State: { Status: string; Running: boolean; ExitCode: number; StartedAt: string; FinishedAt: string };
  Config: { Labels: Record<string, string>; WorkingDir: string; Env: string[] | null };
  HostConfig: {
    Privileged: boolean;
    CapAdd: string[] | null;
    CapDrop: string[] | null;
    SecurityOpt: string[] | null;
    PidsLimit: number | null;
    LogConfig: { Type: string; Config: Record<string, string> };
    NetworkMode: string;
    PidMode: string;
    IpcMode: string;
    UsernsMode: string;
    Binds: string[] | null;
    Devices: unknown[] | null;
    VolumesFrom: string[] | null;
    DeviceRequests: unknown[] | null;
    RestartPolicy: { Name: string };
    /** Structured mounts (on swarm, the tmpfs at /dev/shm). */
    Mounts?: { Type: string; Target: string; TmpfsOptions?: { SizeBytes?: number } }[] | null;
  };
  Mounts: { Type: string; Source: string; Destination: string; RW: boolean }[];
  /** On swarm: the run's service. */
  Service?: ServiceInspect;
}

/** The parts of `docker service inspect` the tests read. */
export interface ServiceInspect {
  ID: string;
  Spec: {
    Labels: Record<string, string>;
    Mode: unknown;
    TaskTemplate: {
      RestartPolicy: { Condition: string };
      Networks?: { Target: string }[];
      Placement?: { Constraints?: string[] };
      Resources: { Reservations: { NanoCPUs?: number; MemoryBytes?: number; GenericResources?: unknown[] } };
    };
  };
}

/** The run engine the started services use (the jest project `e2e-swarm` sets RUN_BACKEND=swarm). */
export const BACKEND: 'docker' | 'swarm' = process.env.RUN_BACKEND === 'swarm' ? 'swarm' : 'docker';

function docker(args: string[]): string {
  return execFileSync('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/** `docker inspect` of one object; undefined only when the engine answers that it does not exist. */
function inspect<T = Inspect>(type: 'container' | 'service', nameOrId: string): T | undefined {
  try {
    return (JSON.parse(docker(['inspect', '--type', type, nameOrId])) as T[])[0];
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
    if (/No such (container|service|object)|service .* not found/i.test(stderr)) return undefined;
    throw new Error(`docker inspect ${nameOrId} failed: ${stderr || (e as Error).message}`, { cause: e });
  }
}

/**
 * `docker inspect` of a run's container through the CLI, by the run's engine
 * name (the container's name; on swarm the service's, and this is its
 * task's container, with the service as `Service`). Undefined only when the
 * engine answers that it does not exist. Any other failure (no CLI, no
 * engine) throws, so "it is gone" is never a broken CLI. On swarm, a job
 * whose task Swarm already removed (a stopped one) shows the end the
 * service was labelled with.
 */
export function dockerInspect(nameOrId: string): Inspect | undefined {
  if (BACKEND === 'docker') return inspect('container', nameOrId);
  const service = inspect<ServiceInspect>('service', nameOrId);
  if (!service) return undefined;
  const [container] = docker(['ps', '-aq', '--no-trunc', '--filter', `label=com.docker.swarm.service.id=${service.ID}`])
    .split('\n')
    .filter(Boolean);
  const found = container ? inspect('container', container) : undefined;
  if (found) return { ...found, Service: service };
  const stopped = service.Spec.Labels['webapi.exec.stopped'];
  const end = stopped ? (JSON.parse(stopped) as { exitCode: number; finishedAt: string }) : undefined;
  return {
    State: { Status: 'exited', Running: false, ExitCode: end?.exitCode, FinishedAt: end?.finishedAt },
    Service: service,
  } as Inspect;
}

/** Engine names of the runs a service's data folder owns (by label), running or not: containers, or swarm services. */
export function containersOf(dataDir: string): string[] {
  const label = `label=webapi.exec.data-dir=${dataDir}`;
  return (
    BACKEND === 'swarm'
      ? docker(['service', 'ls', '--filter', label, '--format', '{{.Name}}'])
      : docker(['ps', '-a', '--filter', label, '--format', '{{.Names}}'])
  )
    .split('\n')
    .filter(Boolean);
}

/** Removes a run from the engine behind the service's back (a container, or a swarm service with its task's container). */
export function removeRun(name: string): void {
  if (BACKEND === 'docker') return void docker(['rm', name]);
  const service = inspect<ServiceInspect>('service', name);
  if (!service) throw new Error(`no service ${name}`);
  docker(['service', 'rm', name]);
  const containers = docker(['ps', '-aq', '--filter', `label=com.docker.swarm.service.id=${service.ID}`])
    .split('\n')
    .filter(Boolean);
  if (containers.length) docker(['rm', '-f', ...containers]);
}

export function removeContainersOf(dataDir: string): void {
  if (BACKEND === 'swarm') {
    const services = containersOf(dataDir);
    if (services.length) execFileSync('docker', ['service', 'rm', ...services], { stdio: 'ignore' });
  }
  // On swarm too: the task containers carry the run's labels, and engines before 24.0 keep them.
  const names = docker(['ps', '-aq', '--filter', `label=webapi.exec.data-dir=${dataDir}`])
    .split('\n')
    .filter(Boolean);
  if (names.length) execFileSync('docker', ['rm', '-f', ...names], { stdio: 'ignore' });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until the run's container has exited (through the API) and returns its info. */
export async function waitExited(
  svc: Service,
  execId: string,
  timeoutMs = 60_000,
): Promise<components['schemas']['ExecInfoDto']> {
  return waitFor(
    `run ${execId} to exit`,
    async () => {
      const { data } = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: execId } } });
      return data && !data.State.Running && data.State.Status === 'exited' ? data : undefined;
    },
    timeoutMs,
  );
}

/** Creates a run through the API, asserting that the create was accepted; returns its id. */
export async function createRun(svc: Service, body: components['schemas']['CreateExecDto']): Promise<string> {
  const res = await svc.client.POST('/api/exec/create', { body });
  expect({ status: res.response.status, error: res.error }).toEqual({ status: 200, error: undefined });
  return res.data!.exec_id;
}
