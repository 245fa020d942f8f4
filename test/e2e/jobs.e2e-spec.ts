import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PYTHON_IMAGE, Service, startService } from './harness';
import { BACKEND, dockerInspect, removeContainersOf, waitFor, writeStorage } from './exec-helpers';

/** Two simulated GPUs: admission is the real one, the containers only get the ids in their environment. */
const GPU_INVENTORY = JSON.stringify([
  { uuid: 'GPU-sim-0', name: 'Simulated A100', memoryTotal: 40960 },
  { uuid: 'GPU-sim-1', name: 'Simulated A100', memoryTotal: 40960 },
]);

describe('runs are jobs: admission onto two simulated GPUs, queue, end states, restart', () => {
  let svc: Service | undefined;
  let dataDir: string;

  afterAll(async () => {
    await svc?.stop();
    if (dataDir) removeContainersOf(dataDir);
  });

  const status = async (id: string) =>
    (await svc!.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: id } } })).data!;
  const create = (body: Record<string, unknown>) =>
    svc!.client.POST('/api/exec/create', { body: { srcPath: 'code', imageTag: PYTHON_IMAGE, ...body } as never });
  const envOf = (id: string) => {
    const env: string[] = dockerInspect(containerName(id))?.Config.Env ?? [];
    return Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  };
  let instance = '';
  const containerName = (id: string) => `webapi-exec-${instance}-${id}`;

  it('gives each run its own GPU, queues the third with its reason and place, and starts it within a second of a stop', async () => {
    svc = await startService({ GPU_INVENTORY, EXEC_STOP_GRACE_SECONDS: '1' });
    dataDir = svc.dataDir;
    instance = (await fs.readFile(path.join(dataDir, 'exec', 'instance-id'), 'utf8')).trim().slice(0, 8);
    await writeStorage(dataDir, { 'code/.keep': '' });

    for (const id of ['g1', 'g2']) {
      const res = await create({ id, command: 'sleep 300', gpus: 1 });
      expect(res.response.status).toBe(200);
      expect(res.data).toEqual({ success: true, exec_id: id, status: 'running' });
    }
    const third = await create({ id: 'g3', command: 'sleep 300', gpus: 1 });
    expect(third.data).toEqual({ success: true, exec_id: 'g3', status: 'queued' });
    expect(await status('g3')).toMatchObject({
      status: 'queued',
      queuePosition: 1,
      reason: 'waiting for 1 GPU',
      gpus: [],
      startedAt: null,
    });
    // Nothing runs for it yet; info answers the seed's State with the lifecycle status.
    expect(dockerInspect(containerName('g3'))).toBeUndefined();
    const info = await svc.client.GET('/api/exec/info/{exec_id}', { params: { path: { exec_id: 'g3' } } });
    expect(info.response.status).toBe(200);
    expect(info.data).toMatchObject({ State: { Status: 'queued', Running: false }, status: 'queued' });

    const [s1, s2] = [await status('g1'), await status('g2')];
    expect(s1).toMatchObject({ status: 'running', gpus: [expect.any(String)], queuePosition: null });
    expect(new Set([...s1.gpus, ...s2.gpus])).toEqual(new Set(['GPU-sim-0', 'GPU-sim-1']));
    // The containers see exactly their own GPU, and no device is requested from the engine.
    expect(envOf('g1').CUDA_VISIBLE_DEVICES).toBe(s1.gpus[0]);
    expect(envOf('g2').CUDA_VISIBLE_DEVICES).toBe(s2.gpus[0]);
    expect(envOf('g1').NVIDIA_VISIBLE_DEVICES).toBe(s1.gpus[0]);
    expect(dockerInspect(containerName('g1'))!.HostConfig.DeviceRequests ?? null).toBeNull();
    // On swarm, simulated GPUs reserve no generic resource either (the engine advertises none).
    if (BACKEND === 'swarm')
      expect(
        dockerInspect(containerName('g1'))!.Service!.Spec.TaskTemplate.Resources.Reservations.GenericResources,
      ).toBeUndefined();

    const gpus = await svc.client.GET('/api/system/gpus');
    expect(gpus.data!.map((g) => [g.uuid, g.heldBy]).sort()).toEqual(
      [
        [s1.gpus[0], 'g1'],
        [s2.gpus[0], 'g2'],
      ].sort(),
    );
    const queue = await svc.client.GET('/api/exec/queue');
    expect(queue.data).toEqual([
      expect.objectContaining({ exec_id: 'g3', queuePosition: 1, reason: 'waiting for 1 GPU' }),
    ]);

    // A run that asks for more GPUs than the host has can never start: 422 at once, nothing kept.
    const tooBig = await create({ id: 'g-three', command: 'true', gpus: 3 });
    expect(tooBig.response.status).toBe(422);
    expect(tooBig.error!.detail).toBe('The run can never start here: the run asks for 3 GPUs, but the server has 2');
    expect(
      (await svc.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: 'g-three' } } })).response
        .status,
    ).toBe(404);
    // A two-GPU run waits behind the queued one.
    expect((await create({ id: 'g-two', command: 'sleep 300', gpus: 2 })).data!.status).toBe('queued');
    expect(await status('g-two')).toMatchObject({ status: 'queued', queuePosition: 2, reason: 'waiting for 2 GPUs' });

    // Stop one: it ends canceled, and the queued run gets its GPU within a second of the container being gone.
    const freed = s1.gpus[0];
    expect(
      (await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'g1' } } })).response.status,
    ).toBe(200);
    const stoppedAt = Date.now();
    expect(await status('g1')).toMatchObject({ status: 'canceled', reason: 'stopped' });
    // Admitted (its GPU assigned, its container being made) within a second; running once the engine has started it.
    await waitFor('g3 to start', async () => (await status('g3')).status !== 'queued', 1000, 20);
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    await waitFor('g3 to run', async () => (await status('g3')).status === 'running', 10_000, 20);
    expect(await status('g3')).toMatchObject({ gpus: [freed], queuePosition: null });
    expect(envOf('g3').CUDA_VISIBLE_DEVICES).toBe(freed);
    expect(await status('g-two')).toMatchObject({ status: 'queued', queuePosition: 1 });
  });

  it('keeps the queue order and the GPU assignments across kill -9 and a restart', async () => {
    expect((await create({ id: 'g-later', command: 'sleep 300', gpus: 1 })).data!.status).toBe('queued');
    const before = await svc!.client.GET('/api/exec/queue');
    expect(before.data!.map((q) => q.exec_id)).toEqual(['g-two', 'g-later']);
    const held = (await svc!.client.GET('/api/system/gpus')).data!.map((g) => [g.uuid, g.heldBy]);

    await svc!.kill();
    svc = await startService({ GPU_INVENTORY, EXEC_STOP_GRACE_SECONDS: '1' }, dataDir);
    const after = await svc.client.GET('/api/exec/queue');
    expect(after.data!.map((q) => [q.exec_id, q.queuePosition])).toEqual([
      ['g-two', 1],
      ['g-later', 2],
    ]);
    expect((await svc.client.GET('/api/system/gpus')).data!.map((g) => [g.uuid, g.heldBy])).toEqual(held);
    expect(await status('g2')).toMatchObject({ status: 'running' });
    expect(await status('g3')).toMatchObject({ status: 'running' });
    expect(await status('g1')).toMatchObject({ status: 'canceled', reason: 'stopped' });

    // A queued run stopped is canceled without ever starting; a deleted one leaves the queue.
    expect(
      (await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'g-later' } } })).response.status,
    ).toBe(200);
    expect(await status('g-later')).toMatchObject({ status: 'canceled', startedAt: null, gpus: [] });
    expect(dockerInspect(containerName('g-later'))).toBeUndefined();
    expect(
      (await svc.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: 'g-two' } } })).response.status,
    ).toBe(200);
    expect((await svc.client.GET('/api/exec/queue')).data).toEqual([]);
    for (const id of ['g2', 'g3'])
      await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: id } } });
  });

  it('a run that finished while the service was down gets its true end state', async () => {
    expect((await create({ id: 'e-down', command: 'sleep 2; exit 3', gpus: 'none' })).data!.status).toBe('running');
    await svc!.kill();
    await waitFor(
      'e-down to exit',
      async () => dockerInspect(containerName('e-down'))?.State.Running === false,
      30_000,
    );
    svc = await startService({ GPU_INVENTORY, EXEC_STOP_GRACE_SECONDS: '1' }, dataDir);
    await waitFor('e-down to be failed', async () => (await status('e-down')).status === 'failed', 10_000);
    expect(await status('e-down')).toMatchObject({ status: 'failed', reason: 'exit code 3', exitCode: 3 });
  });

  it('ends a run past its timeoutSeconds failed, and one killed for memory failed "out of memory"', async () => {
    expect((await create({ id: 't-out', command: 'sleep 300', timeoutSeconds: 1, gpus: 'none' })).response.status).toBe(
      200,
    );
    const oom = await create({
      id: 'oom',
      command: ['python', '-c', 'b = []\nwhile True: b.append(bytearray(8 * 1024 * 1024))'],
      memory: '32m',
      gpus: 'none',
    });
    expect(oom.response.status).toBe(200);
    await waitFor('t-out to end', async () => (await status('t-out')).status === 'failed', 20_000);
    expect(await status('t-out')).toMatchObject({ status: 'failed', reason: 'timed out after 1 s' });
    await waitFor(
      'oom to end',
      async () => !['queued', 'starting', 'running'].includes((await status('oom')).status),
      30_000,
    );
    expect(await status('oom')).toMatchObject({ status: 'failed', reason: 'out of memory' });
    expect(await status('oom')).not.toMatchObject({ exitCode: 0 });
  });

  it('a run of the seed client body (empty input and output) runs to its end; its output is downloadable', async () => {
    await writeStorage(dataDir, {
      'legacy/test.py': 'open("/app/output/out.txt", "w").write("written")\nprint("ran")\n',
    });
    const res = await fetch(`${svc!.url}/api/exec/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'legacy',
        srcPath: 'default:legacy',
        command: 'python test.py',
        imageTag: PYTHON_IMAGE,
        inputPath: '',
        outputPath: '',
        useGPU: false,
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true, exec_id: 'legacy' });
    await waitFor('legacy to succeed', async () => (await status('legacy')).status === 'succeeded', 30_000);
    const item = (await svc!.client.GET('/api/exec/list')).data!.find((r) => r.exec_id === 'legacy')!;
    expect(item.outputPath).toBe('default:runs/legacy/output');
    expect(item.inputPath).toBe('');
    const mounts = (dockerInspect(containerName('legacy'))!.Mounts as { Destination: string }[]).map(
      (m) => m.Destination,
    );
    expect(mounts).not.toContain('/app/data');
    expect(mounts).not.toContain('/data/input');
    const download = await fetch(`${svc!.url}/api/storage/file/default/runs/legacy/output/out.txt`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('written');
  });

  it('runs as an unprivileged user: no root-owned or root setuid file reaches the host, the run folder is not world-writable', async () => {
    const script = [
      'cp /bin/sh /app/output/sh && chmod 4755 /app/output/sh',
      'touch /app/output/mine; chown 0:0 /app/output/mine 2>/dev/null && echo CHOWNED',
      'id -u',
    ].join('; ');
    expect(
      (await create({ id: 'setuid', command: script, outputPath: 'escape/out', gpus: 'none' })).response.status,
    ).toBe(200);
    await waitFor(
      'setuid to end',
      async () => !['starting', 'running'].includes((await status('setuid')).status),
      30_000,
    );
    const out = path.join(dataDir, 'storage', 'escape', 'out');
    for (const name of await fs.readdir(out)) {
      const stat = await fs.lstat(path.join(out, name));
      expect({ name, uid: stat.uid }).toEqual({ name, uid: 1000 });
      // A setuid bit, if any, gives nothing but the run's own unprivileged user.
      if (stat.mode & 0o4000) expect(stat.uid).not.toBe(0);
    }
    const logs = await svc!.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'setuid' } } });
    expect(logs.data!.lines).not.toContain('CHOWNED');
    expect(logs.data!.lines).toContain('1000');
    const runDir = await fs.stat(path.join(dataDir, 'runs', 'setuid'));
    expect(runDir.mode & 0o002).toBe(0);
  });
});

describe('runs are jobs: owners', () => {
  let svc: Service | undefined;
  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  it('records the token name as owner, filters the list by it, and keeps EXEC_MAX_RUNNING_PER_OWNER', async () => {
    const dir = await fs.mkdtemp(path.join((await import('node:os')).tmpdir(), 'webapi-owners-'));
    const tokens = path.join(dir, 'tokens');
    await fs.writeFile(tokens, 'alice:alice-token-0123456789abcdef\nbob:bob-token-0123456789abcdef\n');
    svc = await startService({ API_TOKENS_FILE: tokens, EXEC_MAX_RUNNING_PER_OWNER: '1' }, undefined, {
      token: 'alice-token-0123456789abcdef',
    });
    await writeStorage(svc.dataDir, { 'code/.keep': '' });
    const as = (token: string, id: string) =>
      fetch(`${svc!.url}/api/exec/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ id, srcPath: 'code', imageTag: PYTHON_IMAGE, command: 'sleep 300' }),
      }).then((r) => r.json());
    expect(await as('alice-token-0123456789abcdef', 'a1')).toMatchObject({ status: 'running' });
    expect(await as('alice-token-0123456789abcdef', 'a2')).toMatchObject({ status: 'queued' });
    expect(await as('bob-token-0123456789abcdef', 'b1')).toMatchObject({ status: 'running' });
    const a2 = (await svc.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: 'a2' } } })).data!;
    expect(a2).toMatchObject({
      owner: 'alice',
      status: 'queued',
      reason: 'waiting: alice already has 1 running (EXEC_MAX_RUNNING_PER_OWNER)',
    });
    const mine = await svc.client.GET('/api/exec/list', { params: { query: { owner: 'bob' } } });
    expect(mine.data!.map((r) => [r.exec_id, r.owner])).toEqual([['b1', 'bob']]);
    for (const id of ['a1', 'b1'])
      await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: id } } });
    await waitFor(
      'a2 to start once a1 ended',
      async () =>
        (await svc!.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: 'a2' } } })).data!.status !==
        'queued',
      10_000,
    );
    await svc.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'a2' } } });
  });
});
