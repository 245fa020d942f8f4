import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as yazl from 'yazl';
import type { components } from '../../openapi/client';
import {
  BUSYBOX_IMAGE,
  PYTHON_IMAGE,
  Service,
  ValidationProblem,
  freePort,
  json,
  startService,
  tempDir,
} from './harness';

type ImageBuild = components['schemas']['ImageBuildDto'];

jest.setTimeout(240_000);

const run = promisify(execFile);
const suffix = randomBytes(4).toString('hex');
/** A unique tag for this run; every one is removed at the end. */
const tag = (what: string) => `e2e-image-${suffix}-${what}:1`;
const created = new Set<string>();

/**
 * Removes the images that earlier runs of the apt test and of the image benchmark left behind: they share the apt
 * build's steps, so without this its steps would come from the cache instead of running.
 */
async function removeEarlierAptImages(): Promise<void> {
  const tags = (await docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}')).split('\n');
  const earlier = tags.filter((t) => /^e2e-image-[0-9a-f]{8}-apt:1$|^e2e-image-bench-[0-9a-f]{8}:1$/.test(t));
  if (earlier.length > 0) await docker('rmi', '-f', ...earlier);
}

async function docker(...args: string[]): Promise<string> {
  return (await run('docker', args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
}

/** Asserts the engine's own answer that an image does not exist: a failing CLI or an unreachable engine fails the test. */
async function expectNoImage(name: string): Promise<void> {
  await expect(docker('image', 'inspect', name)).rejects.toMatchObject({
    stderr: expect.stringContaining(`No such image: ${name}`) as unknown,
  });
}

/** Whether a container is running; 'removed' only when the engine says there is no such container. */
async function containerState(id: string): Promise<'true' | 'false' | 'removed'> {
  try {
    return (await docker('inspect', '-f', '{{.State.Running}}', id)).trim() as 'true' | 'false';
  } catch (e) {
    if (/No such (object|container): /.test(String((e as { stderr?: string }).stderr))) return 'removed';
    throw e;
  }
}

async function startBuild(svc: Service, body: Record<string, unknown>): Promise<void> {
  created.add(String(body.name));
  const res = await svc.client.POST('/api/image/create', { body: body as never });
  expect({ status: res.response.status, body: res.data ?? res.error }).toEqual({
    status: 200,
    body: { success: true },
  });
}

async function getBuild(svc: Service, name: string) {
  return svc.client.GET('/api/image/create/{name}', { params: { path: { name } } });
}

/** Polls the record until the build exited. */
async function waitForBuild(svc: Service, name: string, timeoutMs = 240_000): Promise<ImageBuild> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data, response } = await getBuild(svc, name);
    expect(response.status).toBe(200);
    if (data!.status === 'exited') return data!;
    if (Date.now() > deadline) throw new Error(`build ${name} still running:\n${data!.lines.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A pure-Python wheel written by hand, with a correct RECORD. */
async function writeWheel(
  dir: string,
  project: string,
  version: string,
  module: string,
  source: string,
): Promise<string> {
  const dist = `${module}-${version}.dist-info`;
  const files: [string, string][] = [
    [`${module}/__init__.py`, source],
    [`${dist}/METADATA`, `Metadata-Version: 2.1\nName: ${project}\nVersion: ${version}\n`],
    [`${dist}/WHEEL`, 'Wheel-Version: 1.0\nGenerator: webapi-e2e\nRoot-Is-Purelib: true\nTag: py3-none-any\n'],
  ];
  const digest = (s: string | Buffer) => createHash('sha256').update(s).digest('base64url');
  const record =
    files.map(([name, text]) => `${name},sha256=${digest(text)},${Buffer.byteLength(text)}`).join('\n') +
    `\n${dist}/RECORD,,\n`;
  const zip = new yazl.ZipFile();
  for (const [name, text] of [...files, [`${dist}/RECORD`, record] as [string, string]])
    zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const file = `${module}-${version}-py3-none-any.whl`;
  await new Promise<void>((resolve, reject) =>
    zip.outputStream
      .pipe(createWriteStream(path.join(dir, file)))
      .on('close', resolve)
      .on('error', reject),
  );
  const whl = await fs.readFile(path.join(dir, file));
  const sha = createHash('sha256').update(whl).digest('hex');
  // A PEP 503 "simple" index: /simple/<project>/ lists the project's files.
  await fs.mkdir(path.join(dir, 'simple', project), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'simple', 'index.html'),
    `<html><body><a href="${project}/">${project}</a></body></html>\n`,
  );
  await fs.writeFile(
    path.join(dir, 'simple', project, 'index.html'),
    `<html><body><a href="../../${file}#sha256=${sha}">${file}</a></body></html>\n`,
  );
  return file;
}

/** Serves a folder on 127.0.0.1 with Python's http.server; resolves once it answers. */
async function serveFolder(dir: string): Promise<{ url: string; child: ChildProcess; requests: () => string }> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let requests = '';
  child.stderr.on('data', (d) => (requests += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/simple/`)).ok) break;
    } catch {
      if (i > 100) throw new Error('the package index did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, child, requests: () => requests };
}

describe('image builds', () => {
  let svc: Service;
  let index: Awaited<ReturnType<typeof serveFolder>>;

  beforeAll(async () => {
    const indexDir = await tempDir('webapi-e2e-index-');
    await writeWheel(
      indexDir,
      'webapi-e2e-hello',
      '0.1',
      'webapi_e2e_hello',
      'GREETING = "hello from a local index"\n',
    );
    index = await serveFolder(indexDir);
    // The index listens on the host's 127.0.0.1: builds reach it only with host networking
    // (with a bridge, `auto` would pick the bridge and 127.0.0.1 would be the build's own).
    svc = await startService({
      BUILD_PIP_INDEX_URL: `${index.url}/simple/`,
      BUILD_PIP_TRUSTED_HOST: '127.0.0.1',
      BUILD_NETWORK_MODE: 'host',
    });
  });

  afterAll(async () => {
    await svc?.stop();
    index?.child.kill();
    for (const name of created) await docker('rmi', '-f', name).catch(() => undefined);
  });

  const busy = tag('busy');

  it('builds from the local busybox image with extra commands; the image is listed and runs', async () => {
    await startBuild(svc, {
      name: busy,
      baseImage: BUSYBOX_IMAGE,
      update: false,
      aptInstall: '',
      pipInstall: '',
      additionalCommand: `mkdir -p /opt/e2e\necho "built by the API" > /opt/e2e/marker\n\necho step-three-ran ${suffix}`,
    });
    const build = await waitForBuild(svc, busy);
    expect(build).toMatchObject({ name: busy, status: 'exited', result: 'succeeded', error: null, droppedLines: 0 });
    expect(build.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(build.lines).toContain(`step-three-ran ${suffix}`);
    expect(build.lines).toContain(`Successfully tagged ${busy}`);
    expect(Date.parse(build.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(build.startedAt!));

    const list = await svc.client.GET('/api/image/list');
    expect(list.response.status).toBe(200);
    const item = list.data!.find((i) => i.RepoTags?.includes(busy));
    expect(item).toMatchObject({ Id: build.imageId });
    expect(item!.Size).toBeGreaterThan(0);
    expect(Math.abs(item!.Created - Date.now() / 1000)).toBeLessThan(600);
    expect(item).toHaveProperty('RepoDigests');
    expect(item).toHaveProperty('ParentId');

    expect((await docker('run', '--rm', '--network', 'none', busy, 'cat', '/opt/e2e/marker')).trim()).toBe(
      'built by the API',
    );
  });

  it('installs a pip package from the configured local index, never from the request', async () => {
    const name = tag('pip');
    await startBuild(svc, { name, baseImage: PYTHON_IMAGE, pipInstall: 'webapi-e2e-hello==0.1' });
    const build = await waitForBuild(svc, name);
    expect({ result: build.result, error: build.error }).toEqual({ result: 'succeeded', error: null });
    expect(build.lines.join('\n')).toMatch(/Successfully installed webapi-e2e-hello-0\.1/);
    expect(index.requests()).toContain('GET /simple/webapi-e2e-hello/');
    const out = await docker(
      'run',
      '--rm',
      '--network',
      'none',
      name,
      'python',
      '-c',
      'import webapi_e2e_hello as m; print(m.GREETING)',
    );
    expect(out.trim()).toBe('hello from a local index');
  });

  it('refuses a body that tries to choose the index or pass options, naming the field', async () => {
    for (const [field, value] of [
      ['pipInstall', `--index-url ${index.url}/simple/ webapi-e2e-hello`],
      ['pipInstall', '-o x'],
      ['aptInstall', 'jq -o APT::Get::AllowUnauthenticated=true'],
      ['baseImage', `${BUSYBOX_IMAGE}\nRUN id`],
      ['additionalCommand', 'echo a \\\nFROM busybox'],
      ['name', 'Bad Name'],
    ]) {
      const res = await svc.client.POST('/api/image/create', {
        body: { name: tag('bad'), baseImage: BUSYBOX_IMAGE, [field]: value } as never,
      });
      expect(res.response.status).toBe(400);
      expect(res.error).toMatchObject({ status: 400, errors: [expect.objectContaining({ field })] });
    }
    const extra = await fetch(`${svc.url}/api/image/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: tag('bad'), baseImage: BUSYBOX_IMAGE, pipIndexUrl: `${index.url}/simple/` }),
    });
    expect(extra.status).toBe(400);
    expect((await json<ValidationProblem>(extra)).errors).toEqual([expect.objectContaining({ field: 'pipIndexUrl' })]);
    // Nothing was started for the refused bodies.
    expect((await getBuild(svc, tag('bad'))).response.status).toBe(404);
    expect((await getBuild(svc, 'Bad Name')).response.status).toBe(400);
  });

  it('builds from the local Python image with update and an apt package', async () => {
    const name = tag('apt');
    await removeEarlierAptImages();
    await startBuild(svc, { name, baseImage: PYTHON_IMAGE, update: true, aptInstall: 'jq' });
    const build = await waitForBuild(svc, name);
    expect({ result: build.result, error: build.error }).toEqual({ result: 'succeeded', error: null });
    expect(build.lines.join('\n')).toMatch(/Setting up jq/);
    const out = await docker('run', '--rm', '--network', 'none', name, 'sh', '-c', 'echo \'{"a": [1, 2]}\' | jq -c .a');
    expect(out.trim()).toBe('[1,2]');
  });

  it('ends failing builds with result failed and the reason: a failing command, a missing apt package, a missing base image', async () => {
    const failing = tag('fail-cmd');
    const noPackage = tag('fail-apt');
    const noBase = tag('fail-base');
    const missingBase = `e2e-image-${suffix}-absent/base:1`;
    // One RUN that prints, then fails: no intermediate layer is left behind in the engine.
    await startBuild(svc, {
      name: failing,
      baseImage: BUSYBOX_IMAGE,
      additionalCommand: `echo before-failure-${suffix}; exit 3\necho never-printed`,
    });
    await startBuild(svc, { name: noPackage, baseImage: PYTHON_IMAGE, aptInstall: 'webapi-no-such-package' });
    await startBuild(svc, { name: noBase, baseImage: missingBase });

    const cmd = await waitForBuild(svc, failing);
    expect(cmd).toMatchObject({ status: 'exited', result: 'failed', imageId: null });
    expect(cmd.error).toMatch(/returned a non-zero code: 3/);
    expect(cmd.lines).toContain(`before-failure-${suffix}`);
    expect(cmd.lines).not.toContain('never-printed');
    expect(cmd.lines).toContain(cmd.error);

    const apt = await waitForBuild(svc, noPackage);
    expect(apt).toMatchObject({ status: 'exited', result: 'failed', imageId: null });
    expect(apt.error).toMatch(/returned a non-zero code: 100/);
    expect(apt.lines.join('\n')).toMatch(/Unable to locate package webapi-no-such-package/);

    const base = await waitForBuild(svc, noBase);
    expect(base).toMatchObject({ status: 'exited', result: 'failed', imageId: null });
    expect(base.error).toContain(`Pulling base image ${missingBase} failed`);
    expect(base.lines[0]).toBe(`Pulling base image ${missingBase}`);
    expect(base.lines.length).toBeGreaterThan(1);
    // Docker's own reason (no registry reachable, or no such image), not a bare status phrase.
    expect(base.error).not.toMatch(/: server error$/);
    expect(base.lines.join('\n')).toContain(base.error!.slice(`Pulling base image ${missingBase} failed: `.length));

    for (const name of [failing, noPackage, noBase]) {
      await expectNoImage(name);
    }
  });

  it('answers 409 to a second create while the name is building; forgetting the record does not stop the build', async () => {
    const name = tag('slow');
    const body = { name, baseImage: BUSYBOX_IMAGE, additionalCommand: 'sleep 3\necho slow-done' };
    await startBuild(svc, body);
    const again = await svc.client.POST('/api/image/create', { body });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ status: 409 });
    expect((await getBuild(svc, name)).data!.status).toBe('running');

    const forget = await svc.client.DELETE('/api/image/create/{name}', { params: { path: { name } } });
    expect(forget.response.status).toBe(200);
    expect((await getBuild(svc, name)).response.status).toBe(404);
    // Still building: a new create for the name is refused until it ends.
    expect((await svc.client.POST('/api/image/create', { body })).response.status).toBe(409);

    const deadline = Date.now() + 60_000;
    while (!(await docker('images', '-q', name)).trim()) {
      if (Date.now() > deadline) throw new Error('the forgotten build did not finish');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await docker('run', '--rm', '--network', 'none', name, 'echo', 'ok')).trim()).toBe('ok');
    expect((await svc.client.DELETE('/api/image/create/{name}', { params: { path: { name } } })).response.status).toBe(
      404,
    );
  });

  it('takes namespaced image names with real slashes as well as percent-encoded', async () => {
    const name = `e2e-image-${suffix}/team/ns:1`;
    await startBuild(svc, { name, baseImage: BUSYBOX_IMAGE, additionalCommand: 'echo namespaced' });
    await waitForBuild(svc, name);
    for (const url of [`/api/image/create/${name}`, `/api/image/create/${encodeURIComponent(name)}`]) {
      const res = await fetch(`${svc.url}${url}`);
      expect([url, res.status]).toEqual([url, 200]);
      expect(await json(res)).toMatchObject({ name, result: 'succeeded' });
    }
    expect((await fetch(`${svc.url}/api/image/create/${name}`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${svc.url}/api/image/create/${encodeURIComponent(name)}`)).status).toBe(404);

    const removed = await fetch(`${svc.url}/api/image/item/${name}`, { method: 'DELETE' });
    expect({ status: removed.status, body: await json(removed) }).toEqual({ status: 200, body: { success: true } });
    await expectNoImage(name);
    expect((await fetch(`${svc.url}/api/image/item/${encodeURIComponent(name)}`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it('deletes an image: 409 while a container uses it, then 200, then 404', async () => {
    // An image of its own, unique to this run (its one step echoes the run's suffix).
    const doomed = tag('doomed');
    await startBuild(svc, { name: doomed, baseImage: BUSYBOX_IMAGE, additionalCommand: `echo doomed-${suffix}` });
    expect((await waitForBuild(svc, doomed)).result).toBe('succeeded');
    const container = `e2e-image-${suffix}-user`;
    await docker('create', '--name', container, '--network', 'none', doomed, 'true');
    try {
      const inUse = await svc.client.DELETE('/api/image/item/{name}', { params: { path: { name: doomed } } });
      expect(inUse.response.status).toBe(409);
    } finally {
      await docker('rm', '-f', container);
    }
    const removed = await svc.client.DELETE('/api/image/item/{name}', { params: { path: { name: doomed } } });
    expect({ status: removed.response.status, body: removed.data }).toEqual({ status: 200, body: { success: true } });
    await expectNoImage(doomed);
    const list = await svc.client.GET('/api/image/list');
    expect(list.data!.some((i) => i.RepoTags?.includes(doomed))).toBe(false);

    const again = await svc.client.DELETE('/api/image/item/{name}', { params: { path: { name: doomed } } });
    expect(again.response.status).toBe(404);
    const bad = await svc.client.DELETE('/api/image/item/{name}', { params: { path: { name: '../etc' } } });
    expect(bad.response.status).toBe(400);
  });
});

describe('image builds with a small log limit, and shutdown', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ BUILD_LOG_MAX_LINES: '20' });
  });
  afterAll(async () => {
    await svc?.stop();
    for (const name of created) await docker('rmi', '-f', name).catch(() => undefined);
  });

  it('keeps only the newest lines of a chatty build and counts the dropped ones', async () => {
    const name = tag('chatty');
    // Unique to this run, so the step is not taken from the engine's cache.
    await startBuild(svc, { name, baseImage: BUSYBOX_IMAGE, additionalCommand: `seq 1 300 && echo ${suffix}` });
    const build = await waitForBuild(svc, name);
    expect(build.result).toBe('succeeded');
    expect(build.lines).toHaveLength(20);
    expect(build.lines[build.lines.length - 1]).toBe(`Successfully tagged ${name}`);
    expect(build.droppedLines).toBeGreaterThanOrEqual(300 - 20);
    // Every line Docker printed is either kept or counted.
    expect(build.lines).toContain('300');
  });

  it('aborts a running build when the service stops: no image, no container left running', async () => {
    const name = tag('cancel');
    await startBuild(svc, { name, baseImage: BUSYBOX_IMAGE, additionalCommand: 'sleep 120' });
    let containerId: string | undefined;
    const deadline = Date.now() + 30_000;
    while (!containerId) {
      const { data } = await getBuild(svc, name);
      containerId = data!.lines.map((l) => /Running in ([0-9a-f]+)/.exec(l)?.[1]).find(Boolean);
      if (Date.now() > deadline) throw new Error('the build did not reach its RUN step');
      if (!containerId) await new Promise((r) => setTimeout(r, 100));
    }
    const stopping = Date.now();
    await svc.stop();
    // Well before the step's 120 s sleep would end by itself: the build was canceled, not waited for.
    expect(Date.now() - stopping).toBeLessThan(60_000);
    expect(svc.output()).toContain('canceling 1 running image build(s)');
    // The engine cancels the build with its client: the step's container goes away and no tag is made.
    const gone = Date.now() + 20_000;
    for (;;) {
      if ((await containerState(containerId)) !== 'true') break;
      if (Date.now() > gone) throw new Error(`build container ${containerId} still running`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await expectNoImage(name);
  });
});

/** Debian's docker-registry binary, installed by `npm test` (docker/test-tools.sh). */
async function registryBinary(): Promise<string> {
  const found = await run('sh', ['-c', 'command -v docker-registry']).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (!found) throw new Error("Debian's docker-registry is missing: run docker/test-tools.sh (npm test does)");
  return found;
}

describe('a base image the engine does not have', () => {
  let svc: Service;
  let registry: ChildProcess | undefined;
  let registryOutput = '';
  let remote = '';

  beforeAll(async () => {
    svc = await startService();
    const binary = await registryBinary();
    const dir = await tempDir('webapi-e2e-registry-');
    const port = await freePort();
    await fs.writeFile(
      path.join(dir, 'config.yml'),
      `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
    );
    registry = spawn(binary, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    registry.stdout!.on('data', (d) => (registryOutput += d));
    registry.stderr!.on('data', (d) => (registryOutput += d));
    for (let i = 0; ; i++) {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`).catch(() => undefined))?.ok) break;
      if (i > 100) throw new Error(`the registry did not start:\n${registryOutput}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The engine treats 127.0.0.0/8 registries as insecure by default: plain http works.
    remote = `127.0.0.1:${port}/e2e-image-${suffix}/base:1`;
    await docker('tag', BUSYBOX_IMAGE, remote);
    await docker('push', remote);
    await docker('rmi', remote);
  });

  afterAll(async () => {
    await svc?.stop();
    registry?.kill();
    for (const name of [...created, remote].filter(Boolean)) await docker('rmi', '-f', name).catch(() => undefined);
  });

  it('is pulled first, with its progress in the log, then built on', async () => {
    await expectNoImage(remote);
    const name = tag('pulled');
    await startBuild(svc, { name, baseImage: remote, additionalCommand: 'echo built-on-a-pulled-base' });
    const build = await waitForBuild(svc, name);
    expect({ result: build.result, error: build.error }).toEqual({ result: 'succeeded', error: null });
    expect(build.lines[0]).toBe(`Pulling base image ${remote}`);
    const pullLines = build.lines.slice(
      1,
      build.lines.findIndex((l) => l.startsWith('Step 1/')),
    );
    expect(pullLines.join('\n')).toMatch(/Digest: sha256:[0-9a-f]{64}/);
    expect(pullLines.join('\n')).toMatch(/Status: (Downloaded newer image|Image is up to date) for /);
    expect(build.lines).toContain('built-on-a-pulled-base');
    expect((await docker('image', 'inspect', '-f', '{{.Id}}', remote)).trim()).toMatch(/^sha256:/);
  });
});
