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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Inspect = any;

/**
 * `docker inspect` of a container through the CLI; undefined only when the engine answers that it
 * does not exist. Any other failure (no CLI, no engine) throws, so "it is gone" is never a broken CLI.
 */
export function dockerInspect(nameOrId: string): Inspect | undefined {
  try {
    return JSON.parse(
      execFileSync('docker', ['inspect', '--type', 'container', nameOrId], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString(),
    )[0];
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
    if (stderr.includes(`No such container: ${nameOrId}`)) return undefined;
    throw new Error(`docker inspect ${nameOrId} failed: ${stderr || (e as Error).message}`);
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
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until the run's container has exited (through the API) and returns its info. */
export async function waitExited(svc: Service, execId: string, timeoutMs = 60_000): Promise<Inspect> {
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
