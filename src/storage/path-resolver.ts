import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StorageRoot } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { ID_PATTERN } from '../common/docker-values';
import { TEMP_PREFIX } from '../store/atomic-file';

/** Longest path inside a storage, in UTF-8 bytes (Linux PATH_MAX). */
export const MAX_PATH_LENGTH = 4096;
/** Longest name of one file or folder, in UTF-8 bytes (Linux NAME_MAX). */
export const MAX_NAME_LENGTH = 255;

export interface ResolvedPath {
  storage: StorageRoot;
  /** The path inside the storage, normalised: segments joined by "/", "" for the root. */
  relative: string;
  /** Its segments (none for the root). */
  segments: string[];
  /** Absolute host path, inside the storage root. */
  absolute: string;
  /** The real path of the storage root, as it was when the path was resolved. */
  realRoot: string;
}

export interface ResolveOptions {
  /**
   * Whether a symlink as the last segment is followed (the default). When
   * false, the path names the link itself (to delete it, or to list it as an
   * entry): only the folders leading to it must stay inside the root.
   */
  followFinalSymlink?: boolean;
}

const bad = (detail: string) => new DomainError('BAD_REQUEST', detail);

/**
 * Splits a path inside a storage into its segments, refusing every form of
 * escape: `..`, backslashes, NUL and control characters, over-long paths and
 * names, and the service's own temporary names. A leading `/` is rooted at the
 * storage (`"/"` is the root, `"/a/b"` is `"a/b"`). The path is taken as
 * already decoded once (from the URL); it is never decoded again, so `%2F` is
 * part of a name, not a separator. Empty segments and "." are dropped.
 */
export function pathSegments(relative: string): string[] {
  if (typeof relative !== 'string') throw bad('Path must be a string');
  if (relative.length > MAX_PATH_LENGTH || Buffer.byteLength(relative) > MAX_PATH_LENGTH) throw bad('Path is too long');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(relative)) throw bad('Path contains a control character');
  if (relative.includes('\\')) throw bad('Path contains a backslash');
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  for (const s of segments) {
    if (s === '..') throw bad('Path may not contain ".."');
    if (Buffer.byteLength(s) > MAX_NAME_LENGTH) throw bad('A name in the path is too long');
    if (s.startsWith(TEMP_PREFIX)) throw bad('A name in the path is reserved');
  }
  return segments;
}

/**
 * The segments of a name that is relative by nature (a file name in a form,
 * an entry of an archive): a leading "/" there is refused, not rooted.
 */
export function relativeNameSegments(name: string): string[] {
  if (typeof name === 'string' && name.startsWith('/')) throw bad('A name may not begin with "/"');
  return pathSegments(name);
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

  /** The real path of a storage's root folder (the root may itself be a symlink). */
  realRoot(storage: StorageRoot): Promise<string> {
    return fs.realpath(storage.path);
  }

  /**
   * Resolves a path inside a storage. Refuses bad paths and any path whose
   * existing part leads outside the root through a symlink (400). With
   * `followFinalSymlink: false` a symlink as the last segment is not
   * followed: the result names the link itself.
   */
  async resolve(storageId: string, relative: string, options: ResolveOptions = {}): Promise<ResolvedPath> {
    const storage = this.storage(storageId);
    const segments = pathSegments(relative);
    const absolute = path.join(storage.path, ...segments);
    const root = await this.realRoot(storage);
    const follow = options.followFinalSymlink !== false || segments.length === 0;
    await assertInsideRoot(root, follow ? absolute : path.dirname(absolute));
    return { storage, relative: segments.join('/'), segments, absolute, realRoot: root };
  }

  /**
   * Resolves a storage reference: `"<storageId>:<path>"`, or a plain relative
   * path in the default storage.
   */
  async resolveRef(ref: string): Promise<ResolvedPath> {
    const split = splitStorageRef(ref);
    if (!split) return this.resolve(this.defaultStorage.id, ref);
    if (!this.byId.has(split.storageId)) throw new DomainError('BAD_REQUEST', `Unknown storage "${split.storageId}"`);
    return this.resolve(split.storageId, split.path);
  }
}

/** The parts of a storage reference `"<storageId>:<path>"`; undefined when `ref` does not begin with a storage id and a colon. */
export function splitStorageRef(ref: string): { storageId: string; path: string } | undefined {
  const colon = ref.indexOf(':');
  const storageId = ref.slice(0, colon);
  return colon < 0 || !ID_PATTERN.test(storageId) ? undefined : { storageId, path: ref.slice(colon + 1) };
}

/**
 * Checks that the real path of the deepest existing part of `absolute` lies
 * inside `root` (a real path). A dangling symlink on the way is refused: its
 * target could be anywhere.
 */
export async function assertInsideRoot(root: string, absolute: string): Promise<void> {
  let existing = absolute;
  for (;;) {
    let real: string;
    try {
      real = await fs.realpath(existing);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw bad('Path has a symlink loop');
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      const link = await fs.lstat(existing).catch(() => undefined);
      if (link?.isSymbolicLink()) throw bad('Path leads outside the storage');
      const parent = path.dirname(existing);
      if (parent === existing) throw bad('Path leads outside the storage');
      existing = parent;
      continue;
    }
    if (!isInside(root, real)) throw bad('Path leads outside the storage');
    return;
  }
}
