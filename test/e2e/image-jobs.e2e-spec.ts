import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { components } from '../../openapi/client';
import { BUSYBOX_IMAGE, Service, startService } from './harness';

type ImageBuild = components['schemas']['ImageBuildDto'];

jest.setTimeout(300_000);

const run = promisify(execFile);
const suffix = randomBytes(4).toString('hex');
const tag = (what: string) => `e2e-jobs-${suffix}-${what}:1`;
const created = new Set<string>();

async function docker(...args: string[]): Promise<string> {
  return (await run('docker', args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
}

async function startBuild(svc: Service, name: string, additionalCommand: string): Promise<void> {
  created.add(name);
  // A first step of its own: no step comes from the engine's cache of earlier test runs.
  const body = { name, baseImage: BUSYBOX_IMAGE, additionalCommand: `echo ${name}\n${additionalCommand}` };
  const res = await svc.client.POST('/api/image/create', { body });
  expect({ status: res.response.status, body: res.data ?? res.error }).toEqual({
    status: 200,
    body: { success: true },
  });
}

async function getBuild(svc: Service, name: string): Promise<ImageBuild> {
  const { data, response } = await svc.client.GET('/api/image/create/{name}', { params: { path: { name } } });
  expect(response.status).toBe(200);
  return data!;
}

async function waitFor(
  svc: Service,
  name: string,
  done: (b: ImageBuild) => boolean,
  what: string,
  timeoutMs = 240_000,
): Promise<ImageBuild> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const build = await getBuild(svc, name);
    if (done(build)) return build;
    if (Date.now() > deadline)
      throw new Error(
        `build ${name}: ${what} did not happen:\n${JSON.stringify({ ...build, lines: build.lines.slice(-20) }, null, 2)}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

const exited = (svc: Service, name: string) => waitFor(svc, name, (b) => b.status === 'exited', 'the end');

/** Resident memory of a process, in bytes. */
async function rssOf(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
}

afterAll(async () => {
  for (const name of created) await docker('rmi', '-f', name).catch(() => undefined);
});

describe('builds beyond BUILD_MAX_RUNNING wait queued', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ BUILD_MAX_RUNNING: '1', BUILD_NETWORK_MODE: 'none' });
  });
  afterAll(() => svc?.stop());

  it('builds one at a time: the second shows status running, phase queued, then both finish in order', async () => {
    const first = tag('first');
    const second = tag('second');
    await startBuild(svc, first, 'sleep 3\necho first-done');
    await startBuild(svc, second, 'echo second-done');

    const a = await getBuild(svc, first);
    expect(a).toMatchObject({ status: 'running', phase: 'building', queuePosition: null, reason: null, result: null });
    expect(a.startedAt).not.toBeNull();
    const b = await getBuild(svc, second);
    expect(b).toMatchObject({
      status: 'running',
      phase: 'queued',
      queuePosition: 1,
      startedAt: null,
      result: null,
      lines: [],
      droppedLines: 0,
    });
    expect(b.reason).toMatch(/waiting for a build slot \(1 of BUILD_MAX_RUNNING=1 building\)/);
    // Still queued while the first builds.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await getBuild(svc, second)).phase).toBe('queued');

    const doneA = await exited(svc, first);
    const doneB = await exited(svc, second);
    for (const [done, line] of [
      [doneA, 'first-done'],
      [doneB, 'second-done'],
    ] as const) {
      expect(done).toMatchObject({
        status: 'exited',
        phase: 'finished',
        result: 'succeeded',
        error: null,
        reason: null,
        queuePosition: null,
      });
      expect(done.lines).toContain(line);
    }
    expect(Date.parse(doneB.startedAt!)).toBeGreaterThanOrEqual(Date.parse(doneA.finishedAt!));
    expect(Date.parse(doneB.submittedAt)).toBeLessThan(Date.parse(doneA.finishedAt!));
  });
});

describe('build records across a crash of the service (kill -9)', () => {
  let svc: Service;
  const env = { BUILD_MAX_RUNNING: '1', BUILD_LOG_MAX_LINES: '20', BUILD_NETWORK_MODE: 'none' };
  beforeAll(async () => {
    svc = await startService(env);
  });
  afterAll(() => svc?.stop());

  it('keeps finished records and full logs, fails the running build as interrupted and builds the queued one after the restart', async () => {
    const done = tag('done');
    const long = tag('long');
    const queued = tag('queued');
    await startBuild(svc, done, 'seq 1 200');
    const before = await exited(svc, done);
    expect(before).toMatchObject({ result: 'succeeded', droppedLines: expect.any(Number) as unknown });
    expect(before.lines).toHaveLength(20);

    await startBuild(svc, long, 'echo long-started; sleep 120');
    await waitFor(svc, long, (b) => b.lines.includes('long-started'), 'the long step starting');
    await startBuild(svc, queued, 'echo queued-built');
    expect(await getBuild(svc, queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });

    await svc.kill();
    svc = await startService(env, svc.dataDir);

    // The finished build is as it was, its lines read back from its log on disk.
    expect(await getBuild(svc, done)).toEqual(before);
    // The full log is on disk: every one of the 200 lines, though `lines` shows 20.
    const dir = path.join(svc.dataDir, 'images', 'builds');
    const logs = await Promise.all(
      (await fs.readdir(dir)).filter((f) => f.endsWith('.log')).map((f) => fs.readFile(path.join(dir, f), 'utf8')),
    );
    const full = logs.find((text) => text.includes(`Successfully tagged ${done}`))!.split('\n');
    for (let i = 1; i <= 200; i++) expect(full).toContain(String(i));
    expect(before.droppedLines).toBe(full.length - 1 - 20);

    const interrupted = await getBuild(svc, long);
    expect(interrupted).toMatchObject({
      status: 'exited',
      phase: 'finished',
      result: 'failed',
      error: 'interrupted',
      reason: 'interrupted',
      imageId: null,
    });
    expect(interrupted.finishedAt).not.toBeNull();
    expect(interrupted.lines).toContain('long-started');
    expect(interrupted.lines[interrupted.lines.length - 1]).toBe('The service stopped during the build: interrupted');

    const rebuilt = await exited(svc, queued);
    expect(rebuilt).toMatchObject({ result: 'succeeded', phase: 'finished' });
    expect(rebuilt.lines).toContain('queued-built');
    expect(Date.parse(rebuilt.startedAt!)).toBeGreaterThan(Date.parse(interrupted.finishedAt!) - 1000);
    expect((await docker('images', '-q', queued)).trim()).not.toBe('');
    await expect(docker('image', 'inspect', long)).rejects.toThrow();

    // Forgetting a record removes its log from disk too.
    const files = (await fs.readdir(dir)).length;
    expect(
      (await svc.client.DELETE('/api/image/create/{name}', { params: { path: { name: done } } })).response.status,
    ).toBe(200);
    expect((await fs.readdir(dir)).length).toBe(files - 2);
  });
});

describe('build logs live on disk, not in memory', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ BUILD_LOG_MAX_LINES: '5000', BUILD_NETWORK_MODE: 'none' });
  });
  afterAll(() => svc?.stop());

  it('a build printing 150 MB in 2500 long lines leaves the service memory flat; GET streams its lines from disk', async () => {
    const name = tag('chatty');
    const lines = 2500;
    const width = 60_000;
    const rssBefore = await rssOf(svc.pid);
    await startBuild(
      svc,
      name,
      `head -c ${width} /dev/zero | tr '\\0' a > /line\nfor i in $(seq 1 ${lines}); do cat /line; echo; done`,
    );
    let peak = 0;
    const deadline = Date.now() + 240_000;
    for (;;) {
      peak = Math.max(peak, await rssOf(svc.pid));
      const res = await fetch(`${svc.url}/api/image/create/${encodeURIComponent(name)}`);
      // Only the head of the document: the fields come before `lines`.
      const reader = res.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
      let head = '';
      while (!head.includes('"lines"')) {
        const { value, done } = await reader.read();
        if (done) break;
        head += Buffer.from(value).toString('utf8', 0, Math.min(value.length, 4096));
      }
      await reader.cancel();
      if (head.includes('"status":"exited"')) break;
      if (Date.now() > deadline) throw new Error('the chatty build did not end');
      await new Promise((r) => setTimeout(r, 500));
    }

    // Now read the whole record: 2500 lines of 60,000 bytes, streamed from the log file.
    const res = await fetch(`${svc.url}/api/image/create/${encodeURIComponent(name)}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    peak = Math.max(peak, await rssOf(svc.pid));
    const build = JSON.parse(text) as ImageBuild;
    expect(build).toMatchObject({ result: 'succeeded', droppedLines: 0 });
    expect(build.lines.filter((l) => l === 'a'.repeat(width))).toHaveLength(lines);
    expect(build.lines[build.lines.length - 1]).toBe(`Successfully tagged ${name}`);
    // Holding the log would take 150 MB; the service grew by far less while building and serving it.
    expect(peak - rssBefore).toBeLessThan(80 * 1024 * 1024);
  });
});

