import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Read only, never through a symbolic link, never waiting on a FIFO. */
const OPEN_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK;

/**
 * Opens a file the run wrote in its run folder (the container writes that
 * folder, so the name may be a link to a host file or a FIFO): only a
 * regular file directly in the folder; undefined otherwise.
 */
export async function openRunFolderFile(runDir: string, name: string): Promise<fs.FileHandle | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path.join(runDir, path.basename(name)), OPEN_FLAGS);
  } catch {
    return undefined;
  }
  if ((await handle.stat().catch(() => undefined))?.isFile()) return handle;
  await handle.close().catch(() => undefined);
  return undefined;
}

/** The first `maxBytes` of such a file; undefined when there is none. */
export async function readRunFolderFile(runDir: string, name: string, maxBytes: number): Promise<Buffer | undefined> {
  const handle = await openRunFolderFile(runDir, name);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
