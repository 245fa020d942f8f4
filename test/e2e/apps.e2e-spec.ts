import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Service, freePort, startService, tempDir } from './harness';
import type { Inspect } from './exec-helpers';

jest.setTimeout(300_000);

const run = promisify(execFile);
const docker = async (...args: string[]) => (await run('docker', args)).stdout.trim();
const REPO_APPS = path.join(__dirname, '..', '..', 'apps');

/** Ids of the containers (running or not) carrying a label. */
async function containersWith(label: string): Promise<string[]> {
  const out = await docker('ps', '-a', '--no-trunc', '--filter', `label=${label}`, '--format', '{{.ID}}');
  return out ? out.split('\n') : [];
}

async function writeModule(appsDir: string, id: string, manifest: object, mainPy?: string): Promise<void> {
  await fs.mkdir(path.join(appsDir, id, 'src'), { recursive: true });
  await fs.writeFile(path.join(appsDir, id, 'appinfo.json'), JSON.stringify({ id, ...manifest }, null, 2));
  if (mainPy !== undefined) await fs.writeFile(path.join(appsDir, id, 'src', 'main.py'), mainPy);
}

/** The modules of the test's APPS_DIR with a valid manifest, in listing order. */
const LISTED = [
  'crashing-server',
  'deaf-server',
  'example-script',
  'example-server',
  'failing-script',
  'flaky-server',
  'readonly-source',
  'silent-script',
  'sleepy-script',
  'slow-build',
  'sourceless-script',
  'sourceless-server',
  'string-command',
];

/** A server module that answers /api/ping, then answers /api/run as the body's `mode` asks: HTTP 500, plain text, or JSON. */
const FLAKY_SERVER = `import json, os
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def send(self, status, text, kind):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.send(200, json.dumps({"success": True}), "application/json")

    def do_POST(self):
        params = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        mode = params.get("mode")
        if mode == "error":
            self.send(500, "boom", "text/plain")
        elif mode == "text":
            self.send(200, "plain words", "text/plain")
        else:
            self.send(200, json.dumps({"mode": mode}), "application/json")

    def log_message(self, *args):
        pass

print("flaky serving", flush=True)
HTTPServer((os.environ["APP_HOST"], int(os.environ["APP_PORT"])), Handler).serve_forever()
`;

