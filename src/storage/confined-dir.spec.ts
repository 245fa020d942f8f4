import { execFileSync } from 'node:child_process';
import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfinedDir, openFileInside, removeEmptyFolder, removeTree, withDir } from './confined-dir';

describe('ConfinedDir: storage folders used through open descriptors', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeEach(async () => {
    base = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'confined-')));
    root = path.join(base, 'root');
    outside = path.join(base, 'outside');
    await fs.mkdir(path.join(root, 'a', 'b'), { recursive: true });
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'secret'), 'secret');
    await fs.symlink(outside, path.join(root, 'out'));
    await fs.symlink('a/b', path.join(root, 'in'));
  });
  afterEach(() => fs.rm(base, { recursive: true, force: true }));

  const outsideFiles = () => fs.readdir(outside);

  it('opens folders inside the root, through symlinks that stay inside', async () => {
    await withDir(await ConfinedDir.open(root, ['a', 'b']), async (dir) =>
      expect(dir.realPath).toBe(path.join(root, 'a', 'b')),
    );
    await withDir(await ConfinedDir.open(root, ['in']), async (dir) =>
      expect(dir.realPath).toBe(path.join(root, 'a', 'b')),
    );
    await withDir(await ConfinedDir.open(root, []), async (dir) => expect(dir.realPath).toBe(root));
  });

  it('refuses a folder that is outside the root once resolved, and makes nothing through it', async () => {
    await expect(ConfinedDir.open(root, ['out'])).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ConfinedDir.open(root, ['out', 'new', 'deeper'], { create: true })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await outsideFiles()).toEqual(['secret']);
  });

  it('makes missing folders, noting each', async () => {
    const made: string[] = [];
    await withDir(await ConfinedDir.open(root, ['in', 'x', 'y'], { create: true, made }), async (dir) => {
      expect(dir.realPath).toBe(path.join(root, 'a', 'b', 'x', 'y'));
    });
    expect(made).toEqual([path.join(root, 'a', 'b', 'x'), path.join(root, 'a', 'b', 'x', 'y')]);
    await removeEmptyFolder(root, made[1]);
    await removeEmptyFolder(root, made[0]);
    expect(await fs.readdir(path.join(root, 'a', 'b'))).toEqual([]);
  });

  it('keeps naming the folder it opened after its path is swapped for a symlink to outside', async () => {
    const dir = await ConfinedDir.open(root, ['a', 'b']);
    await fs.rename(path.join(root, 'a'), path.join(root, 'a-moved'));
    await fs.symlink(outside, path.join(root, 'a'));
    await fs.mkdir(path.join(outside, 'b'));
    await withDir(dir, async () => {
      await fs.writeFile(dir.entry('written'), 'x');
      await fs.mkdir(dir.entry('made'));
      await fs.rename(dir.entry('written'), dir.entry('renamed'));
    });
    expect((await fs.readdir(path.join(root, 'a-moved', 'b'))).sort()).toEqual(['made', 'renamed']);
    expect((await outsideFiles()).sort()).toEqual(['b', 'secret']);
    expect(await fs.readdir(path.join(outside, 'b'))).toEqual([]);
  });

  it('removes a tree without following the symlinks in it', async () => {
    await fs.mkdir(path.join(root, 'tree', 'sub'), { recursive: true });
    await fs.writeFile(path.join(root, 'tree', 'sub', 'f'), 'f');
    await fs.symlink(outside, path.join(root, 'tree', 'sub', 'link'));
    await fs.symlink(path.join(outside, 'secret'), path.join(root, 'tree', 'file-link'));
    await withDir(await ConfinedDir.open(root, []), (dir) => removeTree(dir, 'tree'));
    expect(await fs.readdir(root)).not.toContain('tree');
    expect(await outsideFiles()).toEqual(['secret']);
    // A symlink itself is removed, never what it points to.
    await withDir(await ConfinedDir.open(root, []), (dir) => removeTree(dir, 'out'));
    expect(await outsideFiles()).toEqual(['secret']);
  });

  it('opens a file for reading only when its real path is inside, and never opens a FIFO', async () => {
    await fs.writeFile(path.join(root, 'a', 'file'), 'inside');
    const isFile = (s: { isFile(): boolean }) => {
      if (!s.isFile()) throw new Error('not a file');
    };
    const { handle } = await openFileInside(root, path.join(root, 'a', 'file'), isFile);
    expect(await handle.readFile('utf8')).toBe('inside');
    await handle.close();
    await expect(openFileInside(root, path.join(root, 'out', 'secret'), isFile)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    execFileSync('mkfifo', [path.join(root, 'fifo')]);
    await expect(openFileInside(root, path.join(root, 'fifo'), isFile)).rejects.toThrow('not a file');
  });
});
