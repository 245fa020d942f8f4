import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Service, runServiceToExit, startService, tempDir } from './harness';

jest.setTimeout(240_000);

const CATALOG_FILE = 'catalog.json';

const mnist = {
  type: 'Image',
  storageId: 'default',
  storagePath: 'datasets/mnist',
  description: 'Handwritten digits',
  family: 'mnist',
};
const cnn = {
  type: 'Model',
  storageId: 'default',
  storagePath: 'models/cnn',
  mainSrc: 'train.py',
  description: 'A small CNN',
  family: 'mnist',
};

/** The catalog file: each kind's entries, as stored. */
interface CatalogFile {
  datasets: ({ name: string } & Record<string, unknown>)[];
  models: ({ name: string } & Record<string, unknown>)[];
}

async function catalogOnDisk(dataDir: string): Promise<CatalogFile> {
  return JSON.parse(await fs.readFile(path.join(dataDir, CATALOG_FILE), 'utf8')) as CatalogFile;
}

describe('dataset and model catalogs', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(() => svc?.stop());

  it('adds, reads, updates and removes datasets, with 409 / 404 / 400 where due', async () => {
    const c = svc.client;
    expect((await c.GET('/api/dataset/list')).data).toEqual([]);

    // The name in the URL wins over a name in the body.
    const added = await c.POST('/api/dataset/item/{name}', {
      params: { path: { name: 'mnist' } },
      body: { ...mnist, name: 'elsewhere' },
    });
    expect(added.response.status).toBe(201);
    expect(added.data).toEqual({ name: 'mnist', ...mnist });

    const again = await c.POST('/api/dataset/item/{name}', { params: { path: { name: 'mnist' } }, body: mnist });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ status: 409, detail: 'Dataset "mnist" already exists' });

    // Optional fields come back as empty strings.
    const bare = await c.POST('/api/dataset/item/{name}', {
      params: { path: { name: 'imdb' } },
      body: { type: 'Text', storageId: 'default', storagePath: 'imdb' },
    });
    expect(bare.data).toEqual({
      name: 'imdb',
      type: 'Text',
      storageId: 'default',
      storagePath: 'imdb',
      description: '',
      family: '',
    });

    expect((await c.GET('/api/dataset/item/{name}', { params: { path: { name: 'mnist' } } })).data).toEqual({
      name: 'mnist',
      ...mnist,
    });
    const missing = await c.GET('/api/dataset/item/{name}', { params: { path: { name: 'nope' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const updated = await c.PUT('/api/dataset/item/{name}', {
      params: { path: { name: 'imdb' } },
      body: { type: 'Text', storageId: 'default', storagePath: 'text/imdb', family: 'reviews' },
    });
    expect(updated.response.status).toBe(200);
    expect(updated.data).toEqual({
      name: 'imdb',
      type: 'Text',
      storageId: 'default',
      storagePath: 'text/imdb',
      description: '',
      family: 'reviews',
    });
    const updateMissing = await c.PUT('/api/dataset/item/{name}', { params: { path: { name: 'nope' } }, body: mnist });
    expect(updateMissing.response.status).toBe(404);

    expect((await c.GET('/api/dataset/list')).data!.map((d) => d.name)).toEqual(['mnist', 'imdb']);

    const removed = await c.DELETE('/api/dataset/item/{name}', { params: { path: { name: 'imdb' } } });
    expect(removed.response.status).toBe(200);
    expect(removed.data).toMatchObject({ name: 'imdb' });
    expect((await c.DELETE('/api/dataset/item/{name}', { params: { path: { name: 'imdb' } } })).response.status).toBe(
      404,
    );
    expect((await c.GET('/api/dataset/list')).data!.map((d) => d.name)).toEqual(['mnist']);
    expect((await catalogOnDisk(svc.dataDir)).datasets).toEqual([{ name: 'mnist', ...mnist }]);
  });

  it('refuses bad names, unknown storages, escaping paths and unknown fields with a 400 naming the field', async () => {
    const c = svc.client;
    for (const name of ['.hidden', 'a/b', 'x'.repeat(129)]) {
      const res = await c.GET('/api/dataset/item/{name}', { params: { path: { name } } });
      expect(res.response.status).toBe(400);
      expect(res.error!.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...mnist, storageId: 'nowhere' }, 'storageId'],
      [{ ...mnist, storagePath: '../../etc' }, 'storagePath'],
      [{ ...mnist, storagePath: '/../etc' }, 'storagePath'],
      [{ storageId: 'default', storagePath: 'x' }, 'type'],
      [{ ...mnist, color: 'red' }, 'color'],
    ];
    for (const [body, field] of cases) {
      const res = await c.POST('/api/dataset/item/{name}', {
        params: { path: { name: 'bad' } },
        body: body as typeof mnist,
      });
      expect({ field, status: res.response.status }).toEqual({ field, status: 400 });
      expect(res.error!.errors!.map((e) => e.field)).toContain(field);
    }
    expect((await c.GET('/api/dataset/item/{name}', { params: { path: { name: 'bad' } } })).response.status).toBe(404);

    // The whole 400 body of a bad storagePath: each problem once, the field named once.
    const wrongType = await fetch(`${svc.url}/api/dataset/item/bad`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...mnist, storagePath: 7 }),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await wrongType.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'storagePath must be a string',
      instance: '/api/dataset/item/bad',
      requestId: expect.any(String) as unknown,
      errors: [{ field: 'storagePath', message: 'storagePath must be a string' }],
    });
    const climbing = await c.POST('/api/dataset/item/{name}', {
      params: { path: { name: 'bad' } },
      body: { ...mnist, storagePath: 'a/../../etc' },
    });
    expect(climbing.error).toMatchObject({
      status: 400,
      detail: 'storagePath: Path may not contain ".."',
      errors: [{ field: 'storagePath', message: 'storagePath: Path may not contain ".."' }],
    });
  });

  it('replaces the whole dataset list only when it is valid as a whole', async () => {
    const c = svc.client;
    const before = (await c.GET('/api/dataset/list')).data;
    const list = [
      { name: 'a', ...mnist },
      { name: 'b', type: 'Table', storageId: 'default', storagePath: 'tables/b' },
    ];
    const repeated = await c.POST('/api/dataset/list', { body: [...list, { ...list[0] }] });
    expect(repeated.response.status).toBe(400);
    expect(repeated.error!.errors).toEqual([{ field: '[2].name', message: 'name "a" is repeated' }]);
    const oneBad = await c.POST('/api/dataset/list', { body: [list[0], { ...list[1], storageId: 'nowhere' }] });
    expect(oneBad.response.status).toBe(400);
    expect(oneBad.error!.errors).toEqual([expect.objectContaining({ field: '[1].storageId' })]);
    const notAList = await fetch(`${svc.url}/api/dataset/list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "a"}',
    });
    expect(notAList.status).toBe(400);
    expect((await c.GET('/api/dataset/list')).data).toEqual(before);

    const replaced = await c.POST('/api/dataset/list', { body: list });
    expect(replaced.response.status).toBe(200);
    expect(replaced.data).toEqual([list[0], { ...list[1], description: '', family: '' }]);
    expect((await c.GET('/api/dataset/list')).data).toEqual(replaced.data);
    expect((await c.POST('/api/dataset/list', { body: [] })).data).toEqual([]);
    expect((await c.GET('/api/dataset/list')).data).toEqual([]);
  });

  it('serves the model catalog under /api/model with the same rules and its own fields', async () => {
    const c = svc.client;
    const added = await c.POST('/api/model/item/{name}', { params: { path: { name: 'cnn' } }, body: cnn });
    expect(added.response.status).toBe(201);
    expect(added.data).toEqual({ name: 'cnn', ...cnn });
    expect(
      (await c.POST('/api/model/item/{name}', { params: { path: { name: 'cnn' } }, body: cnn })).response.status,
    ).toBe(409);
    expect((await c.GET('/api/model/item/{name}', { params: { path: { name: 'cnn' } } })).data).toEqual({
      name: 'cnn',
      ...cnn,
    });
    const badMain = await c.PUT('/api/model/item/{name}', {
      params: { path: { name: 'cnn' } },
      body: { ...cnn, mainSrc: '../../x.py' },
    });
    expect(badMain.response.status).toBe(400);
    expect(badMain.error!.errors!.map((e) => e.field)).toEqual(['mainSrc']);
    const updated = await c.PUT('/api/model/item/{name}', {
      params: { path: { name: 'cnn' } },
      body: { ...cnn, mainSrc: 'src/main.py' },
    });
    expect(updated.data!.mainSrc).toBe('src/main.py');
    expect(
      (await c.PUT('/api/model/item/{name}', { params: { path: { name: 'rnn' } }, body: cnn })).response.status,
    ).toBe(404);

    const list = [
      { name: 'pre', type: 'Preprocessor', storageId: 'default', storagePath: 'models/pre' },
      { name: 'cnn', ...cnn },
    ];
    expect((await c.POST('/api/model/list', { body: [...list, list[1]] })).response.status).toBe(400);
    expect((await c.GET('/api/model/list')).data!.map((m) => m.name)).toEqual(['cnn']);
    const replaced = await c.POST('/api/model/list', { body: list });
    expect(replaced.data).toEqual([{ ...list[0], mainSrc: '', description: '', family: '' }, list[1]]);

    expect((await c.DELETE('/api/model/item/{name}', { params: { path: { name: 'pre' } } })).response.status).toBe(200);
    expect((await c.DELETE('/api/model/item/{name}', { params: { path: { name: 'pre' } } })).response.status).toBe(404);
    expect((await c.GET('/api/model/list')).data).toEqual([{ name: 'cnn', ...cnn }]);
    // A dataset name does not answer on the model route, and the other way round.
    expect((await c.GET('/api/dataset/item/{name}', { params: { path: { name: 'cnn' } } })).response.status).toBe(404);
  });

  it('keeps every one of 100 concurrent adds and leaves a valid file', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `concurrent-${i}`);
    const answers = await Promise.all(
      names.map((name, i) =>
        i % 2
          ? svc.client.POST('/api/dataset/item/{name}', { params: { path: { name } }, body: mnist })
          : svc.client.POST('/api/model/item/{name}', { params: { path: { name } }, body: cnn }),
      ),
    );
    expect(answers.map((a) => a.response.status)).toEqual(names.map(() => 201));
    const onDisk = await catalogOnDisk(svc.dataDir);
    const stored = [...onDisk.datasets, ...onDisk.models]
      .map((e: { name: string }) => e.name)
      .filter((n: string) => n.startsWith('concurrent-'));
    expect(stored.sort()).toEqual([...names].sort());
    const listed = [
      ...(await svc.client.GET('/api/dataset/list')).data!,
      ...(await svc.client.GET('/api/model/list')).data!,
    ];
    expect(listed.filter((e) => e.name.startsWith('concurrent-'))).toHaveLength(100);
    // No temporary file is left beside the document.
    expect((await fs.readdir(svc.dataDir)).filter((f) => f.includes(CATALOG_FILE))).toEqual([CATALOG_FILE]);
  });

  it('keeps both lists across a restart of the service', async () => {
    const name = 'kept-across-restart';
    expect(
      (await svc.client.POST('/api/dataset/item/{name}', { params: { path: { name } }, body: mnist })).response.status,
    ).toBe(201);
    expect(
      (await svc.client.POST('/api/model/item/{name}', { params: { path: { name } }, body: cnn })).response.status,
    ).toBe(201);
    const datasets = (await svc.client.GET('/api/dataset/list')).data;
    const models = (await svc.client.GET('/api/model/list')).data;
    expect(datasets).toContainEqual({ name, ...mnist });
    expect(models).toContainEqual({ name, ...cnn });
    await svc.stop();
    svc = await startService({}, svc.dataDir);
    expect((await svc.client.GET('/api/dataset/list')).data).toEqual(datasets);
    expect((await svc.client.GET('/api/model/list')).data).toEqual(models);
  });
});

describe('the catalog file', () => {
  it('survives kill -9 in the middle of writes: every acknowledged add is kept and the file stays valid', async () => {
    const svc = await startService();
    const acknowledged: string[] = [];
    const writes = Array.from({ length: 200 }, (_, i) =>
      svc.client
        .POST('/api/dataset/item/{name}', { params: { path: { name: `crash-${i}` } }, body: mnist })
        .then((r) => r.response.status === 201 && acknowledged.push(`crash-${i}`))
        .catch(() => undefined),
    );
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 5));
    await svc.kill();
    await Promise.all(writes);
    expect(acknowledged.length).toBeLessThan(200);

    const again = await startService({}, svc.dataDir);
    try {
      const names = (await again.client.GET('/api/dataset/list')).data!.map((d) => d.name);
      expect(names).toEqual(expect.arrayContaining(acknowledged));
      await catalogOnDisk(svc.dataDir);
      expect((await fs.readdir(svc.dataDir)).filter((f) => f.includes(CATALOG_FILE))).toEqual([CATALOG_FILE]);
    } finally {
      await again.stop();
    }
  });

  it('stops the start when it is not valid JSON, naming it, and leaves it untouched', async () => {
    const dir = await tempDir();
    const file = path.join(dir, CATALOG_FILE);
    await fs.writeFile(file, '{"datasets": [{"name": "half');
    const { code, output } = await runServiceToExit({
      DATA_DIR: dir,
      PORT: '0',
      APPS_DIR: path.join(dir, 'apps'),
      LOG_LEVEL: 'warn',
    });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot start: ${file} is not valid JSON`);
    expect(await fs.readFile(file, 'utf8')).toBe('{"datasets": [{"name": "half');
  });

  it('stops the start when a hand edit left an invalid entry, naming the file and the entry', async () => {
    const dir = await tempDir();
    const file = path.join(dir, CATALOG_FILE);
    const text = JSON.stringify({
      datasets: [],
      models: [
        { name: 'ok', ...cnn },
        { name: 'no/slash', ...cnn },
      ],
    });
    await fs.writeFile(file, text);
    const { code, output } = await runServiceToExit({
      DATA_DIR: dir,
      PORT: '0',
      APPS_DIR: path.join(dir, 'apps'),
      LOG_LEVEL: 'warn',
    });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot start: ${file} does not hold the expected data: models[1].name`);
    expect(await fs.readFile(file, 'utf8')).toBe(text);
    // Moving it away lets the service start with empty lists.
    await fs.rename(file, `${file}.bad`);
    const svc = await startService({}, dir);
    try {
      expect((await svc.client.GET('/api/model/list')).data).toEqual([]);
    } finally {
      await svc.stop();
    }
  });
});
