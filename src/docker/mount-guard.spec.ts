import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertSourceUnchanged, canChangePathsIn, pauseRefusedAsEnded } from './mount-guard';

describe('mount guard', () => {
  it('holds still the containers that write inside or above a storage, not readers or strangers', () => {
    const roots = ['/data/storage'];
    expect(canChangePathsIn([{ source: '/data/storage/shared', writable: true }], roots)).toBe(true);
    expect(canChangePathsIn([{ source: '/data/storage', writable: true }], roots)).toBe(true);
    expect(canChangePathsIn([{ source: '/data', writable: true }], roots)).toBe(true);
    expect(canChangePathsIn([{ source: '/data/storage/shared', writable: false }], roots)).toBe(false);
    expect(canChangePathsIn([{ source: '/data/storage2/x', writable: true }], roots)).toBe(false);
    expect(canChangePathsIn([{ source: '/data/runs/a', writable: true }], roots)).toBe(false);
    expect(canChangePathsIn([], roots)).toBe(false);
  });

  it('refuses a source that became a symlink or left its root', async () => {
    const base = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'guard-')));
    try {
      const root = path.join(base, 'root');
      await fs.mkdir(path.join(root, 'm'), { recursive: true });
      await fs.mkdir(path.join(base, 'outside'));
      const mount = { source: path.join(root, 'm'), target: '/app/output', confinedTo: root };
      await expect(assertSourceUnchanged(mount)).resolves.toBeUndefined();
      await fs.rename(path.join(root, 'm'), path.join(root, 'm.dir'));
      await fs.symlink(path.join(base, 'outside'), path.join(root, 'm'));
      await expect(assertSourceUnchanged(mount)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(assertSourceUnchanged({ ...mount, source: path.join(base, 'outside') })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(assertSourceUnchanged({ ...mount, source: path.join(root, 'gone') })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    } finally {
      await fs.rm(base, { recursive: true, force: true });
    }
  });
});

describe('pauseRefusedAsEnded', () => {
  it('reads the engine refusing to pause a container whose process has ended', () => {
    expect(
      pauseRefusedAsEnded(
        'container 5f3a: Cannot pause container 5f3a: OCI runtime pause failed: container not running: unknown',
      ),
    ).toBe(true);
    expect(pauseRefusedAsEnded('container 5f3a: Container 5f3a is not running')).toBe(true);
  });

  it('does not take other refusals for an ended container', () => {
    expect(pauseRefusedAsEnded('container 5f3a: Container 5f3a is already paused')).toBe(false);
    expect(pauseRefusedAsEnded('The Docker engine does not answer')).toBe(false);
    expect(pauseRefusedAsEnded('container 5f3a: permission denied')).toBe(false);
  });
});
