import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EngineProxy, PYTHON_IMAGE, Service, startService, tempDir } from './harness';
import {
  containersOf,
  dockerInspect,
  removeContainersOf,
  removeRun,
  waitExited,
  waitFor,
  writeStorage,
} from './exec-helpers';

/**
 * Run records survive a crash of the service: every run is listed again,
 * what ended meanwhile shows its exit code, what still runs is followed to
 * its end, and a vanished container is marked, not dropped.
 */
jest.setTimeout(300_000);

describe('exec across a restart of the service (kill -9)', () => {
  let first: Service | undefined;
  let second: Service | undefined;
  let other: Service | undefined;
  let dataDir: string;

  afterAll(async () => {
    await Promise.all([first?.kill(), second?.stop(), other?.stop()]);
    if (dataDir) removeContainersOf(dataDir);
  });

  it('lists every run again, with exit codes of what ended meanwhile, and follows what still runs', async () => {
    first = await startService();
    dataDir = first.dataDir;
    await writeStorage(dataDir, {
      'code/sleep_exit.py':
        'import sys, time\ntime.sleep(float(sys.argv[1]))\nprint("slept", sys.argv[1])\nsys.exit(int(sys.argv[2]))\n',
      // Runs until the test writes code/<name> (seen at /app/<name>), however long the steps before take.
      'code/until_released.py':
        'import os, sys, time\nwhile not os.path.exists("/app/" + sys.argv[1]):\n    time.sleep(0.1)\nprint("released", sys.argv[1])\nsys.exit(int(sys.argv[2]))\n',
      'data/.keep': '',
    });
    /** A run that sleeps `seconds`, or (with a file name) runs until the test writes that file into code/. */
    const create = async (id: string, seconds: number | string, code: number) => {
      const res = await first!.client.POST('/api/exec/create', {
        body: {
          id,
          srcPath: 'code',
          mainSrc: 'sleep_exit.py',
          command:
            typeof seconds === 'string'
              ? ['python', 'until_released.py', seconds, String(code)]
              : ['python', 'sleep_exit.py', String(seconds), String(code)],
          imageTag: PYTHON_IMAGE,
          inputPath: 'data',
          outputPath: `out/${id}`,
          userdata: { id, seconds },
        },
      });
      expect(res.response.status).toBe(200);
    };
    await create('ended-before', 0, 4); // ends while the service runs
    await create('vanishes', 0, 0); // its container is removed while the service is down
    await create('relabelled', 0, 0); // its record file is lost while the service is down
    await create('ends-meanwhile', 'release-1', 7); // ends while the service is down
    await create('still-running', 'release-2', 5); // still runs when the service is back
    await waitExited(first, 'ended-before');
    await waitExited(first, 'vanishes');
    await waitExited(first, 'relabelled');

    await first.kill();
    first = undefined;
    await fs.writeFile(path.join(dataDir, 'storage', 'code', 'release-1'), '');
    const names = containersOf(dataDir);
    const nameOf = (id: string) => names.find((n) => n.endsWith(`-${id}`))!;
    await waitFor(
      'ends-meanwhile to exit',
      async () => dockerInspect(nameOf('ends-meanwhile'))?.State.Running === false,
      30_000,
    );
    expect(dockerInspect(nameOf('still-running'))!.State.Running).toBe(true);
    removeRun(nameOf('vanishes'));
    await fs.rm(path.join(dataDir, 'exec', 'runs', 'relabelled.json'));

    second = await startService({}, dataDir);
    const list = await second.client.GET('/api/exec/list');
    expect(list.response.status).toBe(200);
    const byId = Object.fromEntries(list.data!.map((r) => [r.exec_id, r]));
    expect(Object.keys(byId).sort()).toEqual([
      'ended-before',
      'ends-meanwhile',
      'relabelled',
      'still-running',
      'vanishes',
    ]);

    expect(byId['ended-before']).toMatchObject({
      state: 'exited',
      exitCode: 4,
      userdata: { id: 'ended-before', seconds: 0 },
    });
    expect(byId['ended-before'].container!.State.ExitCode).toBe(4);
    expect(byId['ends-meanwhile']).toMatchObject({
      state: 'exited',
      exitCode: 7,
      srcPath: 'code',
      inputPath: 'data',
      outputPath: 'out/ends-meanwhile',
    });
    expect(byId['ends-meanwhile'].container!.State.Running).toBe(false);
    // The container is gone: marked missing, its last known end kept.
    expect(byId['vanishes']).toMatchObject({
      state: 'missing',
      exitCode: 0,
      container: null,
      userdata: { id: 'vanishes', seconds: 0 },
    });
    // The record was lost: rebuilt from the container's labels.
    expect(byId['relabelled']).toMatchObject({
      state: 'exited',
      exitCode: 0,
      srcPath: 'code',
      imageTag: PYTHON_IMAGE,
      outputPath: 'out/relabelled',
    });
    expect(byId['still-running']).toMatchObject({ state: 'running', exitCode: null });
    expect(byId['still-running'].container!.State.Running).toBe(true);

    const info = await second.client.GET('/api/exec/info/{exec_id}', {
      params: { path: { exec_id: 'ends-meanwhile' } },
    });
    expect(info.data!.State).toMatchObject({ Running: false, ExitCode: 7 });
    const logs = await second.client.GET('/api/exec/logs/{exec_id}', {
      params: { path: { exec_id: 'ends-meanwhile' } },
    });
    expect(logs.data!.lines).toEqual(['released release-1']);
    const gone = await second.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'vanishes' } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error!.detail).toBe('The container of run "vanishes" no longer exists');

    // Followed through the engine's events to its end, without being asked for it first.
    await fs.writeFile(path.join(dataDir, 'storage', 'code', 'release-2'), '');
    const ended = await waitFor(
      'still-running to end in the list',
      async () =>
        (await second!.client.GET('/api/exec/list')).data!.find(
          (r) => r.exec_id === 'still-running' && r.state === 'exited',
        ),
      30_000,
      100,
    );
    expect(ended).toMatchObject({ exitCode: 5 });
    expect(ended.container!.State.Running).toBe(false);
    // How it ended is written to its record (right after the engine confirms it).
    const record = await waitFor(
      'the record to hold the end',
      async () => {
        const r = JSON.parse(
          await fs.readFile(path.join(dataDir, 'exec', 'runs', 'still-running.json'), 'utf8'),
        ) as Record<string, unknown>;
        return r.state === 'exited' ? r : undefined;
      },
      5000,
      20,
    );
    expect(record).toMatchObject({
      exec_id: 'still-running',
      exitCode: 5,
      userdata: { id: 'still-running', seconds: 'release-2' },
    });

    // A missing run can still be deleted: its record and run folder go.
    expect(
      (await second.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: 'vanishes' } } })).response
        .status,
    ).toBe(200);
    await expect(fs.stat(path.join(dataDir, 'runs', 'vanishes'))).rejects.toMatchObject({ code: 'ENOENT' });

    // Another service on the same engine does not adopt these runs.
    other = await startService();
    expect((await other.client.GET('/api/exec/list')).data).toEqual([]);
  });
});