describe('app modules', () => {
  const suffix = randomBytes(4).toString('hex');
  const scriptTag = `e2e-apps-${suffix}/example-script:1`;
  const serverTag = `e2e-apps-${suffix}/example-server:1`;
  const slowTag = `e2e-apps-${suffix}/slow-build:1`;
  let svc: Service;
  let root: string;
  let dataDir: string;
  let appsDir: string;
  let serverPort: number;
  let owner: string;
  let deafPort: number;

  /** The service on the test's modules folder, meeting file permissions as an ordinary user would. */
  const start = (data?: string) =>
    startService(
      { APPS_DIR: appsDir, APP_RUN_TIMEOUT_SECONDS: '8', APP_SERVER_READY_TIMEOUT_SECONDS: '5', LOG_LEVEL: 'warn' },
      data,
      { honourFilePermissions: true },
    );

  const runModule = (id: string, body: Record<string, unknown>) =>
    svc.client.POST('/api/app/run/{module_id}', { params: { path: { module_id: id } }, body });

  /** The example server's container, started by a call when none runs yet; answers how many calls it has counted. */
  async function serverCalls(): Promise<number> {
    const res = await runModule('example-server', { numbers: [] });
    expect(res.response.status).toBe(200);
    return (res.data as { calls: number }).calls;
  }

  beforeAll(async () => {
    // A copy of the shipped modules with a unique image tag and a free port,
    // so runs do not clash with anything else on this shared engine.
    root = await tempDir('webapi-apps-');
    appsDir = path.join(root, 'apps');
    dataDir = path.join(root, 'data');
    await fs.cp(REPO_APPS, appsDir, { recursive: true });
    serverPort = await freePort();
    type Manifest = { image: { tag: string }; execution: { port: number } };
    const edit = async (id: string, change: (m: Manifest) => void) => {
      const file = path.join(appsDir, id, 'appinfo.json');
      const manifest = JSON.parse(await fs.readFile(file, 'utf8')) as Manifest;
      change(manifest);
      await fs.writeFile(file, JSON.stringify(manifest));
    };
    await edit('example-script', (m) => (m.image.tag = scriptTag));
    await edit('example-server', (m) => {
      m.image.tag = serverTag;
      m.execution.port = serverPort;
    });
    // Modules that misbehave, on the script module's image.
    const image = { tag: scriptTag, build: { base: 'webapi/python:3' } };
    const script = { type: 'script', image, execution: { src: 'src' } };
    await writeModule(
      appsDir,
      'failing-script',
      { ...script, name: 'Fails' },
      'import sys, time\nfor i in range(80):\n    print(f"step {i}")\ntime.sleep(0.5)\nprint("giving up", file=sys.stderr)\nsys.exit(3)\n',
    );
    await writeModule(
      appsDir,
      'silent-script',
      { ...script, name: 'Writes no result' },
      'print("done, but no result")\n',
    );
    await writeModule(
      appsDir,
      'sleepy-script',
      { ...script, name: 'Never ends' },
      'import time\nprint("sleeping", flush=True)\ntime.sleep(600)\n',
    );
    await fs.mkdir(path.join(appsDir, 'broken-manifest'));
    await fs.writeFile(path.join(appsDir, 'broken-manifest', 'appinfo.json'), '{"name": "half');
    await writeModule(appsDir, 'serverless-server', { name: 'No port', type: 'server', image, execution: {} });
    // List fields: additional_command may be one command as a string; other lists must be lists.
    await writeModule(appsDir, 'string-command', {
      ...script,
      name: 'One build command',
      image: { tag: scriptTag, build: { base: 'webapi/python:3', additional_command: 'echo built' } },
    });
    // An image build longer than the run's time limit.
    await writeModule(appsDir, 'slow-build', {
      ...script,
      name: 'Slow build',
      image: {
        tag: slowTag,
        build: { base: 'webapi/busybox:latest', additional_command: ['echo building-slowly', 'sleep 40'] },
      },
    });
    // Server modules that misbehave: wrong answers, an exit before /api/ping, no /api/ping at all.
    const server = (port: number) => ({ type: 'server', image, execution: { src: 'src', port } });
    await writeModule(appsDir, 'flaky-server', { ...server(await freePort()), name: 'Flaky' }, FLAKY_SERVER);
    await writeModule(
      appsDir,
      'crashing-server',
      { ...server(await freePort()), name: 'Crashes' },
      'import sys\nprint("cannot start: no model", flush=True)\nsys.exit(4)\n',
    );
    deafPort = await freePort();
    await writeModule(
      appsDir,
      'deaf-server',
      { ...server(deafPort), name: 'Never ready' },
      'import time\nprint("warming up", flush=True)\ntime.sleep(600)\n',
    );
    // A read-only source folder without the input/output mount points.
    await writeModule(appsDir, 'readonly-source', { ...script, name: 'Read-only source' }, 'print("never runs")\n');
    await fs.chmod(path.join(appsDir, 'readonly-source', 'src'), 0o555);
    // Source folders that are not there: both kinds answer 422 naming the folder.
    await writeModule(appsDir, 'sourceless-script', { ...script, name: 'No source', execution: { src: 'code' } });
    await writeModule(appsDir, 'sourceless-server', {
      name: 'No source',
      type: 'server',
      image,
      execution: { src: 'code', port: 1 },
    });
    await writeModule(appsDir, 'string-params', {
      ...script,
      name: 'Params as a string',
      execution: { src: 'src', command_params: '--top 3' },
    });

    await fs.mkdir(dataDir);
    owner = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
    svc = await start(dataDir);
    // The script modules' image, built once for every test (a first build may outlast the 8 s limit: it goes on, and a later call waits again).
    const deadline = Date.now() + 240_000;
    for (;;) {
      const status = (await runModule('example-script', { text: 'warm up' })).response.status;
      if (status === 200) break;
      expect(status).toBe(504);
      if (Date.now() > deadline) throw new Error(`the image ${scriptTag} was not built within 240 s`);
    }
  }, 300_000);

  afterAll(async () => {
    await svc?.stop();
    for (const id of await containersWith(`webapi.app.owner=${owner}`))
      await docker('rm', '-f', id).catch(() => undefined);
    await docker('rmi', '-f', scriptTag, serverTag, slowTag).catch(() => undefined);
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('lists the valid modules with their defaults filled in, leaving out invalid manifests', async () => {
    const { data, response } = await svc.client.GET('/api/app/list');
    expect(response.status).toBe(200);
    expect(data!.map((m) => m.id)).toEqual(LISTED);
    const server = data!.find((m) => m.id === 'example-server')!;
    expect(server).toMatchObject({
      type: 'server',
      image: {
        tag: serverTag,
        build: { base: 'webapi/python:3', update: false, apt: '', pip: '', additional_command: [] },
      },
      execution: { src: 'src', command: ['python', 'main.py'], command_params: [], port: serverPort },
    });
    expect(data!.find((m) => m.id === 'example-script')!.execution).toMatchObject({
      command_params: ['--top', '3'],
      input: 'input',
      output: 'output',
    });
    expect(svc.output()).toContain('app module "broken-manifest" left out');
    expect(svc.output()).toContain('app module "serverless-server" left out: execution.port');
    expect(data!.find((m) => m.id === 'string-command')!.image.build!.additional_command).toEqual(['echo built']);
    expect(svc.output()).toContain(
      'app module "string-params" left out: execution.command_params: command_params must be an array\n',
    );
    expect(svc.output()).not.toContain('must contain no more than');
  });

  it('answers 404 for an unknown module, 400 for a bad id or a body that is not an object, 422 for an invalid manifest', async () => {
    expect((await runModule('no-such-module', {})).response.status).toBe(404);
    expect((await runModule('.hidden', {})).response.status).toBe(400);
    const list = await fetch(`${svc.url}/api/app/run/example-script`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1, 2]',
    });
    expect(list.status).toBe(400);
    const broken = await runModule('broken-manifest', {});
    expect(broken.response.status).toBe(422);
    expect(broken.error!.detail).toContain('appinfo.json is not valid JSON');
    for (const id of ['sourceless-script', 'sourceless-server']) {
      const sourceless = await runModule(id, {});
      expect({ id, status: sourceless.response.status }).toEqual({ id, status: 422 });
      expect(sourceless.error!.detail).toBe(
        `App module "${id}": source folder "code" (${path.join(appsDir, id, 'code')}) does not exist`,
      );
    }
  });

  it('runs the example script module: the body becomes params.json, result.json is the answer', async () => {
    const res = await runModule('example-script', { text: 'the cat saw the other cat and the dog' });
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({
      words: 9,
      characters: 37,
      top: [
        ['the', 3],
        ['cat', 2],
        ['saw', 1],
      ],
    });
    // Nothing of the run is left behind: no container, no run folder.
    expect(await containersWith('webapi.app.module=example-script')).toEqual([]);
    expect(await fs.readdir(path.join(dataDir, 'app-runs'))).toEqual([]);
  });

  it('writes nothing into a module folder that ships its mount points, and answers 422 when a read-only one lacks them', async () => {
    // The shipped example holds its mount points: a run leaves its folder as it was.
    expect((await runModule('example-script', { text: 'a run' })).response.status).toBe(200);
    expect((await fs.readdir(path.join(appsDir, 'example-script', 'src'))).sort()).toEqual([
      'input',
      'main.py',
      'output',
    ]);
    expect(await fs.readdir(path.join(appsDir, 'example-script', 'src', 'input'))).toEqual(['.gitkeep']);

    const source = path.join(appsDir, 'readonly-source', 'src');
    const res = await runModule('readonly-source', {});
    expect(res.response.status).toBe(422);
    expect(res.error!.detail).toBe(
      `App module "readonly-source": cannot create ${path.join(source, 'input')}, the mount point of /app/input (EACCES); ` +
        'create the folder in the module, or give execution.input/output as absolute container paths',
    );
    expect(await fs.readdir(source)).toEqual(['main.py']);
  });

  it('gives concurrent runs of one script module their own params and results', async () => {
    const texts = Array.from({ length: 4 }, (_, i) => Array.from({ length: i + 1 }, () => `word${i}`).join(' '));
    const answers = await Promise.all(texts.map((text) => runModule('example-script', { text })));
    answers.forEach((a, i) => {
      expect(a.response.status).toBe(200);
      expect(a.data).toEqual({ words: i + 1, characters: texts[i].length, top: [[`word${i}`, i + 1]] });
    });
  });

  it('answers a failing script module with a problem carrying the tail of its log', async () => {
    const res = await runModule('failing-script', {});
    expect(res.response.status).toBe(502);
    expect(res.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.error!.detail).toBe('App module "failing-script" failed with exit code 3');
    const log = res.error!.log!;
    // The last 50 lines of stdout and stderr: the end, not the beginning. (Docker
    // copies the two streams independently; the module pauses before its last line.)
    expect(log.length).toBe(50);
    expect(log).toEqual(expect.arrayContaining(['giving up', 'step 79', 'step 31']));
    expect(log).not.toContain('step 0');
  });

  it('answers a script module that writes no result with a problem, and stops one that runs too long', async () => {
    const silent = await runModule('silent-script', {});
    expect(silent.response.status).toBe(502);
    expect(silent.error!.detail).toContain('without writing result.json');
    expect(silent.error!.log).toEqual(['done, but no result']);

    const started = Date.now();
    const sleepy = await runModule('sleepy-script', {});
    expect(sleepy.response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(sleepy.error!.log).toEqual(['sleeping']);
    expect(await containersWith('webapi.app.module=sleepy-script')).toEqual([]);
  });

  it('answers 504 with the build log when the image build outlasts the time limit, and lets the build go on', async () => {
    const started = Date.now();
    const res = await runModule('slow-build', {});
    expect(res.response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.error!.detail).toBe(
      `App module "slow-build": the build of image ${slowTag} did not finish within 8 s; it goes on, and a later call waits for it again`,
    );
    // The build's last lines: it got as far as the long step.
    expect(res.error!.log).toEqual(expect.arrayContaining(['Step 3/3 : RUN sleep 40']));
    const build = await fetch(`${svc.url}/api/image/create/${encodeURIComponent(slowTag)}`);
    expect(await build.json()).toMatchObject({ status: 'running', result: null });
  });

  it('starts the example server module once and reuses its container for later calls', async () => {
    const serverLabel = `webapi.app.folder=${path.join(appsDir, 'example-server')}`;
    let started = Date.now();
    const first = await runModule('example-server', { numbers: [1, 2, 3, 4] });
    const firstMs = Date.now() - started;
    expect(first.response.status).toBe(200);
    expect(first.data).toMatchObject({ count: 4, sum: 10, mean: 2.5, calls: 1 });
    const containers = await containersWith(serverLabel);
    expect(containers).toHaveLength(1);
    const [inspect] = JSON.parse(await docker('inspect', containers[0])) as Inspect[];
    expect(inspect.State.Running).toBe(true);
    expect(inspect.Config.Labels).toMatchObject({ 'webapi.app.kind': 'server', 'webapi.app.module': 'example-server' });

    started = Date.now();
    const second = await runModule('example-server', { numbers: [5] });
    const secondMs = Date.now() - started;
    expect(second.data).toMatchObject({ count: 1, sum: 5, calls: 2, pid: (first.data as { pid: number }).pid });
    expect(await containersWith(serverLabel)).toEqual(containers);
    expect(secondMs).toBeLessThan(firstMs);
  });

  it('answers a server module that misbehaves with a problem carrying its log tail, never hanging', async () => {
    const timed = async (id: string, body: Record<string, unknown>) => {
      const started = Date.now();
      const res = await runModule(id, body);
      expect(res.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return { status: res.response.status, detail: res.error!.detail, log: res.error!.log, ms: Date.now() - started };
    };
    expect((await runModule('flaky-server', { mode: 'json' })).data).toEqual({ mode: 'json' });

    const failed = await timed('flaky-server', { mode: 'error' });
    expect(failed).toMatchObject({
      status: 502,
      detail: 'App module "flaky-server" answered /api/run with HTTP 500: boom',
    });
    expect(failed.log).toContain('flaky serving');

    const text = await timed('flaky-server', { mode: 'text' });
    expect(text).toMatchObject({
      status: 502,
      detail: 'App module "flaky-server" answered /api/run with something other than JSON: plain words',
    });
    expect(text.log).toContain('flaky serving');

    const crashed = await timed('crashing-server', {});
    expect(crashed).toMatchObject({
      status: 502,
      detail: 'App module "crashing-server" stopped (exit code 4) before answering /api/ping',
      log: ['cannot start: no model'],
    });
    expect(await containersWith(`webapi.app.folder=${path.join(appsDir, 'crashing-server')}`)).toEqual([]);

    const deaf = await timed('deaf-server', {});
    expect(deaf).toMatchObject({
      status: 504,
      detail: `App module "deaf-server" did not answer /api/ping on port ${deafPort} within 5 s`,
      log: ['warming up'],
    });
    expect(deaf.ms).toBeLessThan(20_000);
    expect(await containersWith(`webapi.app.folder=${path.join(appsDir, 'deaf-server')}`)).toEqual([]);
  });

  it('leaves the server of another service sharing the modules folder alone', async () => {
    const serverLabel = `webapi.app.folder=${path.join(appsDir, 'example-server')}`;
    await serverCalls();
    const before = await containersWith(serverLabel);
    expect(before).toHaveLength(1);
    const other = await start();
    try {
      // Not adopted (that would answer from the first service's process) nor
      // removed: the port is taken by the first service's server.
      const res = await other.client.POST('/api/app/run/{module_id}', {
        params: { path: { module_id: 'example-server' } },
        body: { numbers: [1] },
      });
      expect(res.response.status).toBe(409);
      expect(res.error!.detail).toContain(`port ${serverPort} is already in use`);
    } finally {
      await other.stop();
    }
    expect(await containersWith(serverLabel)).toEqual(before);
    expect((JSON.parse(await docker('inspect', before[0])) as Inspect[])[0].State.Running).toBe(true);
  });

  it('finds the running server again after a crash of the service, and removes it at shutdown', async () => {
    const serverLabel = `webapi.app.folder=${path.join(appsDir, 'example-server')}`;
    const callsBefore = await serverCalls();
    const before = await containersWith(serverLabel);
    expect(before).toHaveLength(1);
    await svc.kill();
    svc = await start(dataDir);
    const third = await runModule('example-server', { numbers: [] });
    expect(third.response.status).toBe(200);
    // The same process answers: it counted the calls made before the crash.
    expect(third.data).toMatchObject({ count: 0, calls: callsBefore + 1 });
    expect(await containersWith(serverLabel)).toEqual(before);

    await svc.stop();
    expect(await containersWith(serverLabel)).toEqual([]);
  });
});
