import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
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

/** `docker inspect` of a container through the CLI; undefined when it does not exist. */
export function dockerInspect(nameOrId: string): Inspect | undefined {
  try {
    return JSON.parse(execFileSync('docker', ['inspect', '--type', 'container', nameOrId], { stdio: ['ignore', 'pipe', 'ignore'] }).toString())[0];
  } catch {
    return undefined;
  }
}

/** Names of the containers a service's data folder owns (by label), running or not. */
export function containersOf(dataDir: string): string[] {
  return execFileSync('docker', ['ps', '-a', '--filter', `label=webapi.exec.data-dir=${dataDir}`, '--format', '{{.Names}}'])
    .toString()
    .split('\n')
    .filter(Boolean);
}

export function removeContainersOf(dataDir: string): void {
  const names = containersOf(dataDir);
  if (names.length) execFileSync('docker', ['rm', '-f', ...names], { stdio: 'ignore' });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
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