describe('exec while the engine goes away and comes back', () => {
  let svc: Service | undefined;
  let proxy: EngineProxy | undefined;

  afterAll(async () => {
    await svc?.stop();
    await proxy?.cut();
    if (svc) removeContainersOf(svc.dataDir);
  });

  it('keeps answering from its records, refuses new runs with 503, and catches up on what ended meanwhile', async () => {
    proxy = new EngineProxy(path.join(await tempDir(), 'engine.sock'));
    await proxy.open();
    svc = await startService({ DOCKER_HOST: `unix://${proxy.socketPath}`, ENGINE_RETRY_AFTER_SECONDS: '4' });
    // Runs until the test writes code/release, so that it surely ends while the engine is away.
    await writeStorage(svc.dataDir, {
      'code/main.py':
        'import os, sys, time\nwhile not os.path.exists("/app/release"):\n    time.sleep(0.1)\nsys.exit(3)\n',
      'data/.keep': '',
    });
    const body = { srcPath: 'code', mainSrc: 'main.py', imageTag: PYTHON_IMAGE, inputPath: 'data', outputPath: 'out' };
    expect((await svc.client.POST('/api/exec/create', { body: { ...body, id: 'across' } })).response.status).toBe(200);

    await proxy.cut();
    const list = await svc.client.GET('/api/exec/list');
    expect(list.response.status).toBe(200);
    expect(list.data!.map((r) => r.exec_id)).toEqual(['across']);
    expect(
      (await svc.client.GET('/api/exec/progress/{exec_id}', { params: { path: { exec_id: 'across' } } })).response
        .status,
    ).toBe(200);
    const refused = await svc.client.POST('/api/exec/create', { body: { ...body, id: 'while-away' } });
    expect(refused.response.status).toBe(503);
    expect(refused.response.headers.get('retry-after')).toBe('4');
    const name = containersOf(svc.dataDir).find((n) => n.endsWith('-across'))!;
    await fs.writeFile(path.join(svc.dataDir, 'storage', 'code', 'release'), '');
    await waitFor(
      'the run to end while the engine is away',
      async () => dockerInspect(name)?.State.Running === false,
      30_000,
    );

    await proxy.open();
    // The event stream reconnects by itself and the run is described again.
    const item = await waitFor(
      'the list to show the end',
      async () => (await svc!.client.GET('/api/exec/list')).data!.find((r) => r.state === 'exited'),
      15_000,
      100,
    );
    expect(item).toMatchObject({ exec_id: 'across', exitCode: 3 });
    expect(containersOf(svc.dataDir).some((n) => n.endsWith('-while-away'))).toBe(false);
  });
});
