import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { contentType as mimeContentType } from 'mime-types';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { validationProblem } from '../common/validation';
import { TEMP_PREFIX } from '../store/atomic-file';
import { DirectoryListings, ListItem } from './directory-listing';
import { FILE_ALREADY_EXIST, FILE_NOT_FOUND, PATH_NOT_FOUND, errnoOf, fileSystemError } from './fs-errors';
import { ConfinedDir, OpenDirOptions, openFileInside, removeEmptyFolder, removeTree, withDir } from './confined-dir';
import { PathResolver, ResolvedPath, relativeNameSegments } from './path-resolver';
import { ReceivedFile, commitReceived, discardReceived, receiveToTemp, writeStreamAtomic } from './stream-to-file';
import { StorageTraffic } from './storage-traffic';
import { sweepTemporaries } from './temp-sweep';
import { booleanWord } from './boolean-word';
import { UploadPart } from './upload-parts';
import { UnzipLimits, extractZip } from './zip-extract';

const UPLOAD_ID = /^[a-f0-9]{32}$/;

/**
 * Read-ahead of a download: large chunks keep a fast client busy and cost
 * fewer system calls (1 GiB over loopback: 680 ms of CPU with 1 MiB chunks,
 * 557 ms with 2 MiB, 543 ms with 4 MiB); a download holds about two chunks.
 */
const DOWNLOAD_CHUNK = 2 * 1024 * 1024;

export interface StorageSummary {
  id: string;
  name: string;
}

export interface FileListing {
  id: string;
  file_path: string;
  page: number;
  count: number;
  total_count: number;
  items: ListItem[];
}

/** A regular file opened for a download. Close it, or read it through `stream()` (which closes it). */
export interface OpenedFile {
  name: string;
  size: number;
  mtimeMs: number;
  /** Content-Type from the extension (`application/octet-stream` when unknown). */
  contentType: string;
  /** The bytes from `start` to `end` (both included); the file closes when the stream ends or is destroyed. */
  stream(start?: number, end?: number): Readable;
  close(): Promise<void>;
}

export interface UploadItem {
  success: true;
  files: string[];
  unzip_files: string[];
  upload_id: string;
}

/** Errors while receiving a body: file system errors keep their meaning, anything else is a broken upload. */
function receiveError(e: unknown, notFound = PATH_NOT_FOUND): unknown {
  if (e instanceof DomainError) return e;
  if (errnoOf(e) && errnoOf(e) !== 'ECONNRESET') return fileSystemError(e, notFound);
  return new DomainError(
    'BAD_REQUEST',
    `The upload was malformed or interrupted: ${(e as Error)?.message ?? String(e)}`,
  );
}

type FilePart = Extract<UploadPart, { kind: 'file' }>;

/** Where a file of a form goes: its segments below a root (a real path), and the path reported back. */
interface FormDestination {
  root: string;
  segments: string[];
  relative: string;
}

/** The name a file of a form gives itself, as path segments inside the folder it is uploaded into. */
function formFileName(part: FilePart): string[] {
  const segments = relativeNameSegments(part.filename ?? '');
  if (segments.length === 0) throw new DomainError('BAD_REQUEST', 'A file of the form has no name');
  return segments;
}

/** The folders above a path given by its segments, each as its segments joined by "/". */
function ancestors(segments: string[]): string[] {
  return segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
}

/** The last segment of a path that is not the root. */
function nameOf(target: { segments: string[] }): string {
  return target.segments[target.segments.length - 1];
}

/** The folder holding `target`, opened and verified to lie inside its storage. */
function openParent(target: ResolvedPath, options?: OpenDirOptions): Promise<ConfinedDir> {
  return ConfinedDir.open(target.realRoot, target.segments.slice(0, -1), options);
}

/** A folder to bind-mount, as resolveMountSource gives it. */
export interface MountSource {
  /** Its real path. */
  source: string;
  /** The real path of the storage root it lies in. */
  confinedTo: string;
  /** The folders made for it, parents first (real paths). */
  made: string[];
}

/**
 * The folder `segments` below `root` (a real path) as a mount source: opened,
 * so found inside the root once resolved, and named by its real path.
 */
export async function mountSourceIn(
  root: string,
  segments: string[],
  options: { create?: boolean } = {},
): Promise<MountSource> {
  const made: string[] = [];
  try {
    const dir = await ConfinedDir.open(root, segments, { create: options.create, made });
    await dir.close();
    return { source: dir.realPath, confinedTo: root, made };
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'ENOENT') throw new DomainError('BAD_REQUEST', 'folder not found');
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new DomainError('BAD_REQUEST', 'not a folder');
    throw fileSystemError(e);
  }
}

