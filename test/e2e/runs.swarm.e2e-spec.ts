import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PYTHON_IMAGE, Service, startService } from './harness';
import {
  ServiceInspect,
  containersOf,
  createRun,
  dockerInspect,
  removeContainersOf,
  waitFor,
  writeStorage,
} from './exec-helpers';

/**
 * What only Swarm shows (jest project e2e-swarm, RUN_BACKEND=swarm on a
 * swarm made by docker/ensure-swarm.sh): a run is a replicated-job service
 * with one task, its end is its container's, it is adopted back from the
 * service's labels after a crash, it sees no network, and it is placed by
 * constraints.
 */
jest.setTimeout(300_000);

const docker = (...args: string[]) => execFileSync('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
type Task = { ID: string; Status: { State: string; ContainerStatus?: { ExitCode: number } } };
/** `docker service inspect` of a run's service. */
const serviceInspect = (name: string) => (JSON.parse(docker('service', 'inspect', name)) as ServiceInspect[])[0];
/** The tasks of a service, as Swarm lists them. */
const tasksOf = (service: string): Task[] =>
  JSON.parse(
    execFileSync('curl', [
      '-s',
      '--unix-socket',
      '/var/run/docker.sock',
      `http://localhost/tasks?filters=${encodeURIComponent(JSON.stringify({ service: [service] }))}`,
    ]).toString(),
  ) as Task[];

describe('runs on Docker Swarm', () => {
  let svc: Service | undefined;
  let dataDir: string;

  beforeAll(async () => {
    svc = await startService({ EXEC_STOP_GRACE_SECONDS: '5' });
    dataDir = svc.dataDir;
    await writeStorage(dataDir, { 'code/.keep': '' });
  });

  afterAll(async () => {
    await svc?.stop();
    if (dataDir) removeContainersOf(dataDir);
  });

  const status = async (id: string) =>
    (await svc!.client.GET('/api/exec/status/{exec_id}', { params: { path: { exec_id: id } } })).data!;
  const base = { srcPath: 'code', imageTag: PYTHON_IMAGE, inputPath: '', outputPath: '' };
  const serviceOf = (id: string) => containersOf(dataDir).find((n) => n.endsWith(`-${id}`))!;

  it("runs each run as a replicated-job service with one task; the exit code is the container's", async () => {
    await createRun(svc!, { ...base, id: 'three', command: 'echo "on $(hostname)"; exit 3' });
    await waitFor('three to fail', async () => (await status('three')).status === 'failed', 60_000);
    expect(await status('three')).toMatchObject({ status: 'failed', reason: 'exit code 3', exitCode: 3 });

    const service = serviceOf('three');
    const inspected = serviceInspect(service);
    expect(inspected.Spec.Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } });
    expect(inspected.Spec.Labels).toMatchObject({ 'webapi.exec.id': 'three', 'webapi.exec.data-dir': dataDir });
    const tasks = tasksOf(service);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].Status).toMatchObject({ State: 'failed', ContainerStatus: { ExitCode: 3 } });
    expect(dockerInspect(service)!.State.ExitCode).toBe(3);
    const logs = await svc!.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'three' } } });
    expect(logs.data!.lines).toEqual([expect.stringMatching(/^on [0-9a-f]{12}$/)]);
  });

  it('gives a run no network: it sees only the loopback interface', async () => {
    await createRun(svc!, { ...base, id: 'net', command: 'ls /sys/class/net' });
    await waitFor('net to succeed', async () => (await status('net')).status === 'succeeded', 60_000);
    const logs = await svc!.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'net' } } });
    expect(logs.data!.lines).toEqual(['lo']);
    expect(serviceInspect(serviceOf('net')).Spec.TaskTemplate.Networks ?? []).toEqual([]);
  });

  it("leaves a run no node matches starting, with Swarm's reason; one that matches runs; stopping the waiting one cancels it", async () => {
    const created = await svc!.client.POST('/api/exec/create', {
      body: { ...base, id: 'nowhere', command: 'echo placed', constraints: ['node.labels.webapi-e2e-gpu==a100'] },
    });
    expect(created.data).toEqual({ success: true, exec_id: 'nowhere', status: 'starting' });
    expect(await status('nowhere')).toMatchObject({
      status: 'starting',
      reason: expect.stringMatching(
        /^waiting for a node: pending: no suitable node \(scheduling constraints/,
      ) as unknown,
      startedAt: null,
    });
    const placed = await svc!.client.POST('/api/exec/create', {
      body: {
        ...base,
        id: 'here',
        command: 'echo placed',
        constraints: [`node.hostname==${os.hostname()}`, 'node.role==manager'],
      },
    });
    expect(placed.response.status).toBe(200);
    await waitFor('here to succeed', async () => (await status('here')).status === 'succeeded', 60_000);
    expect(serviceInspect(serviceOf('here')).Spec.TaskTemplate.Placement).toEqual({
      Constraints: [`node.hostname==${os.hostname()}`, 'node.role==manager'],
    });
    // Still waiting: nothing matched it meanwhile.
    expect(await status('nowhere')).toMatchObject({ status: 'starting' });
    expect(
      (await svc!.client.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: 'nowhere' } } })).response.status,
    ).toBe(200);
    expect(await status('nowhere')).toMatchObject({ status: 'canceled', reason: 'stopped', startedAt: null });
    expect(
      (await svc!.client.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: 'nowhere' } } })).response
        .status,
    ).toBe(200);
    expect(containersOf(dataDir).some((n) => n.endsWith('-nowhere'))).toBe(false);
  });

  it('refuses a constraint Swarm would not take: 400 naming the field', async () => {
    const res = await svc!.client.POST('/api/exec/create', {
      body: { ...base, id: 'refused', command: 'true', constraints: ['node.labels.gpu>=2'] },
    });
    expect(res.response.status).toBe(400);
    expect(res.error!.errors).toEqual([
      {
        field: 'constraints',
        message: expect.stringMatching(/^constraints\[0\] must compare a node attribute with == or !=/) as unknown,
      },
    ]);
    expect(containersOf(dataDir).some((n) => n.endsWith('-refused'))).toBe(false);
  });

  it('after kill -9 of the service, adopts a running job back from its service labels and reports its end', async () => {
    await writeStorage(dataDir, {
      'code/until.py':
        'import os, sys, time\nwhile not os.path.exists("/app/release"):\n    time.sleep(0.1)\nprint("released")\nsys.exit(5)\n',
    });
    await createRun(svc!, { ...base, id: 'adopted', mainSrc: 'until.py', userdata: { keep: 'me' } });
    await svc!.kill();
    // The record is lost too: only the service's labels tell what the run is.
    await fs.rm(path.join(dataDir, 'exec', 'runs', 'adopted.json'));
    svc = await startService({ EXEC_STOP_GRACE_SECONDS: '5' }, dataDir);
    const listed = await waitFor('the adopted run to be listed', async () =>
      (await svc!.client.GET('/api/exec/list')).data!.find((r) => r.exec_id === 'adopted'),
    );
    expect(listed).toMatchObject({ status: 'running', mainSrc: 'until.py', imageTag: PYTHON_IMAGE });
    await writeStorage(dataDir, { 'code/release': '' });
    await waitFor('adopted to end', async () => (await status('adopted')).status === 'failed', 60_000);
    expect(await status('adopted')).toMatchObject({ status: 'failed', exitCode: 5, reason: 'exit code 5' });
    const logs = await svc.client.GET('/api/exec/logs/{exec_id}', { params: { path: { exec_id: 'adopted' } } });
    expect(logs.data!.lines).toEqual(['released']);
  });
});

describe('placement constraints without swarm', () => {
  let svc: Service | undefined;
  afterAll(async () => {
    if (!svc) return;
    removeContainersOf(svc.dataDir);
    await svc.stop();
  });

  it('answers 422: constraints need RUN_BACKEND=swarm', async () => {
    svc = await startService({ RUN_BACKEND: 'docker' });
    await writeStorage(svc.dataDir, { 'code/.keep': '' });
    const res = await svc.client.POST('/api/exec/create', {
      body: {
        srcPath: 'code',
        imageTag: PYTHON_IMAGE,
        inputPath: '',
        outputPath: '',
        command: 'true',
        constraints: ['node.role==worker'],
      },
    });
    expect(res.response.status).toBe(422);
    expect(res.error!.detail).toBe(
      'Placement constraints need RUN_BACKEND=swarm: this service runs on one Docker engine',
    );
    expect((await svc.client.GET('/api/exec/list')).data).toEqual([]);
  });
});
