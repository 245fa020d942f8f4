import { Dirent, Stats, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TEMP_PREFIX } from '../store/atomic-file';
import { isInside } from './path-resolver';

/** One entry of a listing, as the seed names its fields. */
export interface ListItem {
  name: string;
  is_dir: boolean;
  /** Bytes; 0 for a folder. */
  size: number;
  /** Modification time, seconds since the epoch (float). */
  mtime: number;
}

export interface ListPage {
  total_count: number;
  items: ListItem[];
}

interface SortedEntry {
  name: string;
  isDir: boolean;
  /** A symlink whose target lies inside the root: its target is described. */
  follow: boolean;
}

interface CachedListing {
  /** The folder's identity and last change when the listing was read. */
  version: string;
  entries: SortedEntry[];
}

/** A folder to list: the path it is read through (an open descriptor's), and its real path (the cache key). */
export interface ListedFolder {
  path: string;
  realPath: string;
}

/** Folders first, then by name (code unit order, as a byte-wise sort would give for ASCII). */
export function compareEntries(a: { name: string; isDir: boolean }, b: { name: string; isDir: boolean }): number {
  if (a.isDir !== b.isDir) return a.isDir ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The slice of `total` items a page covers: `count` 0 means all items, whatever the page. */
export function pageBounds(total: number, page: number, count: number): { start: number; end: number } {
  if (count === 0) return { start: 0, end: total };
  const start = Math.min(total, page * count);
  return { start, end: Math.min(total, start + count) };
}

/** Items stat-ed at once. */
const STAT_BATCH = 256;

/** A listing whose folder changed this recently is not cached: file times are coarse (a clock tick). */
const SETTLE_NS = 1_000_000_000n;

/**
 * Lists folders page by page. The sorted names of a folder are cached and
 * reused while the folder's modification time (and identity) is unchanged, so
 * a page of a folder of 100,000 files costs one stat of the folder plus one
 * stat per item on the page. Size and mtime are always read fresh.
 */
export class DirectoryListings {
  private readonly cache = new Map<string, CachedListing>();
  private readonly pending = new Map<string, Promise<CachedListing>>();
  private cachedEntries = 0;

  /** `maxEntries`: most names kept in the cache, over all folders. */
  constructor(private readonly maxEntries = 2_000_000) {}

  /**
   * One page of `folder` (whose real path is inside `root`, a real path).
   * Symlinks leading outside the root are listed as plain entries, without
   * reading what they point to.
   */
  async page(root: string, folder: ListedFolder, page: number, count: number): Promise<ListPage> {
    const dir = folder.path;
    const listing = await this.sorted(root, folder);
    const { start, end } = pageBounds(listing.entries.length, page, count);
    const slice = listing.entries.slice(start, end);
    const items: ListItem[] = [];
    // Stats in batches: a page of "every item" of a huge folder must not queue 100,000 at once.
    const stats: (Stats | undefined)[] = [];
    for (let i = 0; i < slice.length; i += STAT_BATCH) {
      const batch = slice.slice(i, i + STAT_BATCH);
      stats.push(
        ...(await Promise.all(
          batch.map((e) =>
            (e.follow ? fs.stat(path.join(dir, e.name)) : fs.lstat(path.join(dir, e.name))).catch(() => undefined),
          ),
        )),
      );
    }
    slice.forEach((entry, i) => {
      const stat = stats[i];
      items.push({
        name: entry.name,
        is_dir: entry.isDir,
        size: entry.isDir || !stat ? 0 : entry.follow || stat.isFile() ? stat.size : 0,
        mtime: stat ? stat.mtimeMs / 1000 : 0,
      });
    });
    return { total_count: listing.entries.length, items };
  }

  private async sorted(root: string, folder: ListedFolder): Promise<CachedListing> {
    const dir = folder.realPath;
    const stat = await fs.stat(folder.path, { bigint: true });
    const version = `${stat.dev}:${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`;
    const cached = this.cache.get(dir);
    if (cached && cached.version === version) {
      // Most recently used last.
      this.cache.delete(dir);
      this.cache.set(dir, cached);
      return cached;
    }
    const key = `${dir}\0${version}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.read(root, folder.path, version).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const listing = await pending;
    const now = BigInt(Date.now()) * 1_000_000n;
    if (now - stat.mtimeNs > SETTLE_NS && now - stat.ctimeNs > SETTLE_NS) this.remember(dir, listing);
    return listing;
  }

  private async read(root: string, dir: string, version: string): Promise<CachedListing> {
    const dirents = await fs.readdir(dir, { withFileTypes: true });
    const entries: SortedEntry[] = [];
    const links: Dirent[] = [];
    for (const d of dirents) {
      if (d.name.startsWith(TEMP_PREFIX)) continue;
      if (d.isSymbolicLink()) links.push(d);
      else entries.push({ name: d.name, isDir: d.isDirectory(), follow: false });
    }
    // Symlinks resolved in batches, as the stats of a page are.
    for (let i = 0; i < links.length; i += STAT_BATCH) {
      entries.push(
        ...(await Promise.all(
          links.slice(i, i + STAT_BATCH).map((link) => this.describeLink(root, path.join(dir, link.name))),
        )),
      );
    }
    entries.sort(compareEntries);
    return { version, entries };
  }

  private async describeLink(root: string, absolute: string): Promise<SortedEntry> {
    const name = path.basename(absolute);
    try {
      const real = await fs.realpath(absolute);
      if (!isInside(root, real)) return { name, isDir: false, follow: false };
      return { name, isDir: (await fs.stat(real)).isDirectory(), follow: true };
    } catch {
      return { name, isDir: false, follow: false };
    }
  }

  private remember(dir: string, listing: CachedListing): void {
    const previous = this.cache.get(dir);
    if (previous) {
      this.cachedEntries -= previous.entries.length;
      this.cache.delete(dir);
    }
    if (listing.entries.length > this.maxEntries) return;
    this.cache.set(dir, listing);
    this.cachedEntries += listing.entries.length;
    for (const [oldest, old] of this.cache) {
      if (this.cachedEntries <= this.maxEntries) break;
      this.cache.delete(oldest);
      this.cachedEntries -= old.entries.length;
    }
  }
}