/** Storages and upload items on the host's file system. Every path goes through the PathResolver. */
@Injectable()
export class StorageService implements OnModuleInit {
  private readonly logger = new Logger(StorageService.name);
  readonly resolver: PathResolver;
  /** Folder of upload items: <DATA_DIR>/uploads/<upload_id>/. */
  readonly uploadsDir: string;
  /** Real path of uploadsDir. */
  private uploadsRoot!: string;
  private readonly listings = new DirectoryListings();
  private readonly unzipLimits: UnzipLimits;
  /** Bytes stored by uploads and read by downloads, for the metrics. */
  readonly traffic = new StorageTraffic();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.resolver = new PathResolver(config.STORAGES);
    this.uploadsDir = path.join(config.DATA_DIR, 'uploads');
    this.unzipLimits = {
      maxEntries: config.UNZIP_MAX_ENTRIES,
      maxTotalBytes: config.UNZIP_MAX_TOTAL_BYTES,
      maxEntryBytes: config.UNZIP_MAX_ENTRY_BYTES,
      maxRatio: config.UNZIP_MAX_RATIO,
    };
  }

  async onModuleInit(): Promise<void> {
    for (const s of this.resolver.storages) await fs.mkdir(s.path, { recursive: true });
    await fs.mkdir(this.uploadsDir, { recursive: true });
    this.uploadsRoot = await fs.realpath(this.uploadsDir);
    // Temporaries of an earlier run (a crash, a kill) are swept in the background;
    // only those older than this start are touched, never a new upload's.
    const startedAt = Date.now();
    void (async () => {
      let removed = 0;
      for (const root of [...this.resolver.storages.map((s) => s.path), this.uploadsDir]) {
        removed += await sweepTemporaries(root, startedAt).catch(() => 0);
      }
      if (removed) this.logger.log(`removed ${removed} temporary file(s) left by an earlier run`);
    })();
  }

  /** A storage reference (`"<storageId>:<path>"` or a path in the default storage) as a confined host path. */
  resolveRef(ref: string): Promise<ResolvedPath> {
    return this.resolver.resolveRef(ref);
  }

  /**
   * The host folder a storage reference names, as a bind mount's source: its
   * real path (no symlink left for the engine to follow), found inside the
   * storage by opening it, and the storage's real root, against which the
   * engine call checks it again (Mount.confinedTo). With `create` a missing
   * folder is made, each folder relative to its verified parent; `made` lists
   * those made, for removeMadeFolders. A missing folder, or a file in the
   * way, is a BAD_REQUEST naming the problem.
   */
  async resolveMountSource(ref: string, options: { create?: boolean } = {}): Promise<MountSource> {
    const target = await this.resolver.resolveRef(ref);
    return mountSourceIn(target.realRoot, target.segments, options);
  }

  /** resolveMountSource for a folder of an upload item. */
  async uploadMountSource(uploadId: string, folderPath: string): Promise<MountSource> {
    const folder = await this.uploadFolder(uploadId);
    const target = await new PathResolver([{ id: 'upload', name: 'upload', path: folder }]).resolve(
      'upload',
      folderPath,
    );
    return mountSourceIn(target.realRoot, target.segments);
  }

  /** Removes the folders a resolveMountSource with `create` made, deepest first, each only while empty. */
  async removeMadeFolders(source: MountSource): Promise<void> {
    for (const dir of [...source.made].reverse())
      await removeEmptyFolder(source.confinedTo, dir).catch(() => undefined);
  }

  /** The folder of an upload item; NOT_FOUND when there is none. */
  async uploadFolder(uploadId: string): Promise<string> {
    if (!UPLOAD_ID.test(uploadId)) throw new DomainError('BAD_REQUEST', 'Invalid upload_id');
    const folder = path.join(this.uploadsDir, uploadId);
    const stat = await fs.stat(folder).catch(() => undefined);
    if (!stat?.isDirectory()) throw new DomainError('NOT_FOUND', 'Upload item not found');
    return folder;
  }

  listStorages(): StorageSummary[] {
    return this.resolver.storages.map(({ id, name }) => ({ id, name }));
  }

  private async resolve(
    storageId: string,
    filePath: string,
    followFinalSymlink = true,
    notFound = FILE_NOT_FOUND,
  ): Promise<ResolvedPath> {
    try {
      return await this.resolver.resolve(storageId, filePath, { followFinalSymlink });
    } catch (e) {
      throw fileSystemError(e, notFound);
    }
  }

  /** One page of a folder: folders first, then by name; `count` 0 is every item. */
  async listFiles(storageId: string, filePath: string, page: number, count: number): Promise<FileListing> {
    // file_path is answered normalised ("a//b/" as "a/b", the root as "").
    const target = await this.resolve(storageId, filePath);
    try {
      const dir = await ConfinedDir.open(target.realRoot, target.segments).catch(async (e) => {
        const stat = errnoOf(e) === 'ENOTDIR' ? await fs.stat(target.absolute).catch(() => undefined) : undefined;
        throw stat && !stat.isDirectory() ? new DomainError('BAD_REQUEST', 'Not a folder') : e;
      });
      const listing = await withDir(dir, () => this.listings.page(target.realRoot, dir, page, count));
      return { id: storageId, file_path: target.relative, page, count, ...listing };
    } catch (e) {
      throw fileSystemError(e);
    }
  }

  /** Creates a folder and its missing parents; FORBIDDEN "File already exist" when anything is there. */
  async makeDir(storageId: string, filePath: string): Promise<ResolvedPath> {
    const target = await this.resolve(storageId, filePath, false);
    if (target.segments.length === 0) throw new DomainError('FORBIDDEN', FILE_ALREADY_EXIST);
    try {
      const parent = await openParent(target, { create: true });
      await withDir(parent, () => fs.mkdir(parent.entry(nameOf(target))));
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST' || code === 'ENOTDIR') throw new DomainError('FORBIDDEN', FILE_ALREADY_EXIST);
      throw fileSystemError(e, PATH_NOT_FOUND);
    }
    return target;
  }

  /**
   * Opens a regular file for reading. FIFOs, sockets, devices and folders are
   * refused before they are opened. What is opened is the file whose real
   * path was found inside the root (a symlink swapped in meanwhile changes
   * nothing).
   */
  async openFile(storageId: string, filePath: string): Promise<OpenedFile> {
    const target = await this.resolve(storageId, filePath);
    let handle: FileHandle | undefined;
    try {
      const found = await openFileInside(target.realRoot, target.absolute, (kind) => {
        if (kind.isDirectory()) throw new DomainError('BAD_REQUEST', 'The path is a folder, not a file');
        if (!kind.isFile()) throw new DomainError('BAD_REQUEST', 'Not a regular file');
      });
      handle = found.handle;
      const stat = found.stat;
      const opened = handle;
      handle = undefined;
      const name = path.basename(target.absolute);
      return {
        name,
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        contentType: mimeContentType(name) || 'application/octet-stream',
        stream: (start, end) =>
          this.traffic.countDownload(
            opened.createReadStream({ start, end, highWaterMark: DOWNLOAD_CHUNK, autoClose: true }),
          ),
        close: () => opened.close(),
      };
    } catch (e) {
      throw fileSystemError(e);
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  /** The folder a new file goes into must exist: NOT_FOUND "Path not found" otherwise. */
  private async assertParentFolder(target: ResolvedPath): Promise<void> {
    const parent = await fs.stat(path.dirname(target.absolute)).catch((e) => {
      throw fileSystemError(e, PATH_NOT_FOUND);
    });
    if (!parent.isDirectory()) throw new DomainError('NOT_FOUND', PATH_NOT_FOUND);
  }

  /** Stores a raw body as a file, created or replaced atomically. */
  async putFile(
    storageId: string,
    filePath: string,
    body: Readable,
    declaredLength?: number,
  ): Promise<{ path: string; size: number }> {
    const max = this.config.UPLOAD_MAX_BYTES;
    if (declaredLength !== undefined && declaredLength > max) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `The upload is larger than ${max} bytes`);
    }
    const target = await this.resolve(storageId, filePath, true, PATH_NOT_FOUND);
    if (target.relative === '') throw new DomainError('BAD_REQUEST', 'A folder exists at that path');
    const parent = await openParent(target).catch((e) => {
      throw fileSystemError(e, PATH_NOT_FOUND);
    });
    return withDir(parent, async () => {
      const file = parent.entry(nameOf(target));
      if ((await fs.stat(file).catch(() => undefined))?.isDirectory())
        throw new DomainError('BAD_REQUEST', 'A folder exists at that path');
      try {
        const size = await writeStreamAtomic(body, file, { maxBytes: max });
        this.traffic.uploaded(size);
        return { path: target.relative, size };
      } catch (e) {
        throw receiveError(e);
      }
    });
  }

  /**
   * Writes the files of an upload form. Into an existing folder, each file
   * under its own name (a name with "/" makes its subfolders); at any other
   * path, the single file of the form becomes that file. Each file is written
   * atomically; the limit applies to the whole form.
   */
  async uploadFiles(storageId: string, filePath: string, parts: AsyncIterable<UploadPart>): Promise<string[]> {
    const target = await this.resolve(storageId, filePath, true, PATH_NOT_FOUND);
    const stat = await fs.stat(target.absolute).catch((e) => {
      if (errnoOf(e) === 'ENOENT') return undefined;
      throw fileSystemError(e, PATH_NOT_FOUND);
    });
    const intoFolder = stat?.isDirectory() ?? false;
    if (!intoFolder) await this.assertParentFolder(target);
    return this.receiveForm(parts, async (part, index) => {
      if (!intoFolder) {
        if (index > 0)
          throw new DomainError(
            'BAD_REQUEST',
            'Only one file can be written to a file path; upload into a folder for more',
          );
        return { root: target.realRoot, segments: target.segments, relative: target.relative };
      }
      const name = formFileName(part).join('/');
      const dest = await this.resolve(
        storageId,
        target.relative ? `${target.relative}/${name}` : name,
        true,
        PATH_NOT_FOUND,
      );
      return { root: dest.realRoot, segments: dest.segments, relative: dest.relative };
    });
  }

  /**
   * Receives the files of a form: each into a temporary file next to where
   * `destFor` puts it (making the folders it needs), and, once the form has
   * ended well, each renamed into place (`exclusive`: never over an existing
   * file). A name that is both a file and a folder of the form, a file where
   * a folder is needed, the size limit over the whole form, a broken body:
   * all refuse the form before anything is in place, leaving no temporary
   * file and no folder made for it. Resolves with the reported paths.
   */
  private async receiveForm(
    parts: AsyncIterable<UploadPart>,
    destFor: (part: FilePart, index: number) => Promise<FormDestination>,
    options: { exclusive?: boolean; onField?: (name: string, value: string) => void } = {},
  ): Promise<string[]> {
    let budget = this.config.UPLOAD_MAX_BYTES;
    const received: ReceivedFile[] = [];
    const names: string[] = [];
    const files = new Set<string>();
    const folders = new Set<string>();
    const madeFolders: { root: string; made: string[] } = { root: '', made: [] };
    /** The folders files go into, open, by their segments. */
    const parents = new Map<string, ConfinedDir>();
    let committed = 0;
    try {
      try {
        for await (const part of parts) {
          if (part.kind === 'field') {
            options.onField?.(part.name, part.value);
            continue;
          }
          const dest = await destFor(part, names.length);
          const key = dest.segments.join('/');
          const above = ancestors(dest.segments);
          if (folders.has(key) || above.some((dir) => files.has(dir))) {
            throw new DomainError('BAD_REQUEST', `"${dest.relative}" is both a file and a folder in the form`);
          }
          if (options.exclusive && files.has(key)) {
            throw new DomainError('BAD_REQUEST', `The form has two files named "${dest.relative}"`);
          }
          files.add(key);
          for (const dir of above) folders.add(dir);
          const parentKey = dest.segments.slice(0, -1).join('/');
          let parent = parents.get(parentKey);
          if (!parent) {
            madeFolders.root = dest.root;
            parent = await this.makeParentFolders(dest, madeFolders.made);
            parents.set(parentKey, parent);
          }
          const target = parent.entry(nameOf(dest));
          const existing = await fs.stat(target).catch(() => undefined);
          if (existing?.isDirectory()) throw new DomainError('BAD_REQUEST', 'A folder exists at that path');
          const file = await receiveToTemp(part.stream, target, { maxBytes: budget });
          received.push(file);
          budget -= file.bytes;
          names.push(dest.relative);
        }
      } catch (e) {
        throw receiveError(e);
      }
      if (names.length === 0) throw new DomainError('BAD_REQUEST', 'The form has no file');
      for (const file of received) {
        await commitReceived(file, options.exclusive);
        committed++;
        this.traffic.uploaded(file.bytes);
      }
      return names;
    } catch (e) {
      await Promise.all(received.slice(committed).map(discardReceived));
      // Deepest first; a folder something else went into meanwhile is not empty and stays.
      for (const dir of madeFolders.made.sort((a, b) => b.length - a.length))
        await removeEmptyFolder(madeFolders.root, dir).catch(() => undefined);
      throw fileSystemError(e, PATH_NOT_FOUND);
    } finally {
      await Promise.all([...parents.values()].map((dir) => dir.close().catch(() => undefined)));
    }
  }

  /** Opens the folder of a file of a form, making the folders it needs and noting those it made; a file in the way is a 400. */
  private makeParentFolders(dest: FormDestination, made: string[]): Promise<ConfinedDir> {
    return ConfinedDir.open(dest.root, dest.segments.slice(0, -1), { create: true, made }).catch((e) => {
      const code = errnoOf(e);
      if (code === 'EEXIST' || code === 'ENOTDIR') {
        throw new DomainError('BAD_REQUEST', `"${dest.relative}" needs a folder where a file is`);
      }
      throw e;
    });
  }

  /**
   * Deletes a file, a symlink (never what it points to) or a folder; a
   * non-empty folder only with `recursive`. A folder is first renamed to a
   * temporary name, so it disappears at once and a crash leaves it to the sweep.
   */
  async deleteItem(storageId: string, filePath: string, recursive: boolean): Promise<void> {
    const target = await this.resolve(storageId, filePath, false);
    if (target.relative === '') throw new DomainError('BAD_REQUEST', 'The storage root cannot be deleted');
    try {
      const parent = await openParent(target);
      await withDir(parent, async () => {
        const item = parent.entry(nameOf(target));
        const stat = await fs.lstat(item);
        if (!stat.isDirectory()) return fs.unlink(item);
        if (!recursive) {
          return fs.rmdir(item).catch((e) => {
            if (errnoOf(e) === 'ENOTEMPTY' || errnoOf(e) === 'EEXIST') {
              throw new DomainError('BAD_REQUEST', 'The folder is not empty: delete it with recursive=true');
            }
            throw e;
          });
        }
        return this.removeFolder(parent, nameOf(target), `${TEMP_PREFIX}deleted-${randomBytes(6).toString('hex')}`);
      });
    } catch (e) {
      throw fileSystemError(e);
    }
  }

  /**
   * Stores the files of a form as a new upload item. The item is assembled in
   * a staging folder and renamed into place when complete; with `unzip=true`
   * each zip file is extracted into it. Any failure (a refused archive, the
   * size limit, a broken body) leaves no upload item behind.
   */
  async createUploadItem(parts: AsyncIterable<UploadPart>): Promise<UploadItem> {
    const uploadId = randomBytes(16).toString('hex');
    const staging = path.join(this.uploadsDir, `${TEMP_PREFIX}${uploadId}`);
    await fs.mkdir(staging, { recursive: true });
    try {
      const root = await fs.realpath(staging);
      let unzip = false;
      const files = await this.receiveForm(
        parts,
        async (part) => {
          const segments = formFileName(part);
          return { root, segments, relative: segments.join('/') };
        },
        {
          exclusive: true,
          onField: (name, value) => {
            if (name !== 'unzip') return;
            const flag = booleanWord(value);
            if (flag === undefined)
              throw validationProblem([{ field: 'unzip', message: 'unzip must be "true" or "false"' }]);
            unzip = flag;
          },
        },
      );
      const unzipFiles: string[] = [];
      if (unzip) {
        for (const file of files.filter((f) => /\.zip$/i.test(f))) {
          unzipFiles.push(...(await extractZip(path.join(staging, file), staging, this.unzipLimits)));
        }
      }
      await fs.rename(staging, path.join(this.uploadsDir, uploadId));
      return { success: true, files, unzip_files: unzipFiles, upload_id: uploadId };
    } catch (e) {
      await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
      throw fileSystemError(e);
    }
  }

  /** Removes an upload item and its files. */
  async deleteUploadItem(uploadId: string): Promise<void> {
    await this.uploadFolder(uploadId);
    try {
      const uploads = await ConfinedDir.open(this.uploadsRoot, []);
      await withDir(uploads, () => this.removeFolder(uploads, uploadId, `${TEMP_PREFIX}deleted-${uploadId}`));
    } catch (e) {
      throw fileSystemError(e, 'Upload item not found');
    }
  }

  /**
   * Removes the folder `name` of `parent` with everything in it, never
   * following a symlink. It is first renamed to `trash`, so it disappears at
   * once and a crash leaves it to the sweep. When the removal fails (a file it
   * may not delete), what is left is renamed back: nothing the removal could
   * not delete is lost to the next sweep.
   */
  private async removeFolder(parent: ConfinedDir, name: string, trash: string): Promise<void> {
    await fs.rename(parent.entry(name), parent.entry(trash));
    try {
      await removeTree(parent, trash);
    } catch (e) {
      await fs.rename(parent.entry(trash), parent.entry(name)).catch((back) => {
        this.logger.error(
          `could not put ${path.join(parent.realPath, name)} back after a failed delete (${(back as Error).message}); what is left is in ${trash}`,
        );
      });
      throw e;
    }
  }
}
