import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, promises as fs, realpathSync, rmdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeZip, zerosZip } from '../fixtures/zips';
import type { components } from '../../openapi/client';
import { Problem, Service, ValidationProblem, json, startService, tempDir } from './harness';

type UploadItem = components['schemas']['UploadItemDto'];

const TEMP_PREFIX = '.webapi-tmp-';
const FILE = '/api/storage/file/{storage_id}/{file_path}' as const;
const LIST = '/api/storage/list/{storage_id}/{file_path}' as const;
const DIR = '/api/storage/dir/{storage_id}/{file_path}' as const;
const ITEM = '/api/storage/item/{storage_id}/{file_path}' as const;
const at = (file_path: string, storage_id = 'default') => ({ params: { path: { storage_id, file_path } } });

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json(): unknown;
}

/** An HTTP request with the path sent exactly as given (no normalisation of "..", no re-encoding). */
function raw(
  url: string,
  method: string,
  rawPath: string,
  body?: Buffer | string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, method, path: rawPath, headers: { connection: 'close', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: buf,
            json: () => JSON.parse(buf.toString()) as unknown,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart body built by hand (boundary `XyZ`), for malformed and hand-made forms. */
function form(
  parts: { name: string; filename?: string; data: string | Buffer }[],
  end = true,
): { body: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(
      Buffer.from(`--XyZ\r\nContent-Disposition: ${disposition}\r\n\r\n`),
      Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  if (end) chunks.push(Buffer.from('--XyZ--\r\n'));
  return { body: Buffer.concat(chunks), headers: { 'content-type': 'multipart/form-data; boundary=XyZ' } };
}

/** Every path under `dir` (relative), folders with a trailing "/". */
async function tree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name)) + (e.isDirectory() ? '/' : '')).sort();
}

