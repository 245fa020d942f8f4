import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TEMP_PREFIX } from '../store/atomic-file';

/**
 * Removes the temporary files and folders (named with TEMP_PREFIX) that a
 * crash left under `root`, at any depth, without following symlinks. Only
 * entries last changed before `olderThanMs` are removed, so a sweep running
 * beside new uploads never touches their temporaries. Resolves with the
 * number of entries removed.
 */
export async function sweepTemporaries(root: string, olderThanMs: number): Promise<number> {
  let removed = 0;
  const walk = async (dir: string): Promise<void> => {
    let handle;
    try {
      handle = await fs.opendir(dir);
    } catch {
      return;
    }
    const subdirs: string[] = [];
    for await (const entry of handle) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith(TEMP_PREFIX)) {
        const stat = await fs.lstat(full).catch(() => undefined);
        if (stat && stat.mtimeMs < olderThanMs) {
          await fs.rm(full, { recursive: true, force: true }).catch(() => undefined);
          removed++;
        }
      } else if (entry.isDirectory()) {
        subdirs.push(full);
      }
    }
    for (const sub of subdirs) await walk(sub);
  };
  await walk(root);
  return removed;
}
