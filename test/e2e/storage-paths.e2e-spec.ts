import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { components } from '../../openapi/client';
import { BUSYBOX_IMAGE, Service, json, startService, tempDir } from './harness';
import { removeContainersOf, waitExited } from './exec-helpers';

/**
 * Existing clients send storage paths with a leading "/": it is rooted at the
 * storage, wherever a storage path is taken (storage URLs, exec and app
 * module references, catalog storagePath). What resolves outside the storage
 * stays refused, with nothing touched on disk.
 */
jest.setTimeout(180_000);

/** Every file under a folder with its content (folders end with "/"). */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full) + (entry.isDirectory() ? '/' : '')] = entry.isFile()
      ? await fs.readFile(full, 'utf8')
      : '';
  }
  return out;
}

describe('storage-rooted paths', () => {
  let svc: Service;
  let root: string;
  let outside: string;
  let outsideBefore: Record<string, string>;
  const at = (file_path: string) => ({ params: { path: { storage_id: 'default', file_path } } });

  beforeAll(async () => {
    outside = await tempDir('webapi-outside-');
    await fs.writeFile(path.join(outside, 'secret.txt'), 'host secret');
    outsideBefore = await tree(outside);
    const dataDir = await tempDir();
    const apps = path.join(dataDir, 'apps');
    // A script module whose source is a storage folder, referenced with and without the leading slash.
    for (const [id, src] of [
      ['rooted-ref', 'default:/app-code'],
      ['plain-ref', 'default:app-code'],
      ['escaping-ref', 'default:/out'],
      ['climbing-ref', 'default:/../x'],
    ]) {
      await fs.mkdir(path.join(apps, id), { recursive: true });
      await fs.writeFile(
        path.join(apps, id, 'appinfo.json'),
        JSON.stringify({
          name: id,
          type: 'script',
          image: { tag: BUSYBOX_IMAGE },
          execution: {
            src,
            command: ['sh', '-c', 'printf \'{"greeting": "%s"}\' "$(cat /app/greeting.txt)" > /out/result.json'],
            input: '/in',
            output: '/out',
          },
        }),
      );
    }
    svc = await startService({}, dataDir);
    root = path.join(svc.dataDir, 'storage');
    await fs.mkdir(path.join(root, 'datasets', 'mnist'), { recursive: true });
    await fs.writeFile(path.join(root, 'datasets', 'mnist', 'a.txt'), 'digits');
    await fs.mkdir(path.join(root, 'code'));
    await fs.writeFile(path.join(root, 'code', 'in.txt'), 'input text');
    await fs.mkdir(path.join(root, 'app-code'));
    await fs.writeFile(path.join(root, 'app-code', 'greeting.txt'), 'hello');
    await fs.symlink(outside, path.join(root, 'out'));
  });

  afterAll(async () => {
    await svc?.stop();
    if (svc) removeContainersOf(svc.dataDir);
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  afterEach(async () => {
    expect(await tree(outside)).toEqual(outsideBefore);
  });

  it('lists the same folder with and without the leading slash, "/" and "//" being the root', async () => {
    const relative = await svc.client.GET('/api/storage/list/{storage_id}/{file_path}', at('datasets'));
    expect(relative.data!.items.map((i) => i.name)).toEqual(['mnist']);
    for (const p of ['/datasets', '//datasets/', '/./datasets']) {
      const rooted = await svc.client.GET('/api/storage/list/{storage_id}/{file_path}', at(p));
      expect({ p, items: rooted.data?.items, file_path: rooted.data?.file_path }).toEqual({
        p,
        items: relative.data!.items,
        file_path: 'datasets',
      });
    }
    // Real slashes in the URL, as existing clients write them.
    const doubled = await fetch(`${svc.url}/api/storage/list/default//datasets`);
    expect(doubled.status).toBe(200);
    expect((await json<components['schemas']['StorageFileListDto']>(doubled)).items).toEqual(relative.data!.items);

    const top = await svc.client.GET('/api/storage/list/{storage_id}', { params: { path: { storage_id: 'default' } } });
    for (const p of ['/', '//']) {
      const rooted = await svc.client.GET('/api/storage/list/{storage_id}/{file_path}', at(p));
      expect({ p, items: rooted.data?.items, file_path: rooted.data?.file_path }).toEqual({
        p,
        items: top.data!.items,
        file_path: '',
      });
    }
    const slashes = await fetch(`${svc.url}/api/storage/list/default//`);
    expect((await json<components['schemas']['StorageFileListDto']>(slashes)).items).toEqual(top.data!.items);
  });

  it('reads, writes, uploads, makes and deletes the same files with the leading slash', async () => {
    const read = await fetch(`${svc.url}/api/storage/file/default//datasets/mnist/a.txt`);
    expect(await read.text()).toBe('digits');

    const put = await svc.client.PUT('/api/storage/file/{storage_id}/{file_path}', {
      ...at('/datasets/mnist/b.txt'),
      body: 'put',
      bodySerializer: (b) => b,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.data).toEqual({ success: true, file_path: 'datasets/mnist/b.txt', size: 3 });
    expect(await fs.readFile(path.join(root, 'datasets', 'mnist', 'b.txt'), 'utf8')).toBe('put');

    const form = new FormData();
    form.append('file', new Blob(['posted']), 'c.txt');
    const posted = await fetch(`${svc.url}/api/storage/file/default/${encodeURIComponent('/datasets/mnist')}`, {
      method: 'POST',
      body: form,
    });
    expect(posted.status).toBe(201);
    expect(await fs.readFile(path.join(root, 'datasets', 'mnist', 'c.txt'), 'utf8')).toBe('posted');

    const made = await svc.client.PUT('/api/storage/dir/{storage_id}/{file_path}', at('/made/deep'));
    expect(made.data).toEqual({ success: true, file_path: 'made/deep' });
    expect((await fs.stat(path.join(root, 'made', 'deep'))).isDirectory()).toBe(true);

    expect(
      (await svc.client.DELETE('/api/storage/item/{storage_id}/{file_path}', at('/datasets/mnist/b.txt'))).response
        .status,
    ).toBe(200);
    expect(await fs.readdir(path.join(root, 'datasets', 'mnist'))).toEqual(['a.txt', 'c.txt']);
    // The root itself stays: "/" names it, and it cannot be deleted.
    expect((await svc.client.DELETE('/api/storage/item/{storage_id}/{file_path}', at('/'))).response.status).toBe(400);
  });

  it('refuses every escape form on every route, leading slash or not, touching nothing', async () => {
    const before = await tree(root);
    const vectors = [
      '/../outside',
      '/..',
      '//../outside/secret.txt',
      '/out/secret.txt',
      '//out/new.txt',
      '/datasets/../../x',
      '/a\u0000b',
      '/a\\b',
    ];
    for (const vector of vectors) {
      for (const [method, route] of [
        ['GET', 'file'],
        ['GET', 'list'],
        ['PUT', 'file'],
        ['PUT', 'dir'],
        ['DELETE', 'item'],
        ['POST', 'file'],
      ]) {
        const form = new FormData();
        form.append('file', new Blob(['x']), 'x.txt');
        const res = await fetch(`${svc.url}/api/storage/${route}/default/${encodeURIComponent(vector)}`, {
          method,
          body: method === 'PUT' && route === 'file' ? 'x' : method === 'POST' ? form : undefined,
        });
        expect({ vector, method, route, status: res.status }).toEqual({ vector, method, route, status: 400 });
      }
    }
    // The symlink itself may be listed at the root, but what it leads to is refused.
    expect((await svc.client.GET('/api/storage/list/{storage_id}/{file_path}', at('/out'))).response.status).toBe(400);
    expect(
      (await svc.client.GET('/api/storage/file/{storage_id}/{file_path}', at('//out/secret.txt'))).response.status,
    ).toBe(400);
    expect(await tree(root)).toEqual(before);
  });

  it('mounts storage references with a leading slash as runs see the relative ones', async () => {
    const body = (id: string, srcPath: string, inputPath: string, outputPath: string) => ({
      id,
      srcPath,
      inputPath,
      outputPath,
      imageTag: BUSYBOX_IMAGE,
      command: ['/bin/sh', '-c', 'cat /app/in.txt /app/data/in.txt > /app/output/out.txt'],
    });
    for (const [id, src, input, output] of [
      ['rooted', 'default:/code', '/code', 'default:/results/rooted'],
      ['relative', 'default:code', 'code', 'results/relative'],
    ]) {
      const created = await svc.client.POST('/api/exec/create', { body: body(id, src, input, output) });
      expect({ id, error: created.error }).toEqual({ id, error: undefined });
      await waitExited(svc, id);
      const out = await svc.client.GET('/api/storage/file/{storage_id}/{file_path}', {
        ...at(`/results/${id}/out.txt`),
        parseAs: 'text',
      });
      expect({ id, out: out.data }).toEqual({ id, out: 'input textinput text' });
    }
    // Each container was given the folders' real paths.
    const mounts = JSON.parse(
      execFileSync('docker', [
        'inspect',
        '--format',
        '{{json .Mounts}}',
        `webapi-exec-${await instancePrefix(svc)}-rooted`,
      ]).toString(),
    ) as { Destination: string; Source: string }[];
    expect(mounts.find((m) => m.Destination === '/app')!.Source).toBe(path.join(await fs.realpath(root), 'code'));

    const escapes = [
      ['srcPath', 'default:/../code'],
      ['srcPath', 'default:/out'],
      ['inputPath', '/out'],
      ['outputPath', 'default:/out/new'],
      ['outputPath', '/../results'],
    ];
    for (const [i, [field, ref]] of escapes.entries()) {
      const refs = { srcPath: 'default:/code', inputPath: '/code', outputPath: '/results/refused', [field]: ref };
      const refused = await svc.client.POST('/api/exec/create', {
        body: body(`refused-${i}`, refs.srcPath, refs.inputPath, refs.outputPath),
      });
      expect({ field, ref, status: refused.response.status }).toEqual({ field, ref, status: 400 });
      expect(refused.error!.errors!.map((e) => e.field)).toEqual([field]);
    }
    expect((await fs.readdir(path.join(root, 'results'))).sort()).toEqual(['relative', 'rooted']);
  });

  it('runs app modules from storage references with a leading slash, and refuses those leading outside with 422', async () => {
    for (const id of ['rooted-ref', 'plain-ref']) {
      const res = await svc.client.POST('/api/app/run/{module_id}', { params: { path: { module_id: id } }, body: {} });
      expect({ id, status: res.response.status, data: res.data }).toEqual({
        id,
        status: 200,
        data: { greeting: 'hello' },
      });
    }
    for (const id of ['escaping-ref', 'climbing-ref']) {
      const res = await svc.client.POST('/api/app/run/{module_id}', { params: { path: { module_id: id } }, body: {} });
      expect({ id, status: res.response.status }).toEqual({ id, status: 422 });
      expect(res.error!.detail).toContain(`App module "${id}": source folder`);
    }
  });

  it('keeps a catalog storagePath with a leading slash as sent, naming the folder the relative path names', async () => {
    const added = await svc.client.POST('/api/dataset/item/{name}', {
      params: { path: { name: 'mnist' } },
      body: { type: 'Image', storageId: 'default', storagePath: '/datasets/mnist' },
    });
    expect(added.error).toBeUndefined();
    const entry = await svc.client.GET('/api/dataset/item/{name}', { params: { path: { name: 'mnist' } } });
    expect(entry.data!.storagePath).toBe('/datasets/mnist');
    const viaEntry = await svc.client.GET('/api/storage/list/{storage_id}/{file_path}', at(entry.data!.storagePath));
    const relative = await svc.client.GET('/api/storage/list/{storage_id}/{file_path}', at('datasets/mnist'));
    expect(viaEntry.data!.items).toEqual(relative.data!.items);

    const refused = await svc.client.POST('/api/dataset/item/{name}', {
      params: { path: { name: 'escape' } },
      body: { type: 'Image', storageId: 'default', storagePath: '/../etc' },
    });
    expect(refused.response.status).toBe(400);
    expect((await svc.client.GET('/api/dataset/list')).data!.map((d) => d.name)).toEqual(['mnist']);
  });
});

/** The instance part of a run's container name (`webapi-exec-<instance>-<id>`), read from the engine. */
async function instancePrefix(svc: Service): Promise<string> {
  const names = execFileSync('docker', [
    'ps',
    '-a',
    '--filter',
    `label=webapi.exec.data-dir=${svc.dataDir}`,
    '--format',
    '{{.Names}}',
  ]).toString();
  return /webapi-exec-([0-9a-f]+)-/.exec(names)![1];
}