async function temporariesUnder(dir: string): Promise<string[]> {
  return (await tree(dir)).filter((p) => path.basename(p.replace(/\/$/, '')).startsWith(TEMP_PREFIX));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exists = (p: string) =>
  fs.lstat(p).then(
    () => true,
    () => false,
  );

describe('storage', () => {
  let svc: Service;
  let base: string;
  let root: string;
  let root2: string;
  let outside: string;

  beforeAll(async () => {
    base = realpathSync(await tempDir('webapi-storage-'));
    root = path.join(base, 'root');
    root2 = path.join(base, 'root2');
    outside = path.join(base, 'outside');
    await fs.mkdir(path.join(root, 'stale', 'deep'), { recursive: true });
    // The folder most route tests work in, with a file in it; and a file that must outlive every delete.
    await fs.mkdir(path.join(root, 'made'));
    await fs.writeFile(path.join(root, 'made', 'plain.txt'), 'x');
    await fs.writeFile(path.join(root, 'keep.txt'), 'kept');
    await fs.mkdir(root2);
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'secret.txt'), 'outside secret');
    await fs.writeFile(path.join(root2, 'sibling.txt'), 'sibling');
    // Temporaries a crash left behind, at two depths.
    const old = new Date(Date.now() - 3600_000);
    for (const p of [
      path.join(root, `${TEMP_PREFIX}0001-a.bin`),
      path.join(root, 'stale', 'deep', `${TEMP_PREFIX}0002-b.bin`),
    ]) {
      await fs.writeFile(p, 'partial');
      await fs.utimes(p, old, old);
    }
    svc = await startService({
      STORAGES: JSON.stringify([
        { id: 'default', name: 'Main storage', path: root },
        { id: 'second', name: 'Second', path: root2 },
      ]),
    });
  });
  afterAll(async () => {
    await svc?.stop();
    await fs.rm(base, { recursive: true, force: true });
  });

  describe('routes', () => {
    it('sweeps temporaries left by an earlier run at start', async () => {
      await waitFor(async () => (await temporariesUnder(root)).length === 0);
      expect(await exists(path.join(root, 'stale', 'deep'))).toBe(true);
    });

    it('lists the configured storages without their host paths', async () => {
      const { data, response } = await svc.client.GET('/api/storage/list');
      expect(response.status).toBe(200);
      expect(data).toEqual([
        { id: 'default', name: 'Main storage' },
        { id: 'second', name: 'Second' },
      ]);
    });

    it('creates folders with their parents; 403 "File already exist" when anything is there', async () => {
      const made = await svc.client.PUT(DIR, at('made/a/b'));
      expect(made.response.status).toBe(200);
      expect(made.data).toEqual({ success: true, file_path: 'made/a/b' });
      expect((await fs.stat(path.join(root, 'made/a/b'))).isDirectory()).toBe(true);

      const again = await svc.client.PUT(DIR, at('made/a'));
      expect(again.response.status).toBe(403);
      expect(again.error).toMatchObject({ status: 403, detail: 'File already exist' });

      await fs.writeFile(path.join(root, 'made', 'plain.txt'), 'x');
      const onFile = await svc.client.PUT(DIR, at('made/plain.txt'));
      expect(onFile.error).toMatchObject({ status: 403, detail: 'File already exist' });
      expect((await fs.stat(path.join(root, 'made', 'plain.txt'))).isFile()).toBe(true);

      // Real slashes in the URL reach the same route.
      expect((await fetch(`${svc.url}/api/storage/dir/default/made/c/d`, { method: 'PUT' })).status).toBe(200);
      expect((await fs.stat(path.join(root, 'made/c/d'))).isDirectory()).toBe(true);
    });

    it('pages a folder of a few hundred items: folders first, then by name', async () => {
      const folder = path.join(root, 'many');
      await fs.mkdir(folder);
      const files = Array.from({ length: 290 }, (_, i) => `file-${String(i).padStart(3, '0')}.txt`);
      const dirs = Array.from({ length: 17 }, (_, i) => `zdir-${i}`);
      await Promise.all(files.map((f, i) => fs.writeFile(path.join(folder, f), 'x'.repeat(i))));
      await Promise.all(dirs.map((d) => fs.mkdir(path.join(folder, d))));
      const expected = [...[...dirs].sort(), ...files];

      const all = await svc.client.GET(LIST, {
        params: { path: { storage_id: 'default', file_path: 'many' }, query: { count: 0 } },
      });
      expect(all.response.status).toBe(200);
      expect(all.data).toMatchObject({ id: 'default', file_path: 'many', page: 0, count: 0, total_count: 307 });
      expect(all.data!.items.map((i) => i.name)).toEqual(expected);

      const pages: string[] = [];
      for (let page = 0; page < 4; page++) {
        const { data } = await svc.client.GET(LIST, {
          params: { path: { storage_id: 'default', file_path: 'many' }, query: { page, count: 100 } },
        });
        expect(data).toMatchObject({ page, count: 100, total_count: 307 });
        expect(data!.items).toHaveLength(page < 3 ? 100 : 7);
        pages.push(...data!.items.map((i) => i.name));
      }
      expect(pages).toEqual(expected);
      const beyond = await svc.client.GET(LIST, {
        params: { path: { storage_id: 'default', file_path: 'many' }, query: { page: 9, count: 50 } },
      });
      expect(beyond.data).toMatchObject({ page: 9, count: 50, total_count: 307, items: [] });

      const { data } = await svc.client.GET(LIST, {
        params: { path: { storage_id: 'default', file_path: 'many' }, query: { page: 0, count: 20 } },
      });
      const dirItem = data!.items[0];
      expect(dirItem).toMatchObject({ name: 'zdir-0', is_dir: true, size: 0 });
      const fileItem = data!.items[17];
      const stat = await fs.stat(path.join(folder, 'file-000.txt'));
      expect(fileItem).toEqual({ name: 'file-000.txt', is_dir: false, size: 0, mtime: stat.mtimeMs / 1000 });
      expect(data!.items[18]).toMatchObject({ name: 'file-001.txt', size: 1 });
      expect(Number.isInteger(fileItem.mtime)).toBe(false);

      // The root of a storage, through its own route, and a folder named with real slashes.
      const rootList = await svc.client.GET('/api/storage/list/{storage_id}', {
        params: { path: { storage_id: 'default' } },
      });
      expect(rootList.data).toMatchObject({ id: 'default', file_path: '', page: 0, count: 0 });
      expect(rootList.data!.items.map((i) => i.name)).toEqual(expect.arrayContaining(['many', 'made', 'stale']));
      expect(rootList.data!.items.some((i) => i.name.startsWith(TEMP_PREFIX))).toBe(false);
      const nested = await json(await fetch(`${svc.url}/api/storage/list/default/made/a?count=5`));
      expect(nested).toMatchObject({ file_path: 'made/a', total_count: 1, items: [{ name: 'b', is_dir: true }] });
    });

    it('answers bad listings with problems', async () => {
      const missing = await svc.client.GET(LIST, at('no/such/folder'));
      expect(missing.error).toMatchObject({ status: 404, detail: 'File not found' });
      const unknown = await svc.client.GET(LIST, at('x', 'nope'));
      expect(unknown.error).toMatchObject({ status: 404, detail: 'Storage not found' });
      const onFile = await svc.client.GET(LIST, at('made/plain.txt'));
      expect(onFile.response.status).toBe(400);
      const badPage = await fetch(`${svc.url}/api/storage/list/default/made?page=-1&count=abc`);
      expect(badPage.status).toBe(400);
      const body = await json<ValidationProblem>(badPage);
      expect([...new Set(body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['count', 'page']);
    });

    it('stores a raw body (created, then replaced) and serves it back with its type and length', async () => {
      const put = await svc.client.PUT(FILE, {
        ...at('docs/notes.txt'.replace('docs/', 'made/')),
        body: 'first version',
        bodySerializer: (b) => b,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(put.response.status).toBe(200);
      expect(put.data).toEqual({ success: true, file_path: 'made/notes.txt', size: 13 });
      const replaced = await svc.client.PUT(FILE, {
        ...at('made/notes.txt'),
        body: 'v2',
        bodySerializer: (b) => b,
        headers: { 'content-type': 'text/plain' },
      });
      expect(replaced.data).toMatchObject({ size: 2 });
      expect(await fs.readFile(path.join(root, 'made/notes.txt'), 'utf8')).toBe('v2');

      // A JSON file is stored byte for byte, not parsed.
      const text = '{ "a" :  1 }\n';
      const putJson = await fetch(`${svc.url}/api/storage/file/default/made/conf.json`, {
        method: 'PUT',
        body: text,
        headers: { 'content-type': 'application/json' },
      });
      expect(putJson.status).toBe(200);
      expect(await fs.readFile(path.join(root, 'made/conf.json'), 'utf8')).toBe(text);

      const get = await fetch(`${svc.url}/api/storage/file/default/made/conf.json`);
      expect(get.status).toBe(200);
      expect(get.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(get.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(await get.text()).toBe(text);

      const noParent = await svc.client.PUT(FILE, {
        ...at('nowhere/x.txt'),
        body: 'x',
        bodySerializer: (b) => b,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(noParent.error).toMatchObject({ status: 404, detail: 'Path not found' });
      expect(await exists(path.join(root, 'nowhere'))).toBe(false);
      const onFolder = await fetch(`${svc.url}/api/storage/file/default/made`, { method: 'PUT', body: 'x' });
      expect(onFolder.status).toBe(400);
      expect((await fs.stat(path.join(root, 'made'))).isDirectory()).toBe(true);
      const empty = await fetch(`${svc.url}/api/storage/file/default/made/empty.bin`, { method: 'PUT' });
      expect(empty.status).toBe(200);
      expect((await fs.stat(path.join(root, 'made/empty.bin'))).size).toBe(0);
      expect(await temporariesUnder(root)).toEqual([]);
    });

    it('serves a picture for <img src> with real slashes and through the SDK with an encoded path', async () => {
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(5000, 9)]);
      await fs.mkdir(path.join(root, 'pics', 'é 1'), { recursive: true });
      await fs.writeFile(path.join(root, 'pics', 'é 1', 'cat.png'), png);

      const img = await fetch(`${svc.url}/api/storage/file/default/pics/${encodeURIComponent('é 1')}/cat.png`);
      expect(img.status).toBe(200);
      expect(img.headers.get('content-type')).toBe('image/png');
      expect(img.headers.get('content-length')).toBe('5008');
      expect(img.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);

      const viaSdk = await svc.client.GET(FILE, { ...at('pics/é 1/cat.png'), parseAs: 'arrayBuffer' });
      expect(viaSdk.response.url).toContain('/pics%2F');
      expect(viaSdk.response.status).toBe(200);
      expect(Buffer.from(viaSdk.data as unknown as ArrayBuffer).equals(png)).toBe(true);

      const head = await fetch(`${svc.url}/api/storage/file/default/pics/é%201/cat.png`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe('5008');

      const etag = img.headers.get('etag')!;
      const cached = await fetch(`${svc.url}/api/storage/file/default/pics/é%201/cat.png`, {
        headers: { 'if-none-match': etag },
      });
      expect(cached.status).toBe(304);
    });

    it('answers byte ranges with 206, and a range past the end with 416', async () => {
      const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
      await fs.writeFile(path.join(root, 'made', 'range.bin'), data);
      const url = `${svc.url}/api/storage/file/default/made/range.bin`;

      const part = await fetch(url, { headers: { range: 'bytes=10-19' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
      expect(part.headers.get('content-length')).toBe('10');
      expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(10, 20))).toBe(true);

      const suffix = await fetch(url, { headers: { range: 'bytes=-5' } });
      expect(suffix.status).toBe(206);
      expect(Buffer.from(await suffix.arrayBuffer()).equals(data.subarray(995))).toBe(true);

      const open = await fetch(url, { headers: { range: 'bytes=990-' } });
      expect(open.headers.get('content-range')).toBe('bytes 990-999/1000');

      const past = await fetch(url, { headers: { range: 'bytes=1000-' } });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe('bytes */1000');
      expect((await json<Problem>(past)).status).toBe(416);
    });

    it('answers 404 "File not found" for a missing file, and refuses folders and FIFOs', async () => {
      const missing = await svc.client.GET(FILE, at('made/nope.txt'));
      expect(missing.error).toMatchObject({ status: 404, detail: 'File not found' });
      const folder = await svc.client.GET(FILE, at('made'));
      expect(folder.response.status).toBe(400);
      execFileSync('mkfifo', [path.join(root, 'made', 'pipe')]);
      const started = Date.now();
      const fifo = await svc.client.GET(FILE, at('made/pipe'));
      expect(fifo.error).toMatchObject({ status: 400, detail: 'Not a regular file' });
      expect(Date.now() - started).toBeLessThan(15_000); // a blocking open of the FIFO would never return
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(path.join(root, 'made', 'socket'), resolve));
      try {
        const socket = await svc.client.GET(FILE, at('made/socket'));
        expect(socket.error).toMatchObject({ status: 400, detail: 'Not a regular file' });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('uploads a form: each file into an existing folder, or the single file at a path', async () => {
      const body = new FormData();
      body.append('file', new Blob(['alpha']), 'a.txt');
      body.append('file', new Blob(['beta']), 'sub/b.txt');
      const into = await fetch(`${svc.url}/api/storage/file/default/made`, { method: 'POST', body });
      expect(into.status).toBe(201);
      expect(await json(into)).toEqual({ success: true, files: ['made/a.txt', 'made/sub/b.txt'] });
      expect(await fs.readFile(path.join(root, 'made/a.txt'), 'utf8')).toBe('alpha');
      expect(await fs.readFile(path.join(root, 'made/sub/b.txt'), 'utf8')).toBe('beta');

      const single = new FormData();
      single.append('file', new Blob(['renamed']), 'whatever.txt');
      const atPath = await fetch(`${svc.url}/api/storage/file/default/made%2Fnamed.txt`, {
        method: 'POST',
        body: single,
      });
      expect(await json(atPath)).toEqual({ success: true, files: ['made/named.txt'] });
      expect(await fs.readFile(path.join(root, 'made/named.txt'), 'utf8')).toBe('renamed');

      const rootUpload = new FormData();
      rootUpload.append('f', new Blob(['at root']), 'top.txt');
      expect((await fetch(`${svc.url}/api/storage/file/default/`, { method: 'POST', body: rootUpload })).status).toBe(
        201,
      );
      expect(await fs.readFile(path.join(root, 'top.txt'), 'utf8')).toBe('at root');

      const lost = new FormData();
      lost.append('file', new Blob(['x']), 'x.txt');
      const noParent = await fetch(`${svc.url}/api/storage/file/default/missing/dir/x.txt`, {
        method: 'POST',
        body: lost,
      });
      expect(noParent.status).toBe(404);
      expect((await json<Problem>(noParent)).detail).toBe('Path not found');

      // Two files to a file path: refused once the second appears, and the target is left as it was.
      await fs.writeFile(path.join(root, 'made/two.txt'), 'original');
      for (const name of ['made/two.txt', 'made/two-new.txt']) {
        const two = new FormData();
        two.append('a', new Blob(['1']), '1.txt');
        two.append('b', new Blob(['2']), '2.txt');
        const res = await fetch(`${svc.url}/api/storage/file/default/${encodeURIComponent(name)}`, {
          method: 'POST',
          body: two,
        });
        expect(res.status).toBe(400);
        expect((await json<Problem>(res)).detail).toMatch(/^Only one file/);
      }
      expect(await fs.readFile(path.join(root, 'made/two.txt'), 'utf8')).toBe('original');
      expect(await exists(path.join(root, 'made/two-new.txt'))).toBe(false);

      const none = new FormData();
      none.append('note', 'no file');
      expect((await fetch(`${svc.url}/api/storage/file/default/made`, { method: 'POST', body: none })).status).toBe(
        400,
      );
      const notAForm = await fetch(`${svc.url}/api/storage/file/default/made/x.txt`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      // A JSON body is not a form: the media type the route does not take is named (415).
      expect(notAForm.status).toBe(415);
      expect(await temporariesUnder(root)).toEqual([]);
    });

    it('deletes files and folders; a non-empty folder needs recursive=true; never the root', async () => {
      await fs.mkdir(path.join(root, 'del/full/inner'), { recursive: true });
      await fs.mkdir(path.join(root, 'del/empty'));
      await fs.writeFile(path.join(root, 'del/full/inner/f.txt'), 'x');
      await fs.writeFile(path.join(root, 'del/file.txt'), 'x');

      const file = await svc.client.DELETE(ITEM, at('del/file.txt'));
      expect(file.data).toEqual({ success: true });
      expect(await exists(path.join(root, 'del/file.txt'))).toBe(false);
      expect((await svc.client.DELETE(ITEM, at('del/empty'))).response.status).toBe(200);
      expect(await exists(path.join(root, 'del/empty'))).toBe(false);

      const notEmpty = await svc.client.DELETE(ITEM, at('del/full'));
      expect(notEmpty.response.status).toBe(400);
      expect(await exists(path.join(root, 'del/full/inner/f.txt'))).toBe(true);
      for (const word of ['yes', '1', 'on', 'TRUE']) {
        const res = await raw(svc.url, 'DELETE', `/api/storage/item/default/del%2Ffull?recursive=${word}`);
        expect({ word, status: res.status }).toEqual({ word, status: 400 });
      }
      expect(await exists(path.join(root, 'del/full/inner/f.txt'))).toBe(true);
      const recursive = await svc.client.DELETE(ITEM, {
        params: { path: { storage_id: 'default', file_path: 'del/full' }, query: { recursive: true } },
      });
      expect(recursive.response.status).toBe(200);
      expect(await exists(path.join(root, 'del/full'))).toBe(false);

      const missing = await svc.client.DELETE(ITEM, at('del/nope'));
      expect(missing.error).toMatchObject({ status: 404, detail: 'File not found' });

      for (const rootPath of [
        '/api/storage/item/default/?recursive=true',
        '/api/storage/item/default/.?recursive=true',
        '/api/storage/item/default/%2E?recursive=true',
      ]) {
        const res = await raw(svc.url, 'DELETE', rootPath);
        expect(res.status).toBe(400);
      }
      expect(await fs.readFile(path.join(root, 'keep.txt'), 'utf8')).toBe('kept');
      expect(await temporariesUnder(root)).toEqual([]);
    });

    it('keeps upload items apart, extracts zips with unzip=true, and deletes them', async () => {
      const plain = new FormData();
      plain.append('file', new Blob(['print("hi")\n']), 'main.py');
      const res = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body: plain });
      expect(res.status).toBe(201);
      const item = await json<UploadItem>(res);
      expect(item).toEqual({
        success: true,
        files: ['main.py'],
        unzip_files: [],
        upload_id: expect.stringMatching(/^[a-f0-9]{32}$/) as unknown,
      });
      const folder = path.join(svc.dataDir, 'uploads', item.upload_id);
      expect(await fs.readFile(path.join(folder, 'main.py'), 'utf8')).toBe('print("hi")\n');

      const zip = await makeZip([
        { name: 'code/train.py', data: 'import os\n' },
        { name: 'code/data/x.csv', data: 'a,b\n1,2\n' },
      ]);
      const withZip = new FormData();
      withZip.append('unzip', 'true');
      withZip.append('file', new Blob([zip]), 'code.zip');
      const zipped = await json<UploadItem>(
        await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body: withZip }),
      );
      expect(zipped).toMatchObject({
        success: true,
        files: ['code.zip'],
        unzip_files: ['code/train.py', 'code/data/x.csv'],
      });
      const zipFolder = path.join(svc.dataDir, 'uploads', zipped.upload_id);
      expect(await fs.readFile(path.join(zipFolder, 'code/data/x.csv'), 'utf8')).toBe('a,b\n1,2\n');

      const gone = await svc.client.DELETE('/api/storage/upload_item/{upload_id}', {
        params: { path: { upload_id: item.upload_id } },
      });
      expect(gone.data).toEqual({ success: true });
      expect(await exists(folder)).toBe(false);
      const again = await svc.client.DELETE('/api/storage/upload_item/{upload_id}', {
        params: { path: { upload_id: item.upload_id } },
      });
      expect(again.response.status).toBe(404);
      const bad = await svc.client.DELETE('/api/storage/upload_item/{upload_id}', {
        params: { path: { upload_id: '../storage' } },
      });
      expect(bad.response.status).toBe(400);
      expect(await exists(zipFolder)).toBe(true);
    });

    it('reads unzip exactly as recursive: "true" or "false", anything else is a 400 and no upload item', async () => {
      const zip = await makeZip([{ name: 'in.txt', data: 'in' }]);
      const before = await tree(path.join(svc.dataDir, 'uploads'));
      for (const word of ['yes', '1', 'on', 'TRUE']) {
        const body = new FormData();
        body.append('unzip', word);
        body.append('file', new Blob([zip]), 'w.zip');
        const res = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body });
        expect({ word, status: res.status }).toEqual({ word, status: 400 });
        expect((await json<ValidationProblem>(res)).errors).toEqual([
          { field: 'unzip', message: expect.any(String) as unknown },
        ]);
      }
      expect(await tree(path.join(svc.dataDir, 'uploads'))).toEqual(before);
      const off = new FormData();
      off.append('unzip', 'false');
      off.append('file', new Blob([zip]), 'w.zip');
      expect(
        await json(await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body: off })),
      ).toMatchObject({ files: ['w.zip'], unzip_files: [] });
    });

    it('stores files whose names fill 255 bytes (80 Korean characters) by PUT, by form and as an upload item', async () => {
      const name = `${'가'.repeat(80)}.txt`; // 244 bytes
      expect(Buffer.byteLength(name)).toBe(244);
      const put = await svc.client.PUT(FILE, {
        ...at(`made/${name}`),
        body: 'put',
        bodySerializer: (b) => b,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(put.response.status).toBe(200);
      expect(await fs.readFile(path.join(root, 'made', name), 'utf8')).toBe('put');

      await fs.mkdir(path.join(root, 'korean'));
      const body = new FormData();
      body.append('file', new Blob(['form']), name);
      const res = await fetch(`${svc.url}/api/storage/file/default/korean`, { method: 'POST', body });
      expect(res.status).toBe(201);
      expect(await fs.readFile(path.join(root, 'korean', name), 'utf8')).toBe('form');

      const item = new FormData();
      item.append('file', new Blob(['item']), name);
      const created = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body: item });
      expect(created.status).toBe(201);
      const { upload_id } = await json<UploadItem>(created);
      expect(await fs.readFile(path.join(svc.dataDir, 'uploads', upload_id, name), 'utf8')).toBe('item');
      expect(await temporariesUnder(root)).toEqual([]);
    });
  });

  describe('bad input, checked on disk', () => {
    let before: { outside: string[]; root2: string[] };
    beforeAll(async () => {
      await fs.symlink(outside, path.join(root, 'escape'));
      await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'secret-link'));
      await fs.symlink('../root2', path.join(root, 'to-sibling'));
      before = { outside: await tree(outside), root2: await tree(root2) };
    });

    async function expectOutsideUntouched(): Promise<void> {
      expect(await tree(outside)).toEqual(before.outside);
      expect(await tree(root2)).toEqual(before.root2);
      expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('outside secret');
      expect(await fs.readFile(path.join(root2, 'sibling.txt'), 'utf8')).toBe('sibling');
      expect((await fs.readdir(base)).sort()).toEqual(['outside', 'root', 'root2']);
      expect(await exists('/tmp/evil.txt')).toBe(false);
    }

    const VECTORS: [string, string][] = [
      ['../', '../outside/secret.txt'],
      ['../ to the sibling root', '../root2/sibling.txt'],
      ['encoded %2e%2e%2f', '%2e%2e%2foutside%2fsecret.txt'],
      ['encoded, upper case', '%2E%2E%2Foutside%2Fsecret.txt'],
      ['backslash', '..%5Coutside%5Csecret.txt'],
      ['raw backslash', '..\\outside\\secret.txt'],
      ['../ after a rooted slash', '%2F..%2Foutside%2Fsecret.txt'],
      ['NUL', 'made%00.txt'],
      ['deep ../', 'made/../../outside/secret.txt'],
    ];

    it.each(VECTORS)('refuses traversal by %s on every route', async (_label, vector) => {
      const routes: [string, string, (Buffer | string)?, Record<string, string>?][] = [
        ['GET', `/api/storage/file/default/${vector}`],
        ['GET', `/api/storage/list/default/${vector}`],
        ['PUT', `/api/storage/file/default/${vector}`, 'overwritten'],
        ['PUT', `/api/storage/dir/default/${vector}`],
        ['DELETE', `/api/storage/item/default/${vector}?recursive=true`],
        [
          'POST',
          `/api/storage/file/default/${vector}`,
          form([{ name: 'f', filename: 'x.txt', data: 'x' }]).body,
          form([]).headers,
        ],
      ];
      for (const [method, p, body, headers] of routes) {
        const res = await raw(svc.url, method, p, body, headers);
        expect({ method, p, status: res.status }).toEqual({ method, p, status: 400 });
        expect(res.json()).toMatchObject({ status: 400 });
      }
      await expectOutsideUntouched();
    });

    it('decodes a double-encoded path once: it names a file inside the root, nothing outside', async () => {
      const vector = '%252e%252e%252foutside%252fsecret.txt';
      expect((await raw(svc.url, 'GET', `/api/storage/file/default/${vector}`)).status).toBe(404);
      const put = await raw(svc.url, 'PUT', `/api/storage/file/default/${vector}`, 'inside');
      expect(put.status).toBe(200);
      expect(await fs.readFile(path.join(root, '%2e%2e%2foutside%2fsecret.txt'), 'utf8')).toBe('inside');
      expect((await raw(svc.url, 'DELETE', `/api/storage/item/default/${vector}`)).status).toBe(200);
      await expectOutsideUntouched();
    });

    it('refuses reading, writing, listing and uploading through a symlink that leads outside', async () => {
      const attempts = [
        await svc.client.GET(FILE, at('escape/secret.txt')),
        await svc.client.GET(FILE, at('secret-link')),
        await svc.client.GET(LIST, at('escape')),
        await svc.client.PUT(FILE, {
          ...at('escape/new.txt'),
          body: 'x',
          bodySerializer: (b) => b,
          headers: { 'content-type': 'application/octet-stream' },
        }),
        await svc.client.PUT(FILE, {
          ...at('secret-link'),
          body: 'x',
          bodySerializer: (b) => b,
          headers: { 'content-type': 'application/octet-stream' },
        }),
        await svc.client.PUT(DIR, at('escape/newdir')),
        await svc.client.DELETE(ITEM, at('escape/secret.txt')),
        await svc.client.GET(FILE, at('to-sibling/sibling.txt')),
        await svc.client.PUT(FILE, {
          ...at('to-sibling/sibling.txt'),
          body: 'x',
          bodySerializer: (b) => b,
          headers: { 'content-type': 'application/octet-stream' },
        }),
      ];
      expect(attempts.map((a) => a.response.status)).toEqual(attempts.map(() => 400));
      const upload = new FormData();
      upload.append('file', new Blob(['x']), 'up.txt');
      expect((await fetch(`${svc.url}/api/storage/file/default/escape`, { method: 'POST', body: upload })).status).toBe(
        400,
      );
      await expectOutsideUntouched();

      // Listed as an entry that says nothing about its target.
      const { data } = await svc.client.GET('/api/storage/list/{storage_id}', {
        params: { path: { storage_id: 'default' }, query: { count: 0 } },
      });
      expect(data!.items.find((i) => i.name === 'escape')).toMatchObject({ is_dir: false, size: 0 });
      expect(data!.items.find((i) => i.name === 'secret-link')).toMatchObject({ is_dir: false, size: 0 });

      // Deleting the link removes the link, never its target.
      expect(
        (
          await svc.client.DELETE(ITEM, {
            params: { path: { storage_id: 'default', file_path: 'escape' }, query: { recursive: true } },
          })
        ).response.status,
      ).toBe(200);
      expect((await svc.client.DELETE(ITEM, at('secret-link'))).response.status).toBe(200);
      expect(await exists(path.join(root, 'escape'))).toBe(false);
      expect(await exists(path.join(root, 'secret-link'))).toBe(false);
      await expectOutsideUntouched();
    });

    it('keeps a storage out of its sibling whose name starts with the same name', async () => {
      const sibling = await svc.client.GET(FILE, { ...at('sibling.txt', 'second'), parseAs: 'text' });
      expect(sibling.response.status).toBe(200);
      expect(sibling.data).toBe('sibling');
      for (const p of ['../root2/sibling.txt', '..%2Froot2%2Fsibling.txt', 'to-sibling/sibling.txt']) {
        expect((await raw(svc.url, 'GET', `/api/storage/file/default/${p}`)).status).toBe(400);
        expect((await raw(svc.url, 'PUT', `/api/storage/file/default/${p}`, 'x')).status).toBe(400);
      }
      await expectOutsideUntouched();
    });

    it.each([
      ['a ../ entry', 'AA/evil.txt', '../evil.txt'],
      ['a ..\\ entry', 'AA_evil.txt', '..\\evil.txt'],
      ['an absolute entry', 'Xtmp/evil.txt', '/tmp/evil.txt'],
      ['a deep ../ entry', 'a/AA/AA/AA/evil.txt', 'a/../../../evil.txt'],
    ])('refuses a zip with %s and leaves no upload item', async (_label, placeholder, hostile) => {
      const zip = await makeZip(
        [
          { name: 'ok.txt', data: 'ok' },
          { name: placeholder, data: 'evil' },
        ],
        { [placeholder]: hostile },
      );
      const before = await tree(path.join(svc.dataDir, 'uploads'));
      const body = new FormData();
      body.append('unzip', 'true');
      body.append('file', new Blob([zip]), 'slip.zip');
      const res = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect((await json<Problem>(res)).detail).toMatch(/^Archive refused/);
      expect(await tree(path.join(svc.dataDir, 'uploads'))).toEqual(before);
      expect((await tree(svc.dataDir)).filter((p) => p.endsWith('evil.txt'))).toEqual([]);
      await expectOutsideUntouched();
    });

    /** A hand-made form whose file names are sent exactly as given (quoted, with their bytes). */
    function namedForm(names: string[]): { body: Buffer; headers: Record<string, string> } {
      return form(names.map((filename, i) => ({ name: `f${i}`, filename, data: `data ${i}` })));
    }

    const HOSTILE_NAMES: [string, string[]][] = [
      ['../', ['ok.txt', '../evil.txt']],
      ['an absolute name', ['ok.txt', '/tmp/evil.txt']],
      ['a deep ../', ['ok.txt', 'a/../../evil.txt']],
      ['a deeper ../ to the sibling root', ['ok.txt', 'a/../../../root2/evil.txt']],
      ['a temporary name', ['ok.txt', `${TEMP_PREFIX}x`]],
      ['a temporary folder name', ['ok.txt', `sub/${TEMP_PREFIX}x/evil.txt`]],
      ['backslashes', ['ok.txt', '..\\\\evil.txt']],
      ['a NUL', ['ok.txt', 'evil\u0000.txt']],
      ['a name both a file and a folder (file first)', ['ok.txt', 'a', 'a/b']],
      ['a name both a file and a folder (folder first)', ['ok.txt', 'a/b', 'a']],
      ['a file under a file of the form, deeper', ['ok.txt', 'a', 'a/b/c/d.txt']],
    ];

    async function expectHostileFormRefused(names: string[], target: string, folder: string): Promise<void> {
      const before = { folder: await tree(folder), uploads: await tree(path.join(svc.dataDir, 'uploads')) };
      const { body, headers } = namedForm(names);
      const res = await raw(svc.url, 'POST', target, body, headers);
      expect({ names, clientError: res.status >= 400 && res.status < 500 }).toEqual({ names, clientError: true });
      expect(res.json()).toMatchObject({ status: res.status });
      expect(await tree(folder)).toEqual(before.folder);
      expect(await tree(path.join(svc.dataDir, 'uploads'))).toEqual(before.uploads);
      expect(await temporariesUnder(root)).toEqual([]);
      expect((await tree(svc.dataDir)).filter((p) => p.endsWith('evil.txt'))).toEqual([]);
      await expectOutsideUntouched();
    }

    it.each(HOSTILE_NAMES)(
      'refuses a folder upload with %s: a 4xx, nothing written, nothing outside',
      async (_label, names) => {
        await fs.mkdir(path.join(root, 'hostile'), { recursive: true });
        await expectHostileFormRefused(names, '/api/storage/file/default/hostile', path.join(root, 'hostile'));
      },
    );

    it.each(HOSTILE_NAMES)(
      'refuses an upload item with %s: a 4xx, no upload item, nothing outside',
      async (_label, names) => {
        await expectHostileFormRefused(names, '/api/storage/upload_item', path.join(svc.dataDir, 'uploads'));
      },
    );

    it('refuses a folder upload whose name needs a folder where a file is on disk, and keeps the earlier files out', async () => {
      await fs.mkdir(path.join(root, 'clash'), { recursive: true });
      await fs.writeFile(path.join(root, 'clash', 'a'), 'a file');
      for (const names of [
        ['ok.txt', 'a/b'],
        ['ok.txt', 'a/b/c.txt'],
      ]) {
        const res = await raw(
          svc.url,
          'POST',
          '/api/storage/file/default/clash',
          namedForm(names).body,
          namedForm(names).headers,
        );
        expect({ names, status: res.status }).toEqual({ names, status: 400 });
        expect(await tree(path.join(root, 'clash'))).toEqual(['a']);
        expect(await fs.readFile(path.join(root, 'clash', 'a'), 'utf8')).toBe('a file');
      }
      expect(await temporariesUnder(root)).toEqual([]);
    });

    it('refuses a zip with a symlink entry', async () => {
      const zip = await makeZip([{ name: 'link', data: path.join(outside, 'secret.txt'), mode: 0o120777 }]);
      const before = await tree(path.join(svc.dataDir, 'uploads'));
      const body = new FormData();
      body.append('file', new Blob([zip]), 'link.zip');
      body.append('unzip', 'true');
      const res = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect((await json<Problem>(res)).detail).toMatch(/symlink/);
      expect(await tree(path.join(svc.dataDir, 'uploads'))).toEqual(before);
    });

    it('answers a malformed multipart body with a 400 and keeps nothing', async () => {
      const cut = form([{ name: 'f', filename: 'cut.txt', data: 'no closing boundary' }], false);
      const post = await raw(svc.url, 'POST', '/api/storage/file/default/made', cut.body, cut.headers);
      expect(post.status).toBe(400);
      expect(post.json()).toMatchObject({ status: 400 });
      expect(await exists(path.join(root, 'made/cut.txt'))).toBe(false);

      const noBoundary = await raw(svc.url, 'POST', '/api/storage/file/default/made', 'garbage', {
        'content-type': 'multipart/form-data',
      });
      expect(noBoundary.status).toBe(400);
      const garbage = await raw(svc.url, 'POST', '/api/storage/upload_item', 'garbage\r\n--XyZ\r\nbroken', {
        'content-type': 'multipart/form-data; boundary=XyZ',
      });
      expect(garbage.status).toBe(400);
      const before = await tree(path.join(svc.dataDir, 'uploads'));
      const cutItem = await raw(svc.url, 'POST', '/api/storage/upload_item', cut.body, cut.headers);
      expect(cutItem.status).toBe(400);
      expect(await tree(path.join(svc.dataDir, 'uploads'))).toEqual(before);
      expect(await temporariesUnder(root)).toEqual([]);
    });

    /** Sends `sent` bytes of a body announced as `total`, waits for the temporary file, then drops the connection. */
    async function disconnectHalfWay(
      rawPath: string,
      head: Buffer,
      headers: Record<string, string>,
      folder: string,
    ): Promise<void> {
      const { hostname, port } = new URL(svc.url);
      const total = 64 * 1024 * 1024;
      const req = http.request({
        host: hostname,
        port,
        method: rawPath.startsWith('PUT ') ? 'PUT' : 'POST',
        path: rawPath.replace(/^\w+ /, ''),
        headers: { ...headers, 'content-length': String(head.length + total) },
      });
      req.on('error', () => undefined);
      req.write(head);
      req.write(Buffer.alloc(4 * 1024 * 1024, 1));
      await waitFor(async () => (await fs.readdir(folder)).some((n) => n.startsWith(TEMP_PREFIX)));
      req.destroy();
      await waitFor(async () => !(await fs.readdir(folder)).some((n) => n.startsWith(TEMP_PREFIX)));
    }

    it('removes the temporary file of a raw upload whose client disconnects half way', async () => {
      await disconnectHalfWay(
        'PUT /api/storage/file/default/made/halfway.bin',
        Buffer.alloc(0),
        { 'content-type': 'application/octet-stream' },
        path.join(root, 'made'),
      );
      expect(await exists(path.join(root, 'made/halfway.bin'))).toBe(false);
      expect(await temporariesUnder(root)).toEqual([]);
    });

    it('removes the temporary file of a form upload whose client disconnects half way', async () => {
      const head = Buffer.from(
        '--XyZ\r\nContent-Disposition: form-data; name="f"; filename="halfway-form.bin"\r\n\r\n',
      );
      await disconnectHalfWay('POST /api/storage/file/default/made', head, form([]).headers, path.join(root, 'made'));
      expect(await exists(path.join(root, 'made/halfway-form.bin'))).toBe(false);
      expect(await temporariesUnder(root)).toEqual([]);
      // The service is still fine.
      expect((await svc.client.GET('/api/storage/list')).response.status).toBe(200);
    });
  });
});

