import { promises as fs } from 'node:fs';
import { TEMP_PREFIX } from '../store/atomic-file';
import { ConfinedDir, removeTree, withDir } from './confined-dir';

/**
 * Removes the temporary files and folders (named with TEMP_PREFIX) that a
 * crash left under `root`, at any depth, without following symlinks (each
 * folder is opened relative to its parent, a container swapping one for a
 * symlink meanwhile leads nowhere). Only entries last changed before
 * `olderThanMs` are removed, so a sweep running beside new uploads never
 * touches their temporaries. Resolves with the number of entries removed.
 */
export async function sweepTemporaries(root: string, olderThanMs: number): Promise<number> {
  let removed = 0;
  const walk = async (dir: ConfinedDir): Promise<void> => {
    let handle;
    try {
      handle = await fs.opendir(dir.path);
    } catch {
      return;
    }
    const subdirs: string[] = [];
    for await (const entry of handle) {
      if (entry.name.startsWith(TEMP_PREFIX)) {
        const stat = await fs.lstat(dir.entry(entry.name)).catch(() => undefined);
        if (stat && stat.mtimeMs < olderThanMs) {
          await removeTree(dir, entry.name).catch(() => undefined);
          removed++;
        }
      } else if (entry.isDirectory()) {
        subdirs.push(entry.name);
      }
    }
    for (const name of subdirs) {
      const sub = await dir.sub(name, { noFollow: true }).catch(() => undefined);
      if (sub) await withDir(sub, walk);
    }
  };
  const top = await ConfinedDir.open(await fs.realpath(root), []).catch(() => undefined);
  if (top) await withDir(top, walk);
  return removed;
}
