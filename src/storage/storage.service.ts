import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { contentType as mimeContentType } from 'mime-types';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { validationProblem } from '../common/validation';
import { TEMP_PREFIX } from '../store/atomic-file';
import { DirectoryListings, ListItem } from './directory-listing';
import {
  FILE_ALREADY_EXIST,
  FILE_NOT_FOUND,
  PATH_NOT_FOUND,
  errnoOf,
  fileSystemError,
} from './fs-errors';
import { PathResolver, ResolvedPath, isInside, pathSegments } from './path-resolver';
import { ReceivedFile, commitReceived, discardReceived, receiveToTemp, writeStreamAtomic } from './stream-to-file';
import { StorageTraffic } from './storage-traffic';
import { sweepTemporaries } from './temp-sweep';
import { booleanWord } from './boolean-word';
import { UploadPart } from './upload-parts';
import { UnzipLimits, extractZip } from './zip-extract';

const UPLOAD_ID = /^[a-f0-9]{32}$/;

/** Read-ahead of a download: large chunks keep a fast client busy. */
const DOWNLOAD_CHUNK = 1024 * 1024;

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
  return new DomainError('BAD_REQUEST', `The upload was malformed or interrupted: ${(e as Error)?.message ?? String(e)}`);
}

type FilePart = Extract<UploadPart, { kind: 'file' }>;

/** Where a file of a form goes: the host path, and the path reported back. */
interface FormDestination {
  absolute: string;
  relative: string;
}

/** The name a file of a form gives itself, as path segments inside the folder it is uploaded into. */
function formFileName(part: FilePart): string[] {
  const segments = pathSegments(part.filename ?? '');
  if (segments.length === 0) throw new DomainError('BAD_REQUEST', 'A file of the form has no name');
  return segments;
}

/** Every folder above `absolute`, nearest first. */
function ancestors(absolute: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === path.dirname(dir)) return out;
  }
}

/** Storages and upload items on the host's file system. Every path goes through the PathResolver. */
@Injectable()
export class StorageService implements OnModuleInit {
  private readonly logger = new Logger(StorageService.name);
  readonly resolver: PathResolver;
  /** Folder of upload items: <DATA_DIR>/uploads/<upload_id>/. */
  readonly uploadsDir: string;
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