/**
 * Small file systems, to meet a full disk: a 1 MiB tmpfs, and a 2 MiB ext4 image on a loop device
 * (which works where tmpfs cannot be mounted but loop devices can). Both need the right to mount.
 */
const SMALL_FILE_SYSTEMS = {
  tmpfs: (folder: string) =>
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', folder], { stdio: 'pipe' }),
  loop: (folder: string) => {
    const image = `${folder}.img`;
    writeFileSync(image, '');
    truncateSync(image, 2 * 1024 * 1024);
    execFileSync('mkfs.ext4', ['-q', '-F', '-m', '0', image], { stdio: 'pipe' });
    execFileSync('mount', ['-o', 'loop', image, folder], { stdio: 'pipe' });
  },
};
type SmallKind = keyof typeof SMALL_FILE_SYSTEMS;

/** Why a small file system of this kind cannot be mounted here, or undefined when it can; decided when the tests are collected. */
function cannotMount(kind: SmallKind): string | undefined {
  const probe = mkdtempSync(path.join(os.tmpdir(), 'webapi-mount-probe-'));
  try {
    SMALL_FILE_SYSTEMS[kind](probe);
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return (
      String((e as { stderr?: Buffer }).stderr ?? (e as Error).message)
        .trim()
        .split('\n')[0] || (e as Error).message
    );
  } finally {
    rmdirSync(probe);
    rmSync(`${probe}.img`, { force: true });
  }
}
const CANNOT_MOUNT: Record<SmallKind, string | undefined> = { tmpfs: cannotMount('tmpfs'), loop: cannotMount('loop') };

