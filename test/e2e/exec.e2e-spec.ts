import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PYTHON_IMAGE, Service, ValidationProblem, json, startService } from './harness';
import {
  BACKEND,
  ServiceInspect,
  containersOf,
  createRun,
  dockerInspect,
  removeContainersOf,
  waitExited,
  waitFor,
  writeStorage,
} from './exec-helpers';

/** A training-like script: reads its data, reports progress five times, writes a model and a result. */
const TRAIN = `
import json, os, sys, time
numbers = [float(x) for x in open('data/numbers.txt').read().split()]
print('loaded', len(numbers), 'numbers from', os.path.realpath('data'))
print('warning: this is stderr', file=sys.stderr)
time.sleep(1.0)
for epoch in range(1, 6):
    with open('/apprun/progress.json.tmp', 'w') as f:
        json.dump({'main_progress': epoch * 20, 'epoch': epoch, 'batch': 10}, f)
    os.replace('/apprun/progress.json.tmp', '/apprun/progress.json')
    print('epoch', epoch, 'loss', 1.0 / epoch, flush=True)
    print('epoch', epoch, 'on stderr', file=sys.stderr, flush=True)
    time.sleep(0.6)
with open('/app/output/model.txt', 'w') as f:
    f.write('sum=%g' % sum(numbers))
with open('/apprun/result.json', 'w') as f:
    json.dump({'loss': 0.2, 'metric': 0.93, 'metric_name': 'accuracy'}, f)
print('done')
`;

jest.setTimeout(300_000);

