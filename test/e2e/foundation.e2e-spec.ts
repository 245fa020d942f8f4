import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EngineProxy, Problem, Service, json, runServiceToExit, startService, tempDir } from './harness';

describe('the service', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(() => svc?.stop());

  it('answers /api/system/info with every field of the seed, with real values', async () => {
    const { data, response } = await svc.client.GET('/api/system/info');
    expect(response.status).toBe(200);
    expect(data).toBeDefined();
    const info = data!;
    expect(typeof info.cpu_info).toBe('string');
    expect(info.cpu_info.length).toBeGreaterThan(0);
    expect(Number.isInteger(info.cpu_thread_count) && info.cpu_thread_count >= 1).toBe(true);
    expect(Number.isInteger(info.cpu_core_count) && info.cpu_core_count >= 1).toBe(true);
    expect(info.cpu_util).toBeGreaterThanOrEqual(0);
    expect(info.cpu_util).toBeLessThanOrEqual(100);
    expect(info.total_memory).toBeGreaterThan(info.available_memory);
    expect(info.available_memory).toBeGreaterThan(0);
    expect(info.platform).toMatch(/^Linux-/);
    expect(info.node.length).toBeGreaterThan(0);
    expect(info.disk_total).toBeGreaterThan(0);
    expect(info.disk_used + info.disk_free).toBeLessThanOrEqual(info.disk_total);
    if (hasNvidiaSmi()) {
      expect(info.gpus.length).toBeGreaterThan(0);
      expect(info.gpu_info).toEqual(info.gpus[0]);
      expect(info.gpu_info!.total_mem).toMatch(/MiB$/);
    } else {
      // Without a GPU the seed's GPU object is null and the list empty.
      expect(info.gpu_info).toBeNull();
      expect(info.gpus).toEqual([]);
    }
  });

  it('reports health: engine reachable, data folder writable', async () => {
    const { data } = await svc.client.GET('/api/health');
    expect(data).toEqual({ status: 'ok', engine: { reachable: true }, dataDir: { writable: true } });
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const res = await fetch(`${svc.url}/api/no/such/route`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await json<Problem>(res);
    expect(body).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/api/no/such/route',
    });
    expect(typeof body.requestId).toBe('string');
  });

  it('answers a malformed JSON body with a 400 problem document', async () => {
    const res = await fetch(`${svc.url}/api/dataset/list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[{"name": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await json<Problem>(res)).status).toBe(400);
  });

  it('serves Swagger UI and the OpenAPI document it shows', async () => {
    const ui = await fetch(`${svc.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const doc = await json(await fetch(`${svc.url}/api/docs/openapi.json`));
    const committed: unknown = JSON.parse(
      await fs.readFile(path.join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8'),
    );
    expect(doc).toEqual(committed);
  });
});

describe('configuration', () => {
  it('stops at start with a message naming a bad variable', async () => {
    const dir = await tempDir();
    const { code, output } = await runServiceToExit({ DATA_DIR: dir, PORT: 'eighty' });
    expect(code).toBe(2);
    expect(output).toContain('PORT');
  });

  it('refuses a STORAGES value that is not a list of storages', async () => {
    const dir = await tempDir();
    const { code, output } = await runServiceToExit({ DATA_DIR: dir, PORT: '0', STORAGES: '{"id": 1}' });
    expect(code).toBe(2);
    expect(output).toContain('STORAGES');
  });
});

describe('when the engine goes away', () => {
  let svc: Service;
  let proxy: EngineProxy;
  beforeAll(async () => {
    const dir = await tempDir();
    proxy = new EngineProxy(path.join(dir, 'engine.sock'));
    await proxy.open();
    svc = await startService({ DOCKER_HOST: `unix://${proxy.socketPath}`, ENGINE_RETRY_AFTER_SECONDS: '7' });
  });
  afterAll(async () => {
    await svc?.stop();
    await proxy?.cut();
  });

  it('keeps the routes that do not need it, answers 503 on those that do, and recovers by itself', async () => {
    expect((await svc.client.GET('/api/image/list')).response.status).toBe(200);

    await proxy.cut();
    const info = await svc.client.GET('/api/system/info');
    expect(info.response.status).toBe(200);
    const health = await svc.client.GET('/api/health');
    expect(health.data).toMatchObject({
      status: 'degraded',
      engine: { reachable: false },
      dataDir: { writable: true },
    });
    const storages = await svc.client.GET('/api/storage/list');
    expect(storages.response.status).toBe(200);

    const images = await fetch(`${svc.url}/api/image/list`);
    expect(images.status).toBe(503);
    expect(images.headers.get('retry-after')).toBe('7');
    expect(images.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await json(images)).toMatchObject({ status: 503, detail: 'The Docker engine does not answer' });

    await proxy.open();
    const again = await svc.client.GET('/api/image/list');
    expect(again.response.status).toBe(200);
    expect(Array.isArray(again.data)).toBe(true);
  });
});

function hasNvidiaSmi(): boolean {
  try {
    execFileSync('nvidia-smi', ['-L'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
