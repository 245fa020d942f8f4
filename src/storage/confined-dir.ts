import { constants as C, Stats, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import { errnoOf } from './fs-errors';
import { isInside } from './path-resolver';

/**
 * Node has no openat(): a name under `/proc/self/fd/<fd>/` is looked up by
 * the kernel from the open folder `fd`, never by walking the folder's path
 * again, so a folder on the way swapped for a symlink after it was opened
 * changes nothing. Every write, rename, mkdir and delete under a storage
 * names its target that way, relative to a folder opened and then verified
 * (through its real path) to lie inside the storage's root.
 */
const FD_DIR = '/proc/self/fd';

/** open(2) flag that opens a name without opening the file itself (no device side effects); Linux. */
const O_PATH = 0o10000000;
const DIR_FLAGS = C.O_RDONLY | C.O_DIRECTORY;

export const outsideStorage = () => new DomainError('BAD_REQUEST', 'Path leads outside the storage');

/** The real path of what an open file descriptor refers to, as the kernel knows it now. */
export function realPathOfFd(fd: number): Promise<string> {
  return fs.readlink(`${FD_DIR}/${fd}`);
}

/** Closes `handle` and refuses it unless what it refers to lies inside `root` (a real path); resolves with its real path. */
async function verified(handle: FileHandle, root: string): Promise<string> {
  try {
    const real = await realPathOfFd(handle.fd);
    if (!isInside(root, real)) throw outsideStorage();
    return real;
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
}

export interface OpenDirOptions {
  /** Make missing folders on the way (each made relative to its verified parent); their real paths are pushed to `made`. */
  create?: boolean;
  made?: string[];
}

/**
 * A folder inside a storage root, held open and verified to be inside it.
 * Symlinks on the way are followed (one inside the storage is an ordinary
 * way to a folder); what counts is where the opened folder is, judged after
 * the kernel resolved the path.
 */
export class ConfinedDir {
  private constructor(
    private readonly handle: FileHandle,
    /** The real path of the storage root. */
    readonly root: string,
    /** The folder's real path when it was opened. */
    readonly realPath: string,
  ) {}

  /** Opens the folder `segments` below `root` (a real path). ENOENT/ENOTDIR when missing (without `create`). */
  static async open(root: string, segments: readonly string[], options: OpenDirOptions = {}): Promise<ConfinedDir> {
    try {
      const handle = await fs.open([root, ...segments].join('/'), DIR_FLAGS);
      return new ConfinedDir(handle, root, await verified(handle, root));
    } catch (e) {
      if (!options.create || errnoOf(e) !== 'ENOENT') throw e;
    }
    // Some folder is missing: walk from the root, making what is missing.
    const top = await fs.open(root, DIR_FLAGS);
    let dir = new ConfinedDir(top, root, await verified(top, root));
    for (const name of segments) {
      try {
        const next = await dir.sub(name, options);
        await dir.close();
        dir = next;
      } catch (e) {
        await dir.close();
        throw e;
      }
    }
    return dir;
  }

  /** The folder itself, as a path the kernel resolves from the open descriptor. */
  get path(): string {
    return `${FD_DIR}/${this.handle.fd}`;
  }

  /** An entry of the folder, looked up from the open descriptor (the name itself is not resolved until used). */
  entry(name: string): string {
    return `${this.path}/${name}`;
  }

  /**
   * Opens the subfolder `name`. `noFollow`: a symlink there is refused
   * (ELOOP or ENOTDIR), as a recursive delete needs; otherwise it is followed
   * and the result verified to be inside the root.
   */
  async sub(name: string, options: OpenDirOptions & { noFollow?: boolean } = {}): Promise<ConfinedDir> {
    const flags = DIR_FLAGS | (options.noFollow ? C.O_NOFOLLOW : 0);
    let handle: FileHandle;
    try {
      handle = await fs.open(this.entry(name), flags);
    } catch (e) {
      if (!options.create || errnoOf(e) !== 'ENOENT') throw e;
      await fs.mkdir(this.entry(name)).catch((err) => {
        if (errnoOf(err) !== 'EEXIST') throw err;
      });
      handle = await fs.open(this.entry(name), flags | C.O_NOFOLLOW);
      const made = new ConfinedDir(handle, this.root, await verified(handle, this.root));
      options.made?.push(made.realPath);
      return made;
    }
    return new ConfinedDir(handle, this.root, await verified(handle, this.root));
  }

  /** Flushes the folder's entry table (after a rename into it). */
  sync(): Promise<void> {
    return this.handle.sync();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Runs `work` with the folder open, closing it afterwards. */
export async function withDir<T>(dir: ConfinedDir, work: (dir: ConfinedDir) => Promise<T>): Promise<T> {
  try {
    return await work(dir);
  } finally {
    await dir.close().catch(() => undefined);
  }
}

/**
 * Opens a file for reading when, and only when, it lies inside `root`: the
 * name is first opened with O_PATH (which opens nothing: no FIFO waits, no
 * device side effects), that descriptor's real path is checked, and only then
 * is the very same file opened for reading through it. Resolves with the
 * handle and its stat; what is not a regular file is refused by `check`.
 */
export async function openFileInside(
  root: string,
  absolute: string,
  check: (stat: Stats) => void,
): Promise<{ handle: FileHandle; stat: Stats }> {
  const located = await fs.open(absolute, O_PATH);
  try {
    await verified(located, root);
    const stat = await located.stat();
    check(stat);
    const handle = await fs.open(`${FD_DIR}/${located.fd}`, C.O_RDONLY | C.O_NONBLOCK | C.O_NOCTTY);
    return { handle, stat };
  } finally {
    await located.close().catch(() => undefined);
  }
}

/**
 * Removes `name` of `parent` and, when it is a folder, everything in it,
 * without ever following a symlink: each folder is opened with O_NOFOLLOW
 * relative to its parent's descriptor, each entry unlinked relative to its
 * folder's. A container swapping a folder for a symlink meanwhile only gets
 * its symlink removed. A name that keeps changing between a folder and
 * something else is retried a few times, then left with an error.
 */
export async function removeTree(parent: ConfinedDir, name: string, attempts = 10): Promise<void> {
  if (attempts === 0) throw Object.assign(new Error(`${name} keeps changing while it is removed`), { code: 'EBUSY' });
  try {
    await fs.unlink(parent.entry(name));
    return;
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'ENOENT') return;
    if (code !== 'EISDIR' && code !== 'EPERM') throw e;
  }
  let dir: ConfinedDir;
  try {
    dir = await parent.sub(name, { noFollow: true });
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'ENOENT') return;
    // Swapped for a symlink or a file since: remove that instead.
    if (code === 'ELOOP' || code === 'ENOTDIR') return removeTree(parent, name, attempts - 1);
    throw e;
  }
  await withDir(dir, async () => {
    for (const entry of await fs.readdir(dir.path)) await removeTree(dir, entry);
  });
  try {
    await fs.rmdir(parent.entry(name));
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'ENOENT') return;
    // Something else took the name, or the folder filled again: start over.
    if (code === 'ENOTDIR' || code === 'ENOTEMPTY') return removeTree(parent, name, attempts - 1);
    throw e;
  }
}

/** removeTree of a path given whole, its parent being a folder the service owns (not one a container writes). */
export async function removeTreeAt(absolute: string): Promise<void> {
  const parent = await fs.realpath(path.dirname(absolute)).catch(() => undefined);
  if (parent === undefined) return;
  const dir = await ConfinedDir.open(parent, []);
  await withDir(dir, () => removeTree(dir, path.basename(absolute)));
}

/**
 * Removes the folder `realPath` (inside `root`) if it is empty, relative to
 * its verified parent: the undoing of a folder made for a request that failed.
 */
export async function removeEmptyFolder(root: string, realPath: string): Promise<void> {
  const relative = path.relative(root, realPath);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return;
  const segments = relative.split(path.sep);
  const parent = await ConfinedDir.open(root, segments.slice(0, -1));
  await withDir(parent, () => fs.rmdir(parent.entry(segments[segments.length - 1])));
}