describe('build steps are limited like runs', () => {
  const parent = `webapi-e2e-builds-${suffix}`;
  const pidsDir = `/sys/fs/cgroup/pids/${parent}`;
  let svc: Service;

  beforeAll(async () => {
    // The engine's build API has no process limit: the operator's parent cgroup carries it (cgroup v1 here).
    await fs.mkdir(pidsDir);
    await fs.writeFile(path.join(pidsDir, 'pids.max'), '40');
    svc = await startService({
      EXEC_MEMORY: '64m',
      EXEC_CPUS: '0.5',
      BUILD_CGROUP_PARENT: `/${parent}`,
      BUILD_NETWORK_MODE: 'none',
    });
  });

  afterAll(async () => {
    await svc?.stop();
    // The engine made the parent in every hierarchy; remove what is empty now.
    for (const hierarchy of await fs.readdir('/sys/fs/cgroup').catch(() => [] as string[])) {
      await fs.rmdir(path.join('/sys/fs/cgroup', hierarchy, parent)).catch(() => undefined);
    }
  });

  it('gives every step the memory and CPU limits of runs and the parent cgroup, so the step sees them', async () => {
    const name = tag('limits');
    await startBuild(
      svc,
      name,
      'echo memory=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes) cpu=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)/$(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)\ngrep pids /proc/self/cgroup',
    );
    const build = await exited(svc, name);
    expect(build.result).toBe('succeeded');
    expect(build.lines).toContain(`memory=${64 * 1024 * 1024} cpu=50000/100000`);
    expect(build.lines.find((l) => /:pids:/.test(l))).toContain(`:pids:/${parent}/`);
  });

  it('fails a step that needs more memory than EXEC_MEMORY (killed, exit 137)', async () => {
    const name = tag('oom');
    await startBuild(svc, name, 'dd if=/dev/zero of=/dev/null bs=256M count=1\necho survived');
    const build = await exited(svc, name);
    expect(build).toMatchObject({ result: 'failed' });
    expect(build.error).toMatch(/returned a non-zero code: 137/);
    expect(build.lines).not.toContain('survived');
  });

  it('fails a step that forks beyond the parent cgroup’s process limit', async () => {
    const name = tag('forks');
    await startBuild(svc, name, 'for i in $(seq 1 100); do sleep 30 & done; wait\necho survived');
    const build = await exited(svc, name);
    expect(build).toMatchObject({ result: 'failed' });
    expect(build.lines.join('\n')).toMatch(/can't fork|Resource temporarily unavailable/);
    expect(build.lines).not.toContain('survived');
  });
});
