import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Prefix of every temporary file the service writes; swept at start. */
export const TEMP_PREFIX = '.webapi-tmp-';

/** Longest file name on Linux, in bytes. */
const NAME_MAX = 255;
/** Bytes of a temporary name before the target's name: prefix, 16 hex digits, "-". */
const TEMP_HEAD = Buffer.byteLength(TEMP_PREFIX) + 17;

/**
 * The target's name as it ends a temporary name: cut, on a character
 * boundary, so that the whole temporary name fits in NAME_MAX UTF-8 bytes.
 */
function tempTail(target: string): string {
  let tail = '';
  let bytes = TEMP_HEAD;
  for (const char of path.basename(target)) {
    bytes += Buffer.byteLength(char);
    if (bytes > NAME_MAX) break;
    tail += char;
  }
  return tail;
}

/** A temporary name in the same folder as the target, so that rename is atomic (at most 255 bytes). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(8).toString('hex')}-${tempTail(target)}`);
}

/** True when `name` (a file name) is one that tempPathFor(target) could give. */
export function isTempNameOf(name: string, target: string): boolean {
  const head = name.slice(0, TEMP_PREFIX.length + 17);
  return (
    /^[0-9a-f]{16}-$/.test(head.slice(TEMP_PREFIX.length)) &&
    head.startsWith(TEMP_PREFIX) &&
    name.slice(head.length) === tempTail(target)
  );
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