describe('storage limits', () => {
  let svc: Service;
  let base: string;
  /** The mounted small file systems, with what they held when mounted (ext4 has lost+found). */
  const small: Partial<Record<SmallKind, { folder: string; before: string[] }>> = {};

  beforeAll(async () => {
    base = realpathSync(await tempDir('webapi-storage-limits-'));
    await fs.mkdir(path.join(base, 'root'));
    const storages = [{ id: 'default', name: 'Main', path: path.join(base, 'root') }];
    for (const kind of Object.keys(SMALL_FILE_SYSTEMS) as SmallKind[]) {
      if (CANNOT_MOUNT[kind]) continue;
      const folder = path.join(base, `small-${kind}`);
      await fs.mkdir(folder);
      SMALL_FILE_SYSTEMS[kind](folder);
      small[kind] = { folder, before: await tree(folder) };
      storages.push({ id: `small-${kind}`, name: `Small ${kind}`, path: folder });
    }
    svc = await startService({
      STORAGES: JSON.stringify(storages),
      UPLOAD_MAX_BYTES: String(3 * 1024 * 1024),
      UNZIP_MAX_ENTRIES: '10',
      UNZIP_MAX_TOTAL_BYTES: String(2 * 1024 * 1024),
      UNZIP_MAX_ENTRY_BYTES: String(1536 * 1024),
      UNZIP_MAX_RATIO: '20',
    });
  });
  afterAll(async () => {
    await svc?.stop();
    for (const mounted of Object.values(small)) execFileSync('umount', [mounted.folder]);
    await fs.rm(base, { recursive: true, force: true });
  });

  it('answers 413 for a body over UPLOAD_MAX_BYTES and keeps nothing (declared, chunked and in a form)', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 1);
    // A client that keeps its connection gets to read the 413 while still sending (the rest of the body is dropped).
    const declared = await raw(svc.url, 'PUT', '/api/storage/file/default/big.bin', big, {
      'content-type': 'application/octet-stream',
      connection: 'keep-alive',
    });
    expect(declared.status).toBe(413);

    const { hostname, port } = new URL(svc.url);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: hostname,
          port,
          method: 'PUT',
          path: '/api/storage/file/default/chunked.bin',
          headers: { 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      let sent = 0;
      const pump = () => {
        while (sent < big.length) {
          sent += 256 * 1024;
          if (!req.write(big.subarray(sent - 256 * 1024, sent))) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(chunked).toBe(413);

    const body = new FormData();
    body.append('file', new Blob([big]), 'form-big.bin');
    const formRes = await fetch(`${svc.url}/api/storage/file/default/`, { method: 'POST', body });
    expect(formRes.status).toBe(413);
    const item = new FormData();
    item.append('file', new Blob([big]), 'item-big.bin');
    const itemRes = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body: item });
    expect(itemRes.status).toBe(413);

    // The refused bodies' temporary files go once each upload is torn down.
    await waitFor(
      async () =>
        (await tree(path.join(base, 'root'))).length === 0 &&
        (await tree(path.join(svc.dataDir, 'uploads'))).length === 0,
    ).catch(() => undefined);
    expect(await tree(path.join(base, 'root'))).toEqual([]);
    expect(await tree(path.join(svc.dataDir, 'uploads'))).toEqual([]);
    const fine = await fetch(`${svc.url}/api/storage/file/default/fine.bin`, {
      method: 'PUT',
      body: big.subarray(0, 1024 * 1024),
    });
    expect(fine.status).toBe(200);
  });

  it.each([
    [
      'more entries than UNZIP_MAX_ENTRIES',
      () => makeZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }))),
      /more than 10 entries/,
    ],
    [
      'an entry past UNZIP_MAX_ENTRY_BYTES',
      () => makeZip([{ name: 'big.bin', data: Buffer.alloc(1600 * 1024, 1), compress: false }]),
      /larger than 1572864 bytes/,
    ],
    [
      'a total past UNZIP_MAX_TOTAL_BYTES',
      () => makeZip([0, 1].map((i) => ({ name: `p${i}.bin`, data: randomBytes(1100 * 1024), compress: false }))),
      /more than 2097152 bytes/,
    ],
    [
      'an entry past UNZIP_MAX_RATIO (a zip bomb)',
      () => zerosZip('bomb.bin', 1400 * 1024),
      /expands more than 20 times/,
    ],
  ])('refuses an archive with %s, leaving no upload item', async (_label, build, message) => {
    const zip = await build();
    const body = new FormData();
    body.append('unzip', 'true');
    body.append('file', new Blob([zip]), 'archive.zip');
    const res = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect((await json<Problem>(res)).detail).toMatch(message);
    expect(await tree(path.join(svc.dataDir, 'uploads'))).toEqual([]);
  });

  for (const kind of Object.keys(SMALL_FILE_SYSTEMS) as SmallKind[]) {
    const why = CANNOT_MOUNT[kind];
    (why ? it.skip : it)(
      `answers 507 on a full ${kind} file system and leaves nothing behind${why ? ` (skipped: cannot mount one here: ${why})` : ''}`,
      async () => {
        const { folder, before } = small[kind]!;
        // More than either file system holds (1 MiB tmpfs, about 0.9 MiB free on the ext4 image).
        const res = await fetch(`${svc.url}/api/storage/file/small-${kind}/full.bin`, {
          method: 'PUT',
          body: Buffer.alloc(1536 * 1024, 1),
        });
        expect(res.status).toBe(507);
        expect((await json<Problem>(res)).status).toBe(507);
        expect(await tree(folder)).toEqual(before);
        const body = new FormData();
        body.append('file', new Blob([Buffer.alloc(1536 * 1024, 2)]), 'full-form.bin');
        expect((await fetch(`${svc.url}/api/storage/file/small-${kind}/`, { method: 'POST', body })).status).toBe(507);
        expect(await tree(folder)).toEqual(before);
        // What fits is stored.
        expect(
          (
            await fetch(`${svc.url}/api/storage/file/small-${kind}/fits.bin`, {
              method: 'PUT',
              body: Buffer.alloc(64 * 1024, 3),
            })
          ).status,
        ).toBe(200);
      },
    );
  }
});

