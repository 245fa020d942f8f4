import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirectoryListings, compareEntries, pageBounds } from './directory-listing';

describe('pageBounds', () => {
  it('pages from 0; count 0 is every item whatever the page', () => {
    expect(pageBounds(250, 0, 100)).toEqual({ start: 0, end: 100 });
    expect(pageBounds(250, 2, 100)).toEqual({ start: 200, end: 250 });
    expect(pageBounds(250, 3, 100)).toEqual({ start: 250, end: 250 });
    expect(pageBounds(250, 0, 0)).toEqual({ start: 0, end: 250 });
    expect(pageBounds(250, 5, 0)).toEqual({ start: 0, end: 250 });
    expect(pageBounds(0, 0, 10)).toEqual({ start: 0, end: 0 });
  });
});

describe('compareEntries', () => {
  it('puts folders first, then sorts by name', () => {
    const entries = [
      { name: 'b', isDir: false },
      { name: 'z', isDir: true },
      { name: 'B', isDir: false },
      { name: 'a', isDir: true },
      { name: 'a.txt', isDir: false },
    ];
    expect(entries.sort(compareEntries).map((e) => e.name)).toEqual(['a', 'z', 'B', 'a.txt', 'b']);
  });
});

describe('DirectoryListings', () => {
  let root: string;
  beforeAll(async () => {
    root = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'listing-')));
    await fs.mkdir(path.join(root, 'dir'));
    await fs.writeFile(path.join(root, 'file.txt'), '12345');
    await fs.writeFile(path.join(root, '.webapi-tmp-abc-file.txt'), 'partial');
    await fs.symlink('/etc', path.join(root, 'outside-link'));
    await fs.symlink('dir', path.join(root, 'inside-link'));
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('lists folders (and links to folders inside the root) first, hides temporaries, never describes outside targets', async () => {
    const page = await new DirectoryListings().page(root, { path: root, realPath: root }, 0, 0);
    expect(page.total_count).toBe(4);
    expect(page.items.map((i) => [i.name, i.is_dir])).toEqual([
      ['dir', true],
      ['inside-link', true],
      ['file.txt', false],
      ['outside-link', false],
    ]);
    expect(page.items.find((i) => i.name === 'file.txt')).toMatchObject({ size: 5 });
    expect(page.items.find((i) => i.name === 'outside-link')).toMatchObject({ size: 0 });
    expect(page.items.find((i) => i.name === 'dir')).toMatchObject({ size: 0 });
    const stat = await fs.stat(path.join(root, 'file.txt'));
    expect(page.items.find((i) => i.name === 'file.txt')!.mtime).toBeCloseTo(stat.mtimeMs / 1000, 3);
  });

  it('sees a change of the folder even when its listing was cached', async () => {
    const dir = path.join(root, 'changing');
    await fs.mkdir(dir);
    for (let i = 0; i < 5; i++) await fs.writeFile(path.join(dir, `f${i}`), '');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(dir, old, old);
    const listings = new DirectoryListings();
    expect((await listings.page(root, { path: dir, realPath: dir }, 0, 2)).total_count).toBe(5);
    await fs.writeFile(path.join(dir, 'f5'), '');
    const page = await listings.page(root, { path: dir, realPath: dir }, 2, 2);
    expect(page.total_count).toBe(6);
    expect(page.items.map((i) => i.name)).toEqual(['f4', 'f5']);
    await fs.rm(path.join(dir, 'f0'));
    expect((await listings.page(root, { path: dir, realPath: dir }, 0, 1)).items[0].name).toBe('f1');
  });

  it('describes every link of a folder of more links than one batch, each by its own target', async () => {
    const dir = path.join(root, 'links');
    await fs.mkdir(path.join(dir, 'sub'), { recursive: true });
    await fs.writeFile(path.join(dir, 'target.txt'), 'abc');
    for (let i = 0; i < 600; i++) {
      const name = `l${String(i).padStart(3, '0')}`;
      await fs.symlink(i % 3 === 0 ? 'sub' : i % 3 === 1 ? 'target.txt' : '/etc', path.join(dir, name));
    }
    const page = await new DirectoryListings().page(root, { path: dir, realPath: dir }, 0, 0);
    expect(page.total_count).toBe(602);
    const links = page.items.filter((i) => i.name.startsWith('l'));
    expect(links).toHaveLength(600);
    for (const item of links) {
      const i = Number(item.name.slice(1));
      expect([item.name, item.is_dir, item.size]).toEqual([item.name, i % 3 === 0, i % 3 === 1 ? 3 : 0]);
    }
    expect(page.items.slice(0, 201).every((i) => i.is_dir)).toBe(true);
  });
});
