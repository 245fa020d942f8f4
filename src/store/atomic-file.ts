import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Prefix of every temporary file the service writes; swept at start. */
export const TEMP_PREFIX = '.webapi-tmp-';

/** A temporary name in the same folder as the target, so that rename is atomic. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(8).toString('hex')}-${path.basename(target)}`.slice(0, 255));
}

/** Flushes a folder's entry table, so a rename in it survives a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a whole file atomically: temporary file, fsync, rename, fsync of the folder. */
export async function writeFileAtomic(target: string, data: string | Buffer): Promise<void> {
  const temp = tempPathFor(target);
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
  await fsyncDir(path.dirname(target));
}
