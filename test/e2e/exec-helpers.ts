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
  };
  Mounts: { Type: string; Source: string; Destination: string; RW: boolean }[];
}

/**
 * `docker inspect` of a container through the CLI; undefined only when the engine answers that it
 * does not exist. Any other failure (no CLI, no engine) throws, so "it is gone" is never a broken CLI.
 */
export function dockerInspect(nameOrId: string): Inspect | undefined {
  try {
    const found = JSON.parse(
      execFileSync('docker', ['inspect', '--type', 'container', nameOrId], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString(),
    ) as Inspect[];
    return found[0];
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
    if (stderr.includes(`No such container: ${nameOrId}`)) return undefined;
    throw new Error(`docker inspect ${nameOrId} failed: ${stderr || (e as Error).message}`, { cause: e });
  }
}

/** Names of the containers a service's data folder owns (by label), running or not. */
export function containersOf(dataDir: string): string[] {
  return execFileSync('docker', [
    'ps',
    '-a',
    '--filter',
    `label=webapi.exec.data-dir=${dataDir}`,
    '--format',
    '{{.Names}}',
  ])
    .toString()
    .split('\n')
    .filter(Boolean);
}

export function removeContainersOf(dataDir: string): void {
  const names = containersOf(dataDir);
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