  private async resolve(storageId: string, filePath: string, followFinalSymlink = true, notFound = FILE_NOT_FOUND): Promise<ResolvedPath> {
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
      const stat = await fs.stat(target.absolute);
      if (!stat.isDirectory()) throw new DomainError('BAD_REQUEST', 'Not a folder');
      const listing = await this.listings.page(target.realRoot, target.absolute, page, count);
      return { id: storageId, file_path: target.relative, page, count, ...listing };
    } catch (e) {
      throw fileSystemError(e);
    }
  }

  /** Creates a folder and its missing parents; FORBIDDEN "File already exist" when anything is there. */
  async makeDir(storageId: string, filePath: string): Promise<ResolvedPath> {
    const target = await this.resolve(storageId, filePath, false);
    if (await fs.lstat(target.absolute).then(() => true, () => false)) {
      throw new DomainError('FORBIDDEN', FILE_ALREADY_EXIST);
    }
    try {
      await fs.mkdir(target.absolute, { recursive: true });
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST' || code === 'ENOTDIR') throw new DomainError('FORBIDDEN', FILE_ALREADY_EXIST);
      throw fileSystemError(e, PATH_NOT_FOUND);
    }
    return target;
  }

  /**
   * Opens a regular file for reading. FIFOs, sockets, devices and folders are
   * refused (a FIFO is opened without blocking and never read). The opened
   * file is checked to be the one the resolver confined to the root.
   */
  async openFile(storageId: string, filePath: string): Promise<OpenedFile> {
    const target = await this.resolve(storageId, filePath);
    let handle: FileHandle | undefined;
    try {
      handle = await fs.open(target.absolute, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOCTTY);
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new DomainError('BAD_REQUEST', 'The path is a folder, not a file');
      if (!stat.isFile()) throw new DomainError('BAD_REQUEST', 'Not a regular file');
      // What was opened must be what lies inside the root now (a symlink swapped in between is refused).
      const real = await fs.realpath(target.absolute);
      const realStat = await fs.stat(real);
      if (!isInside(target.realRoot, real) || realStat.ino !== stat.ino || realStat.dev !== stat.dev) {
        throw new DomainError('BAD_REQUEST', 'Path leads outside the storage');
      }
      const opened = handle;
      handle = undefined;
      const name = path.basename(target.absolute);
      return {
        name,
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        contentType: mimeContentType(name) || 'application/octet-stream',
        stream: (start, end) => this.traffic.countDownload(opened.createReadStream({ start, end, highWaterMark: DOWNLOAD_CHUNK, autoClose: true })),
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

  private async assertNotFolder(target: ResolvedPath): Promise<void> {
    const stat = await fs.stat(target.absolute).catch(() => undefined);
    if (stat?.isDirectory()) throw new DomainError('BAD_REQUEST', 'A folder exists at that path');
  }

  /** Stores a raw body as a file, created or replaced atomically. */
  async putFile(storageId: string, filePath: string, body: Readable, declaredLength?: number): Promise<{ path: string; size: number }> {
    const max = this.config.UPLOAD_MAX_BYTES;
    if (declaredLength !== undefined && declaredLength > max) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `The upload is larger than ${max} bytes`);
    }
    const target = await this.resolve(storageId, filePath, true, PATH_NOT_FOUND);
    if (target.relative === '') throw new DomainError('BAD_REQUEST', 'A folder exists at that path');
    await this.assertParentFolder(target);
    await this.assertNotFolder(target);
    try {
      const size = await writeStreamAtomic(body, target.absolute, { maxBytes: max });
      this.traffic.uploaded(size);
      return { path: target.relative, size };
    } catch (e) {
      throw receiveError(e);
    }
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
        if (index > 0) throw new DomainError('BAD_REQUEST', 'Only one file can be written to a file path; upload into a folder for more');
        return target;
      }
      const name = formFileName(part).join('/');
      return this.resolve(storageId, target.relative ? `${target.relative}/${name}` : name, true, PATH_NOT_FOUND);
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
    const madeFolders: string[] = [];
    let committed = 0;
    try {
      try {
        for await (const part of parts) {
          if (part.kind === 'field') {
            options.onField?.(part.name, part.value);
            continue;
          }
          const dest = await destFor(part, names.length);
          const above = ancestors(dest.absolute);
          if (folders.has(dest.absolute) || above.some((dir) => files.has(dir))) {
            throw new DomainError('BAD_REQUEST', `"${dest.relative}" is both a file and a folder in the form`);
          }
          if (options.exclusive && files.has(dest.absolute)) {
            throw new DomainError('BAD_REQUEST', `The form has two files named "${dest.relative}"`);
          }
          files.add(dest.absolute);
          for (const dir of above) folders.add(dir);
          await this.makeParentFolders(dest, madeFolders);
          const existing = await fs.stat(dest.absolute).catch(() => undefined);
          if (existing?.isDirectory()) throw new DomainError('BAD_REQUEST', 'A folder exists at that path');
          const file = await receiveToTemp(part.stream, dest.absolute, { maxBytes: budget });
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
      for (const dir of madeFolders.sort((a, b) => b.length - a.length)) await fs.rmdir(dir).catch(() => undefined);
      throw fileSystemError(e, PATH_NOT_FOUND);
    }
  }

  /** Makes the folders above a file of a form, noting those it made; a file in the way is a 400. */
  private async makeParentFolders(dest: FormDestination, made: string[]): Promise<void> {
    const dir = path.dirname(dest.absolute);
    const first = await fs.mkdir(dir, { recursive: true }).catch((e) => {
      const code = errnoOf(e);
      if (code === 'EEXIST' || code === 'ENOTDIR') {
        throw new DomainError('BAD_REQUEST', `"${dest.relative}" needs a folder where a file is`);
      }
      throw e;
    });
    if (first === undefined) return;
    for (let d = dir; ; d = path.dirname(d)) {
      made.push(d);
      if (d === first || d === path.dirname(d)) return;
    }
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
      const stat = await fs.lstat(target.absolute);
      if (!stat.isDirectory()) {
        await fs.unlink(target.absolute);
        return;
      }
      if (!recursive) {
        await fs.rmdir(target.absolute).catch((e) => {
          if (errnoOf(e) === 'ENOTEMPTY' || errnoOf(e) === 'EEXIST') {
            throw new DomainError('BAD_REQUEST', 'The folder is not empty: delete it with recursive=true');
          }
          throw e;
        });
        return;
      }
      await this.removeFolder(target.absolute, path.join(path.dirname(target.absolute), `${TEMP_PREFIX}deleted-${randomBytes(6).toString('hex')}`));
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
      let unzip = false;
      const files = await this.receiveForm(
        parts,
        async (part) => {
          const segments = formFileName(part);
          return { absolute: path.join(staging, ...segments), relative: segments.join('/') };
        },
        {
          exclusive: true,
          onField: (name, value) => {
            if (name !== 'unzip') return;
            const flag = booleanWord(value);
            if (flag === undefined) throw validationProblem([{ field: 'unzip', message: 'unzip must be "true" or "false"' }]);
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
    const folder = await this.uploadFolder(uploadId);
    try {
      await this.removeFolder(folder, path.join(this.uploadsDir, `${TEMP_PREFIX}deleted-${uploadId}`));
    } catch (e) {
      throw fileSystemError(e, 'Upload item not found');
    }
  }

  /**
   * Removes a folder with everything in it. It is first renamed to `trash`,
   * so it disappears at once and a crash leaves it to the sweep. When the
   * removal fails (a file it may not delete), what is left is renamed back:
   * nothing the removal could not delete is lost to the next sweep.
   */
  private async removeFolder(folder: string, trash: string): Promise<void> {
    await fs.rename(folder, trash);
    try {
      await fs.rm(trash, { recursive: true, force: true });
    } catch (e) {
      await fs.rename(trash, folder).catch((back) => {
        this.logger.error(`could not put ${folder} back after a failed delete (${(back as Error).message}); what is left is in ${trash}`);
      });
      throw e;
    }
  }
}
