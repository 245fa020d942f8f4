import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RecordDir } from './record-dir';

interface Note {
  id: string;
  n: number;
}
const isNote = (data: unknown, id: string): data is Note =>
  (data as Note)?.id === id && typeof (data as Note).n === 'number';

describe('RecordDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'record-dir-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps one file per record and reads them back', async () => {
    const store = new RecordDir(dir, isNote);
    await store.save('a', { id: 'a', n: 1 });
    await store.save('b', { id: 'b', n: 2 });
    expect((await fs.readdir(dir)).sort()).toEqual(['a.json', 'b.json']);
    const { records, unreadable } = await new RecordDir(dir, isNote).loadAll();
    expect(records.sort((x, y) => x.n - y.n)).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    expect(unreadable).toEqual([]);
  });

  it('applies writes to one record in call order, and a removal after them wins', async () => {
    const store = new RecordDir(dir, isNote);
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.save('a', { id: 'a', n })));
    expect((JSON.parse(await fs.readFile(store.fileOf('a'), 'utf8')) as { n: number }).n).toBe(5);
    const note = { id: 'a', n: 9 };
    const saving = store.save('a', note);
    note.n = 10; // the snapshot was taken when save was called
    await saving;
    expect((JSON.parse(await fs.readFile(store.fileOf('a'), 'utf8')) as { n: number }).n).toBe(9);
    void store.save('a', { id: 'a', n: 11 });
    await store.remove('a');
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('leaves unreadable files alone, ignores other files and removes leftovers of interrupted writes', async () => {
    await fs.writeFile(path.join(dir, 'broken.json'), '{"id": "bro');
    await fs.writeFile(path.join(dir, 'other.json'), JSON.stringify({ id: 'not-other', n: 1 }));
    await fs.writeFile(path.join(dir, 'a.log'), 'a log beside the records');
    await fs.writeFile(path.join(dir, '.webapi-tmp-0123456789abcdef-x.json'), '{');
    const { records, unreadable } = await new RecordDir(dir, isNote).loadAll();
    expect(records).toEqual([]);
    expect(unreadable.map((f) => path.basename(f)).sort()).toEqual(['broken.json', 'other.json']);
    expect((await fs.readdir(dir)).sort()).toEqual(['a.log', 'broken.json', 'other.json']);
  });

  it('refuses ids that are not plain file names', () => {
    const store = new RecordDir(dir, isNote);
    for (const id of ['../x', 'a/b', '.hidden', '', 'x'.repeat(200)])
      expect(() => store.fileOf(id)).toThrow(/not a record id/);
  });
});
