import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempPathFor } from './atomic-file';
import { CorruptStoreError, JsonStore } from './json-store';

describe('JsonStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'json-store-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps every one of many concurrent updates and leaves valid JSON and no temporary file', async () => {
    const file = path.join(dir, 'list.json');
    const store = new JsonStore<string[]>(file, () => []);
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.update((list) => [...list, `n${i}`])));
    const onDisk = JSON.parse(await fs.readFile(file, 'utf8')) as string[];
    expect(onDisk.sort()).toEqual(Array.from({ length: 100 }, (_, i) => `n${i}`).sort());
    expect(await fs.readdir(dir)).toEqual(['list.json']);
    // A fresh store reads back what was written.
    expect((await new JsonStore<string[]>(file, () => []).load()).length).toBe(100);
  });

  it('changes nothing when an update throws', async () => {
    const file = path.join(dir, 'list.json');
    const store = new JsonStore<string[]>(file, () => []);
    await store.update(() => ['a']);
    await expect(
      store.update(() => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual(['a']);
    expect(await store.get()).toEqual(['a']);
  });

  it('refuses a corrupt file instead of replacing it', async () => {
    const file = path.join(dir, 'list.json');
    await fs.writeFile(file, '[{"name": "half');
    const store = new JsonStore<string[]>(file, () => []);
    await expect(store.load()).rejects.toBeInstanceOf(CorruptStoreError);
    expect(await fs.readFile(file, 'utf8')).toBe('[{"name": "half');
  });

  it('reports what the validator found wrong, naming the file', async () => {
    const file = path.join(dir, 'list.json');
    await fs.writeFile(file, '{"items": 3}');
    const store = new JsonStore<string[]>(
      file,
      () => [],
      (d): d is string[] => {
        if (!Array.isArray(d)) throw new Error('expected a list');
        return true;
      },
    );
    await expect(store.load()).rejects.toThrow(`${file} does not hold the expected data: expected a list`);
  });

  it('removes temporary files a crash left behind, and only its own', async () => {
    const file = path.join(dir, 'list.json');
    await fs.writeFile(file, '["a"]');
    await fs.writeFile(path.join(dir, '.webapi-tmp-0123456789abcdef-list.json'), '["a", "b');
    await fs.writeFile(path.join(dir, '.webapi-tmp-0123456789abcdef-other.json'), '{}');
    expect(await new JsonStore<string[]>(file, () => []).load()).toEqual(['a']);
    expect((await fs.readdir(dir)).sort()).toEqual(['.webapi-tmp-0123456789abcdef-other.json', 'list.json']);
  });

  it('writes and sweeps a document whose name fills NAME_MAX bytes (a long Korean name)', async () => {
    const file = path.join(dir, `${'가'.repeat(80)}.json`); // 245 bytes
    const store = new JsonStore<string[]>(file, () => []);
    await store.update(() => ['x']);
    expect(await fs.readdir(dir)).toEqual([path.basename(file)]);
    const left = path.basename(tempPathFor(file));
    await fs.writeFile(path.join(dir, left), '["partial');
    expect(await new JsonStore<string[]>(file, () => []).load()).toEqual(['x']);
    expect(await fs.readdir(dir)).toEqual([path.basename(file)]);
  });
});