describe('storage meeting permission errors', () => {
  let svc: Service;
  let base: string;
  const NOBODY = 65534;

  beforeAll(async () => {
    base = realpathSync(await tempDir('webapi-storage-perm-'));
    const root = path.join(base, 'root');
    await fs.mkdir(path.join(root, 'locked'), { recursive: true });
    // Another user's private file and folder.
    await fs.writeFile(path.join(root, 'private.txt'), 'nobody only', { mode: 0o600 });
    await fs.chown(path.join(root, 'private.txt'), NOBODY, NOBODY);
    await fs.writeFile(path.join(root, 'locked', 'inside.txt'), 'x');
    await fs.chown(path.join(root, 'locked'), NOBODY, NOBODY);
    await fs.chmod(path.join(root, 'locked'), 0o700);
    await fs.writeFile(path.join(root, 'public.txt'), 'everyone', { mode: 0o644 });
    // A folder whose subfolder belongs to another user: its files cannot be deleted.
    await fs.mkdir(path.join(root, 'deltree', 'theirs'), { recursive: true });
    await fs.writeFile(path.join(root, 'deltree', 'theirs', 'kept.txt'), 'kept');
    await fs.chown(path.join(root, 'deltree', 'theirs'), NOBODY, NOBODY);
    await fs.chmod(path.join(root, 'deltree', 'theirs'), 0o755);
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'webapi-e2e-perm-'));
    svc = await startService({ STORAGES: JSON.stringify([{ id: 'default', name: 'Main', path: root }]) }, dataDir, {
      honourFilePermissions: true,
    });
  });
  afterAll(async () => {
    await svc?.stop();
    await fs.rm(base, { recursive: true, force: true });
    await fs.rm(svc?.dataDir ?? '/nonexistent', { recursive: true, force: true });
  });

  it('answers 503 "File access not allowed" for a file it may not read', async () => {
    const denied = await svc.client.GET(FILE, at('private.txt'));
    expect(denied.response.status).toBe(503);
    expect(denied.error).toMatchObject({ status: 503, detail: 'File access not allowed' });
    const readable = await fetch(`${svc.url}/api/storage/file/default/public.txt`);
    expect(await readable.text()).toBe('everyone');
  });

  it('answers 503 for a folder it may not list or write into', async () => {
    expect((await svc.client.GET(LIST, at('locked'))).error).toMatchObject({
      status: 503,
      detail: 'File access not allowed',
    });
    const put = await fetch(`${svc.url}/api/storage/file/default/locked/new.txt`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(503);
    expect(await exists(path.join(base, 'root', 'locked', 'new.txt'))).toBe(false);
  });

  it('answers 503 when a recursive delete meets a file it may not delete, and puts what is left back', async () => {
    const res = await svc.client.DELETE(ITEM, {
      params: { path: { storage_id: 'default', file_path: 'deltree' }, query: { recursive: true } },
    });
    expect(res.error).toMatchObject({ status: 503, detail: 'File access not allowed' });
    expect(await fs.readFile(path.join(base, 'root', 'deltree', 'theirs', 'kept.txt'), 'utf8')).toBe('kept');
    expect((await fs.readdir(path.join(base, 'root'))).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  });

  it('answers 503 when an upload item holds a file it may not delete, and keeps the item', async () => {
    const body = new FormData();
    body.append('file', new Blob(['inside']), 'sub/inside.txt');
    const created = await fetch(`${svc.url}/api/storage/upload_item`, { method: 'POST', body });
    expect(created.status).toBe(201);
    const { upload_id } = await json<UploadItem>(created);
    const folder = path.join(svc.dataDir, 'uploads', upload_id);
    await fs.chown(path.join(folder, 'sub'), NOBODY, NOBODY);
    await fs.chmod(path.join(folder, 'sub'), 0o755);
    const res = await svc.client.DELETE('/api/storage/upload_item/{upload_id}', { params: { path: { upload_id } } });
    expect(res.error).toMatchObject({ status: 503, detail: 'File access not allowed' });
    expect(await fs.readFile(path.join(folder, 'sub', 'inside.txt'), 'utf8')).toBe('inside');
    expect((await fs.readdir(path.join(svc.dataDir, 'uploads'))).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
    // Once it may, the item goes.
    await fs.chown(path.join(folder, 'sub'), 0, 0);
    expect(
      (await svc.client.DELETE('/api/storage/upload_item/{upload_id}', { params: { path: { upload_id } } })).response
        .status,
    ).toBe(200);
    expect(await exists(folder)).toBe(false);
  });
});
