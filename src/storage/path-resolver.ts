import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StorageRoot } from '../config/app-config';
import { DomainError } from '../common/domain-error';

export const MAX_PATH_LENGTH = 4096;
export const MAX_NAME_LENGTH = 255;

export interface ResolvedPath {
  storage: StorageRoot;
  /** The path inside the storage, normalised: segments joined by "/", "" for the root. */
  relative: string;
  /** Absolute host path, inside the storage root. */
  absolute: string;
}

const bad = (detail: string) => new DomainError('BAD_REQUEST', detail);

/**
 * Splits a path inside a storage into its segments, refusing every form of
 * escape: `..`, absolute paths, backslashes, NUL and control characters,
 * over-long paths and names. The path is taken as already decoded once (from
 * the URL); it is never decoded again. Empty segments and "." are dropped.
 */
export function pathSegments(relative: string): string[] {
  if (relative.length > MAX_PATH_LENGTH) throw bad('Path is too long');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(relative)) throw bad('Path contains a control character');
  if (relative.includes('\\')) throw bad('Path contains a backslash');
  if (relative.startsWith('/')) throw bad('Path must be relative to the storage');
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  for (const s of segments) {
    if (s === '..') throw bad('Path may not contain ".."');
    if (Buffer.byteLength(s) > MAX_NAME_LENGTH) throw bad('A name in the path is too long');
  }
  return segments;
}

/** True when `candidate` is `root` or lies inside it (compared with a separator, so /data2 is not inside /data). */
export function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * The one way from a storage id and a path to a host path. Every file route
 * and every exec mount goes through it.
 */
export class PathResolver {
  private readonly byId: Map<string, StorageRoot>;

  constructor(readonly storages: readonly StorageRoot[]) {
    this.byId = new Map(storages.map((s) => [s.id, s]));
  }

  get defaultStorage(): StorageRoot {
    return this.storages[0];
  }

  storage(id: string): StorageRoot {
    const storage = this.byId.get(id);
    if (!storage) throw new DomainError('NOT_FOUND', 'Storage not found');
    return storage;
  }

  /**
   * Resolves a path inside a storage. Refuses bad paths (400) and any path
   * whose existing part leads outside the root through a symlink (403).
   */
  async resolve(storageId: string, relative: string): Promise<ResolvedPath> {
    const storage = this.storage(storageId);
    const segments = pathSegments(relative);
    const absolute = path.join(storage.path, ...segments);
    const root = await fs.realpath(storage.path);
    // The real path of the deepest part that exists must stay inside the root.
    let existing = absolute;
    for (;;) {
      try {
        const real = await fs.realpath(existing);
        if (!isInside(root, real)) throw bad('Path leads outside the storage');
        break;
      } catch (e) {
        if (e instanceof DomainError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
        // A dangling symlink is refused: its target could be anywhere.
        const link = await fs.lstat(existing).catch(() => undefined);
        if (link?.isSymbolicLink()) throw bad('Path leads outside the storage');
        existing = path.dirname(existing);
      }
    }
    return { storage, relative: segments.join('/'), absolute };
  }

  /**
   * Resolves a storage reference: `"<storageId>:<path>"`, or a plain relative
   * path in the default storage.
   */
  resolveRef(ref: string): Promise<ResolvedPath> {
    const match = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63}):(.*)$/s.exec(ref);
    if (match && this.byId.has(match[1])) return this.resolve(match[1], match[2]);
    if (match) throw new DomainError('BAD_REQUEST', `Unknown storage "${match[1]}"`);
    return this.resolve(this.defaultStorage.id, ref);
  }
}