describe('exec: runs of training code in containers', () => {
  let svc: Service;

  beforeAll(async () => {
    svc = await startService({ EXEC_STOP_GRACE_SECONDS: '60' });
    await writeStorage(svc.dataDir, {
      'projects/mnist/train.py': TRAIN,
      'projects/mnist/fail.py':
        'import sys\nprint("about to fail")\nprint("bad things", file=sys.stderr)\nsys.exit(1)\n',
      'projects/mnist/forever.py': 'import time\nprint("working", flush=True)\nwhile True:\n    time.sleep(0.2)\n',
      'projects/mnist/count.py': 'for i in range(1, 51):\n    print("line", i)\n',
      'datasets/numbers/numbers.txt': '1 2 3 4.5\n',
    });
  });

  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  const base = { srcPath: 'projects/mnist', imageTag: PYTHON_IMAGE, inputPath: 'datasets/numbers' };

  it('runs a training script: progress rises while it runs; result, output file and logs are there after', async () => {
    const created = await svc.client.POST('/api/exec/create', {
      body: {
        ...base,
        id: 'train-1',
        mainSrc: 'train.py',
        outputPath: 'default:outputs/train-1',
        userdata: { model: 'mnist', lr: 0.01 },
      },
    });
    expect(created.response.status).toBe(200);
    expect(created.data).toEqual({ success: true, exec_id: 'train-1', status: 'running' });

    // Answered once the container has started; nothing written yet.
    const first = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'train-1' } } });
    expect(first.data!.State.StartedAt).not.toMatch(/^0001-/);
    expect(first.data!.Path).toBe('python');
    expect(first.data!.Args).toEqual(['train.py']);
    const before = await svc.client.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id: 'train-1' } } });
    expect(before.response.status).toBe(200);
    expect(before.data).toBeNull();
    expect(
      (await svc.client.GET('/api/exec/result/{exec_id}', { params: { path: { exec_id: 'train-1' } } })).data,
    ).toBeNull();

    const seen: number[] = [];
    await waitFor(
      'the run to end',
      async () => {
        const progress = await svc.client.GET('/api/exec/progress/{exec_id}', {
          params: { path: { exec_id: 'train-1' } },
        });
        expect(progress.response.status).toBe(200);
        const value = progress.data?.main_progress;
        if (typeof value === 'number' && value !== seen[seen.length - 1]) seen.push(value);
        const info = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'train-1' } } });
        return !info.data!.State.Running;
      },
      60_000,
      100,
    );
    // Rising values, several of them seen while it ran, ending at 100.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen[seen.length - 1]).toBe(100);

    const info = await waitExited(svc, 'train-1');
    expect(info.State.ExitCode).toBe(0);
    const result = await svc.client.GET('/api/exec/result/{exec_id}', { params: { path: { exec_id: 'train-1' } } });
    expect(result.data).toEqual({ loss: 0.2, metric: 0.93, metric_name: 'accuracy' });
    const progress = await svc.client.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id: 'train-1' } } });
    expect(progress.data).toEqual({ main_progress: 100, epoch: 5, batch: 10 });
    // The output folder was created in the storage and holds what the code wrote.
    expect(await fs.readFile(path.join(svc.dataDir, 'storage', 'outputs', 'train-1', 'model.txt'), 'utf8')).toBe(
      'sum=10.5',
    );

    const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'train-1' } } });
    expect(logs.response.headers.get('content-type')).toMatch(/^application\/json/);
    const lines = logs.data!.lines;
    expect(lines).toContain('warning: this is stderr');
    expect(lines).toContain('epoch 3 on stderr');
    expect(lines).toContain('done');
    expect(lines.find((l) => l.startsWith('loaded'))).toBe('loaded 4 numbers from /app/data');
    const stdout = lines.filter((l) => /^epoch \d loss/.test(l));
    expect(stdout.map((l) => l.split(' ')[1])).toEqual(['1', '2', '3', '4', '5']);
    expect(lines.indexOf('epoch 1 loss 1.0')).toBeLessThan(lines.indexOf('epoch 5 on stderr'));

    const list = await svc.client.GET('/api/exec/list');
    const item = list.data!.find((r) => r.exec_id === 'train-1')!;
    expect(item).toMatchObject({
      exec_id: 'train-1',
      srcPath: 'projects/mnist',
      mainSrc: 'train.py',
      imageTag: PYTHON_IMAGE,
      inputPath: 'datasets/numbers',
      outputPath: 'default:outputs/train-1',
      userdata: { model: 'mnist', lr: 0.01 },
      state: 'exited',
      exitCode: 0,
    });
    expect(item.container!.State.Running).toBe(false);
    expect(item.container!.Id).toBe(info.Id);
  });

  it('runs the container hardened, with the mounts and defaults the contract names', async () => {
    await createRun(svc, { ...base, id: 'mounts', mainSrc: 'count.py', outputPath: 'default:outputs/mounts' });
    const name = containersOf(svc.dataDir).find((n) => n.endsWith('-mounts'))!;
    const c = dockerInspect(name)!;
    expect(c.Config.Labels['webapi.exec.id']).toBe('mounts');
    expect(c.Config.WorkingDir).toBe('/app');
    const hardened = {
      Privileged: false,
      CapDrop: ['ALL'],
      Init: true,
      AutoRemove: false,
      PidsLimit: 4096,
      LogConfig: { Type: 'json-file', Config: { 'max-size': '100m', 'max-file': '3' } },
    };
    if (BACKEND === 'docker') {
      expect(c.HostConfig).toMatchObject({
        ...hardened,
        SecurityOpt: ['no-new-privileges'],
        NetworkMode: 'none',
        ShmSize: 1024 ** 3,
      });
    } else {
      // A replicated job of one task, never restarted, attached to no network, /dev/shm a tmpfs of the size.
      expect(c.HostConfig).toMatchObject(hardened);
      expect(c.Service!.Spec.Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } });
      expect(c.Service!.Spec.TaskTemplate.RestartPolicy.Condition).toBe('none');
      expect(c.Service!.Spec.TaskTemplate.Networks ?? []).toEqual([]);
      expect(c.HostConfig.Mounts).toContainEqual(
        expect.objectContaining({
          Type: 'tmpfs',
          Target: '/dev/shm',
          TmpfsOptions: expect.objectContaining({ SizeBytes: 1024 ** 3 }) as unknown,
        }),
      );
    }
    expect(c.HostConfig.DeviceRequests ?? null).toBeNull(); // no NVIDIA runtime here: no GPUs asked for
    const storage = path.join(svc.dataDir, 'storage');
    const mounts = Object.fromEntries(
      c.Mounts.map((m: { Destination: string; Source: string; RW: boolean }) => [m.Destination, [m.Source, m.RW]]),
    );
    expect(mounts).toEqual({
      '/app': [path.join(storage, 'projects', 'mnist'), true],
      '/app/data': [path.join(storage, 'datasets', 'numbers'), false],
      '/data/input': [path.join(storage, 'datasets', 'numbers'), false],
      '/app/output': [path.join(storage, 'outputs', 'mounts'), true],
      '/data/output': [path.join(storage, 'outputs', 'mounts'), true],
      '/apprun': [path.join(svc.dataDir, 'runs', 'mounts'), true],
      // Swarm has no shared memory size: a tmpfs of that size instead.
      ...(BACKEND === 'swarm' ? { '/dev/shm': ['', true] } : {}),
    });
  });

  it('answers null for a half-written progress file, never a 500', async () => {
    await createRun(svc, { ...base, id: 'half', mainSrc: 'count.py', outputPath: 'outputs/half' });
    await waitExited(svc, 'half');
    await fs.writeFile(path.join(svc.dataDir, 'runs', 'half', 'progress.json'), '{"main_progress": 4');
    const res = await svc.client.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id: 'half' } } });
    expect(res.response.status).toBe(200);
    expect(res.data).toBeNull();
  });

  it('never reads a run file through a link the run made: a link to a host file answers null', async () => {
    // A JSON file on the host, in a folder mounted nowhere: the link's target only means something on the host.
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-exec-outside-'));
    const secret = path.join(outside, 'secret.json');
    await fs.writeFile(secret, '{"secret": "host file"}');
    try {
      const created = await svc.client.POST('/api/exec/create', {
        body: {
          ...base,
          id: 'link',
          command: `ln -s ${secret} /apprun/result.json && ln -s ${secret} /apprun/progress.json`,
          outputPath: 'outputs/link',
        },
      });
      expect(created.response.status).toBe(200);
      expect((await waitExited(svc, 'link')).State.ExitCode).toBe(0);
      expect((await fs.lstat(path.join(svc.dataDir, 'runs', 'link', 'result.json'))).isSymbolicLink()).toBe(true);
      const result = await svc.client.GET('/api/exec/result/{exec_id}', { params: { path: { exec_id: 'link' } } });
      expect(result.response.status).toBe(200);
      expect(result.data).toBeNull();
      const progress = await svc.client.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id: 'link' } } });
      expect(progress.data).toBeNull();
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('answers null at once for a FIFO in place of progress.json, and keeps answering', async () => {
    const created = await svc.client.POST('/api/exec/create', {
      body: {
        ...base,
        id: 'fifo',
        command: 'mkfifo /apprun/progress.json /apprun/result.json',
        outputPath: 'outputs/fifo',
      },
    });
    expect(created.response.status).toBe(200);
    expect((await waitExited(svc, 'fifo')).State.ExitCode).toBe(0);
    expect((await fs.lstat(path.join(svc.dataDir, 'runs', 'fifo', 'progress.json'))).isFIFO()).toBe(true);
    // More reads than libuv has threads: a blocking open would take them all.
    const reads = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        fetch(`${svc.url}/api/exec/${i % 2 ? 'result' : 'progress'}/fifo`, {
          signal: AbortSignal.timeout(20_000),
        }).then(async (r) => [r.status, await r.json()]),
      ),
    );
    expect(reads).toEqual(Array.from({ length: 6 }, () => [200, null]));
    const listed = await svc.client.GET('/api/exec/list', { signal: AbortSignal.timeout(20_000) });
    expect(listed.data!.map((r) => r.exec_id)).toContain('fifo');
  });

  it('answers 409 for the info of a run still being created, never "no longer exists"', async () => {
    const creating = svc.client.POST('/api/exec/create', {
      body: { ...base, id: 'early', mainSrc: 'count.py', outputPath: 'outputs/early' },
    });
    const seen: [number, string | undefined][] = [];
    let done = false;
    void creating.finally(() => (done = true));
    while (!done) {
      const res = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'early' } } });
      seen.push([res.response.status, res.error?.detail]);
    }
    expect((await creating).response.status).toBe(200);
    for (const [status, detail] of seen) {
      expect([
        [404, 'Run "early" not found'],
        [409, 'Run "early" is being created'],
        [200, undefined],
      ]).toContainEqual([status, detail]);
    }
    expect(seen.map(([status]) => status)).toContain(409);
  });

  it('reports a script that exits 1 with its exit code and output', async () => {
    const created = await svc.client.POST('/api/exec/create', {
      body: { ...base, mainSrc: 'fail.py', outputPath: 'outputs/fail' },
    });
    expect(created.response.status).toBe(200);
    const id = created.data!.exec_id;
    expect(id).toMatch(/^[a-f0-9]{16}$/);
    const info = await waitExited(svc, id);
    expect(info.State.ExitCode).toBe(1);
    const item = (await svc.client.GET('/api/exec/list')).data!.find((r) => r.exec_id === id)!;
    expect(item).toMatchObject({ state: 'exited', exitCode: 1 });
    const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: id } } });
    expect(logs.data!.lines).toEqual(expect.arrayContaining(['about to fail', 'bad things']));
  });

  it('reads the end of a log with tail, and only newer lines with since', async () => {
    const created = await svc.client.POST('/api/exec/create', {
      body: { ...base, id: 'count', mainSrc: 'count.py', outputPath: 'outputs/count' },
    });
    expect(created.response.status).toBe(200);
    await waitExited(svc, 'count');
    const all = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'count' } } });
    expect(all.data!.lines).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i + 1}`));
    const tail = await svc.client.GET('/api/exec/logs/{exec_id}', {
      params: { path: { exec_id: 'count' }, query: { tail: 3 } },
    });
    expect(tail.data!.lines).toEqual(['line 48', 'line 49', 'line 50']);
    const later = await svc.client.GET('/api/exec/logs/{exec_id}', {
      params: { path: { exec_id: 'count' }, query: { since: String(Math.floor(Date.now() / 1000) + 60) } },
    });
    expect(later.data!.lines).toEqual([]);
    const bad = await svc.client.GET('/api/exec/logs/{exec_id}', {
      params: { path: { exec_id: 'count' }, query: { since: 'yesterday' } },
    });
    expect(bad.response.status).toBe(400);
  });

  it('refuses to delete a running run (409), stops it with SIGTERM, then deletes container and run folder', async () => {
    const created = await svc.client.POST('/api/exec/create', {
      body: { ...base, id: 'forever', mainSrc: 'forever.py', outputPath: 'outputs/forever' },
    });
    expect(created.response.status).toBe(200);
    const name = containersOf(svc.dataDir).find((n) => n.endsWith('-forever'))!;
    expect(dockerInspect(name)!.State.Running).toBe(true);

    const refused = await svc.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: 'forever' } } });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ status: 409, detail: 'Run "forever" is still running: stop it first' });
    expect(dockerInspect(name)!.State.Running).toBe(true);
    await waitFor('the first output line', async () => {
      const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'forever' } } });
      return logs.data!.lines.includes('working');
    });

    const started = Date.now();
    const stopped = await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'forever' } } });
    expect(stopped.response.status).toBe(200);
    expect(stopped.data).toEqual({ success: true });
    // SIGTERM reached the script (exit code 143 below, not SIGKILL's 137): it ended well before the 60 s grace.
    expect(Date.now() - started).toBeLessThan(30_000);
    const info = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'forever' } } });
    expect(info.data!.State).toMatchObject({ Running: false, Status: 'exited', ExitCode: 143 });
    expect(dockerInspect(name)!.State.ExitCode).toBe(143);
    // Stopping again is not an error.
    expect(
      (await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'forever' } } })).response.status,
    ).toBe(200);

    const runDir = path.join(svc.dataDir, 'runs', 'forever');
    expect((await fs.stat(runDir)).isDirectory()).toBe(true);
    const deleted = await svc.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: 'forever' } } });
    expect(deleted.response.status).toBe(200);
    expect(dockerInspect(name)).toBeUndefined();
    await expect(fs.stat(runDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(
      (await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'forever' } } })).response.status,
    ).toBe(404);
    expect((await svc.client.GET('/api/exec/list')).data!.map((r) => r.exec_id)).not.toContain('forever');
    expect(
      (await svc.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: 'forever' } } })).response
        .status,
    ).toBe(404);
    // The output the run produced stays in the storage.
    expect((await fs.stat(path.join(svc.dataDir, 'storage', 'outputs', 'forever'))).isDirectory()).toBe(true);
  });

  it('refuses a taken id with 409 and a bad id with 400', async () => {
    await createRun(svc, { ...base, id: 'taken', mainSrc: 'count.py', outputPath: 'outputs/taken' });
    const again = await svc.client.POST('/api/exec/create', {
      body: { ...base, id: 'taken', mainSrc: 'train.py', outputPath: 'outputs/x' },
    });
    expect(again.response.status).toBe(409);
    const bad = await svc.client.POST('/api/exec/create', {
      body: { ...base, id: '../etc', mainSrc: 'train.py', outputPath: 'outputs/x' },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error!.errors![0].field).toBe('id');
    expect((await fetch(`${svc.url}/api/exec/info/..%2Fetc`)).status).toBe(400);
    expect(
      (await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'no-such-run' } } })).response
        .status,
    ).toBe(404);
  });

  describe('requests that must start nothing', () => {
    let before: string[];
    beforeEach(() => {
      before = containersOf(svc.dataDir);
    });
    afterEach(async () => {
      expect(containersOf(svc.dataDir)).toEqual(before);
      const listed = (await svc.client.GET('/api/exec/list')).data!.map((r) => r.exec_id);
      expect(listed).not.toContain('refused');
      await expect(fs.stat(path.join(svc.dataDir, 'runs', 'refused'))).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(fs.stat(path.join(svc.dataDir, 'exec', 'runs', 'refused.json'))).rejects.toMatchObject({
        code: 'ENOENT',
      });
      // Every refused request names outputs/x: the storage is left as it was.
      await expect(fs.stat(path.join(svc.dataDir, 'storage', 'outputs', 'x'))).rejects.toMatchObject({
        code: 'ENOENT',
      });
    });

    it('a missing image: a 404 problem naming it', async () => {
      const res = await svc.client.POST('/api/exec/create', {
        body: {
          ...base,
          id: 'refused',
          mainSrc: 'train.py',
          outputPath: 'outputs/x',
          imageTag: 'webapi/e2e-exec-no-such-image:1',
        },
      });
      expect(res.response.status).toBe(404);
      expect(res.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.error!.detail).toBe(
        'Image "webapi/e2e-exec-no-such-image:1" not found on the engine; build it first (POST /api/image/create)',
      );
    });

    it('a command that does not exist in the image: a 400 problem', async () => {
      const res = await svc.client.POST('/api/exec/create', {
        body: { ...base, id: 'refused', command: ['no-such-program', '--help'], outputPath: 'outputs/x' },
      });
      expect(res.response.status).toBe(400);
      expect(res.error!.detail).toMatch(/no-such-program.*executable file not found/);
    });

    it('paths outside the storages: 400 naming each field', async () => {
      await fs.symlink('/etc', path.join(svc.dataDir, 'storage', 'escape'));
      const cases: [Record<string, string>, string][] = [
        [{ srcPath: '../..' }, 'srcPath'],
        [{ srcPath: '/etc' }, 'srcPath'],
        [{ inputPath: 'escape' }, 'inputPath'],
        [{ inputPath: 'nosuchstorage:data' }, 'inputPath'],
        [{ outputPath: 'default:../../tmp' }, 'outputPath'],
        [{ mainSrc: '../../etc/passwd' }, 'mainSrc'],
        [{ mainSrc: 'missing.py' }, 'mainSrc'],
        [{ inputPath: 'datasets/none-here' }, 'inputPath'],
      ];
      for (const [change, field] of cases) {
        const res = await svc.client.POST('/api/exec/create', {
          body: { ...base, id: 'refused', mainSrc: 'train.py', outputPath: 'outputs/x', ...change },
        });
        expect({ change, status: res.response.status }).toEqual({ change, status: 400 });
        expect({ change, fields: res.error!.errors!.map((e) => e.field) }).toEqual({ change, fields: [field] });
      }
    });

    it('anything beyond the documented fields (privileges, devices, mounts, raw Docker config): 400', async () => {
      for (const extra of [
        { privileged: true },
        { HostConfig: { Binds: ['/:/host'] } },
        { devices: ['/dev/sda'] },
        { mounts: [{ source: '/' }] },
      ]) {
        const res = await fetch(`${svc.url}/api/exec/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...base, id: 'refused', mainSrc: 'train.py', outputPath: 'outputs/x', ...extra }),
        });
        expect(res.status).toBe(400);
        expect((await json<ValidationProblem>(res)).errors[0].field).toBe(Object.keys(extra)[0]);
      }
    });

    it('options out of bounds: a network mode not allowed, GPUs in a bad form, a bad size', async () => {
      for (const [extra, field] of [
        [{ networkMode: 'host' }, 'networkMode'],
        [{ gpus: 'all; reboot' }, 'gpus'],
        [{ shmSize: 'huge' }, 'shmSize'],
        [{ memory: '0' }, 'memory'],
        [{ shmSize: '0.4' }, 'shmSize'],
        [{ cpus: 0 }, 'cpus'],
        [{ command: [] }, 'command'],
        [{ mainSrc: undefined }, 'mainSrc'],
        [{ userdata: { big: 'x'.repeat(70_000) } }, 'userdata'],
      ] as const) {
        const res = await fetch(`${svc.url}/api/exec/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...base, id: 'refused', mainSrc: 'train.py', outputPath: 'outputs/x', ...extra }),
        });
        expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
        expect([
          ...new Set((await json<ValidationProblem>(res)).errors.map((e: { field: string }) => e.field)),
        ]).toEqual([field]);
      }
    });

    it('GPUs asked for on an engine without GPUs: a clear problem', async () => {
      const res = await svc.client.POST('/api/exec/create', {
        body: { ...base, id: 'refused', mainSrc: 'train.py', outputPath: 'outputs/x', useGPU: true },
      });
      expect(res.response.status).toBe(422);
      expect(res.error!.detail).toBe('The run can never start here: the run asks for 1 GPU, but the server has 0');
    });
  });

  it('runs a shell command string and gives the options asked for', async () => {
    const created = await svc.client.POST('/api/exec/create', {
      body: {
        ...base,
        id: 'shell',
        command: 'echo "in $PWD as $WEBAPI_EXEC_ID"; exit 3',
        outputPath: 'outputs/shell',
        cpus: 0.5,
        memory: '256m',
        shmSize: '64m',
      },
    });
    expect(created.response.status).toBe(200);
    const info = await waitExited(svc, 'shell');
    expect(info.State.ExitCode).toBe(3);
    expect(info.Path).toBe('/bin/sh');
    expect(info.HostConfig).toMatchObject({ NanoCpus: 5e8, Memory: 256 * 1024 ** 2 });
    if (BACKEND === 'docker') expect(info.HostConfig.ShmSize).toBe(64 * 1024 ** 2);
    else {
      // Reserved on the node as well as limited.
      expect((info as unknown as { Service: ServiceInspect }).Service.Spec.TaskTemplate.Resources.Reservations).toEqual(
        {
          NanoCPUs: 5e8,
          MemoryBytes: 256 * 1024 ** 2,
        },
      );
      expect(info.HostConfig.Mounts).toContainEqual(
        expect.objectContaining({
          Type: 'tmpfs',
          Target: '/dev/shm',
          TmpfsOptions: expect.objectContaining({ SizeBytes: 64 * 1024 ** 2 }) as unknown,
        }),
      );
    }
    const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'shell' } } });
    expect(logs.data!.lines).toEqual(['in /app as shell']);
  });

  it('runs code from a storage folder whose name holds a comma', async () => {
    await writeStorage(svc.dataDir, { 'projects/a,b/main.py': 'print("from a,b")\n' });
    const created = await svc.client.POST('/api/exec/create', {
      body: { ...base, id: 'comma', srcPath: 'projects/a,b', mainSrc: 'main.py', outputPath: 'outputs/c,d' },
    });
    expect(created.response.status).toBe(200);
    expect((await waitExited(svc, 'comma')).State.ExitCode).toBe(0);
    const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'comma' } } });
    expect(logs.data!.lines).toEqual(['from a,b']);
  });

  it('runs code from an upload item', async () => {
    const uploadId = 'ab'.repeat(16);
    await fs.mkdir(path.join(svc.dataDir, 'uploads', uploadId, 'pkg'), { recursive: true });
    await fs.writeFile(
      path.join(svc.dataDir, 'uploads', uploadId, 'pkg', 'main.py'),
      'import os\nprint("from upload", os.listdir("data"))\n',
    );
    const created = await svc.client.POST('/api/exec/create', {
      body: {
        uploadId,
        srcPath: 'pkg',
        mainSrc: 'main.py',
        imageTag: PYTHON_IMAGE,
        inputPath: 'datasets/numbers',
        outputPath: 'outputs/upload',
        id: 'upload',
      },
    });
    expect(created.response.status).toBe(200);
    expect((await waitExited(svc, 'upload')).State.ExitCode).toBe(0);
    const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'upload' } } });
    expect(logs.data!.lines).toEqual(["from upload ['numbers.txt']"]);
    const unknown = await svc.client.POST('/api/exec/create', {
      body: {
        uploadId: 'cd'.repeat(16),
        mainSrc: 'main.py',
        imageTag: PYTHON_IMAGE,
        inputPath: 'datasets/numbers',
        outputPath: 'outputs/upload',
      },
    });
    expect(unknown.response.status).toBe(404);
    const outside = await svc.client.POST('/api/exec/create', {
      body: {
        uploadId,
        srcPath: '../..',
        mainSrc: 'main.py',
        imageTag: PYTHON_IMAGE,
        inputPath: 'datasets/numbers',
        outputPath: 'outputs/upload',
      },
    });
    expect(outside.response.status).toBe(400);
  });

  // How fast is measured by test/bench/exec.bench.ts; here only that the end shows within a generous bound.
  it('turns State.Running false soon after the container exits', async () => {
    await writeStorage(svc.dataDir, { 'projects/mnist/short.py': 'import time\ntime.sleep(1.5)\n' });
    await createRun(svc, { ...base, id: 'short', mainSrc: 'short.py', outputPath: 'outputs/short' });
    const info = await waitFor(
      'State.Running false',
      async () => {
        const { data } = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'short' } } });
        return data!.State.Running ? undefined : { data, seenAt: Date.now() };
      },
      30_000,
      20,
    );
    const finishedAt = Date.parse(
      dockerInspect(containersOf(svc.dataDir).find((n) => n.endsWith('-short'))!)!.State.FinishedAt,
    );
    expect(info.seenAt - finishedAt).toBeLessThan(10_000);
  });
});

describe('exec: deleting a run whose folder cannot be removed completely', () => {
  let svc: Service;

  beforeAll(async () => {
    svc = await startService({}, undefined, { honourFilePermissions: true });
    await writeStorage(svc.dataDir, { 'projects/p/keep.sh': '', 'datasets/d/x.txt': '1\n' });
  });

  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  it('answers success: the run is gone even though a folder the run locked stays', async () => {
    const created = await svc.client.POST('/api/exec/create', {
      body: {
        srcPath: 'projects/p',
        imageTag: PYTHON_IMAGE,
        inputPath: 'datasets/d',
        outputPath: 'outputs/locked',
        id: 'locked',
        command: 'mkdir /apprun/keep && touch /apprun/keep/f && chmod 555 /apprun/keep',
      },
    });
    expect(created.response.status).toBe(200);
    expect((await waitExited(svc, 'locked')).State.ExitCode).toBe(0);
    const keep = path.join(svc.dataDir, 'runs', 'locked', 'keep');
    try {
      const deleted = await svc.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: 'locked' } } });
      expect(deleted.response.status).toBe(200);
      expect(deleted.data).toEqual({ success: true });
      // The service could not empty the locked folder (it holds no permission override), yet the run is deleted.
      expect((await fs.stat(path.join(keep, 'f'))).isFile()).toBe(true);
      expect(
        (await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'locked' } } })).response.status,
      ).toBe(404);
      expect((await svc.client.GET('/api/exec/list')).data!.map((r) => r.exec_id)).not.toContain('locked');
      expect(containersOf(svc.dataDir)).toEqual([]);
    } finally {
      await fs.chmod(keep, 0o755).catch(() => undefined);
    }
  });
});
