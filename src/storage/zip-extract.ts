import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as unzipper from 'unzipper';
import { crc32 } from 'node:zlib';
import { DomainError } from '../common/domain-error';
import { relativeNameSegments } from './path-resolver';
import { streamIntoFile } from './stream-to-file';

/** Limits on what one archive may expand to. */
export interface UnzipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Largest expanded/compressed ratio of one entry (applies past RATIO_GRACE_BYTES). */
  maxRatio: number;
}

/** Entries smaller than this are not held to the ratio: a small file of one repeated byte compresses very well. */
export const RATIO_GRACE_BYTES = 1024 * 1024;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

const refused = (detail: string) => new DomainError('BAD_REQUEST', `Archive refused: ${detail}`);

/**
 * Number of entries an archive's end-of-central-directory record declares
 * (zip64 included), read before the central directory itself, so a huge
 * directory is refused without being loaded.
 */
export async function zipEntryCount(file: string): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw refused('not a zip archive');
    const count = tail.readUInt16LE(eocd + 10);
    if (count !== 0xffff || eocd < 20 || tail.readUInt32LE(eocd - 20) !== 0x07064b50) return count;
    const zip64Offset = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const record = Buffer.alloc(56);
    const { bytesRead } = await handle.read(record, 0, 56, zip64Offset);
    if (bytesRead < 56 || record.readUInt32LE(0) !== 0x06064b50) throw refused('damaged zip64 directory');
    return Number(record.readBigUInt64LE(32));
  } finally {
    await handle.close();
  }
}

interface PlannedEntry {
  entry: unzipper.File;
  segments: string[];
  isDir: boolean;
}

/** Checks every entry of the central directory before anything is written. */
function plan(files: unzipper.File[], limits: UnzipLimits): PlannedEntry[] {
  if (files.length > limits.maxEntries) throw refused(`more than ${limits.maxEntries} entries`);
  let declared = 0;
  const planned: PlannedEntry[] = [];
  for (const entry of files) {
    const name = entry.path;
    let segments: string[];
    try {
      if (name.includes('\\')) throw new Error();
      segments = relativeNameSegments(name);
    } catch {
      throw refused(`entry "${name.slice(0, 200)}" would leave the extraction folder or has an invalid name`);
    }
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    const fromUnix = entry.versionMadeBy >> 8 === 3;
    if (fromUnix && mode === S_IFLNK) throw refused(`entry "${name}" is a symlink`);
    if (fromUnix && mode !== 0 && mode !== S_IFDIR && mode !== S_IFREG)
      throw refused(`entry "${name}" is a device, FIFO or socket`);
    const isDir = name.endsWith('/') || (fromUnix && mode === S_IFDIR);
    if (entry.flags & 0x1) throw refused(`entry "${name}" is encrypted`);
    if (!isDir && entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw refused(`entry "${name}" uses an unsupported compression method`);
    }
    if (segments.length === 0) continue;
    if (!isDir) {
      if (entry.uncompressedSize > limits.maxEntryBytes)
        throw refused(`entry "${name}" is larger than ${limits.maxEntryBytes} bytes`);
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) throw refused(`expands to more than ${limits.maxTotalBytes} bytes`);
    }
    planned.push({ entry, segments, isDir });
  }
  return planned;
}

/**
 * Extracts a zip archive into `dest` (a folder the caller owns, e.g. a
 * staging folder that is renamed into place afterwards). Refuses entries that
 * would leave the folder (`..`, `..\`, absolute names), symlink and device
 * entries, encrypted entries and archives past the limits, counting the
 * bytes actually written (declared sizes can lie). Existing files are never
 * replaced. Returns the files extracted, as relative paths. On a refusal the
 * caller removes `dest`.
 */
export async function extractZip(archive: string, dest: string, limits: UnzipLimits): Promise<string[]> {
  if ((await zipEntryCount(archive)) > limits.maxEntries) throw refused(`more than ${limits.maxEntries} entries`);
  let directory: unzipper.CentralDirectory;
  try {
    directory = await unzipper.Open.file(archive);
  } catch (e) {
    throw refused(`not a readable zip archive (${(e as Error).message})`);
  }
  const planned = plan(directory.files, limits);
  const files: string[] = [];
  let total = 0;
  for (const { entry, segments, isDir } of planned) {
    const target = path.join(dest, ...segments);
    if (isDir) {
      await fs.mkdir(target, { recursive: true }).catch((e) => {
        throw refused(`entry "${entry.path}" collides with another entry (${(e as NodeJS.ErrnoException).code})`);
      });
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true }).catch((e) => {
      throw refused(`entry "${entry.path}" collides with another entry (${(e as NodeJS.ErrnoException).code})`);
    });
    const ratioCap = Math.max(RATIO_GRACE_BYTES, Math.floor(limits.maxRatio * Math.max(1, entry.compressedSize)));
    const remaining = limits.maxTotalBytes - total;
    const cap = Math.min(limits.maxEntryBytes, remaining, ratioCap);
    const reason =
      cap === ratioCap && ratioCap < Math.min(limits.maxEntryBytes, remaining)
        ? `entry "${entry.path}" expands more than ${limits.maxRatio} times`
        : cap === remaining
          ? `expands to more than ${limits.maxTotalBytes} bytes`
          : `entry "${entry.path}" is larger than ${limits.maxEntryBytes} bytes`;
    let crc = 0;
    const stream = entry.stream();
    stream.on('data', (chunk: Buffer) => (crc = crc32(chunk, crc)));
    const written = await streamIntoFile(stream, target, { maxBytes: cap }).catch((e) => {
      stream.destroy();
      if (e instanceof DomainError && e.code === 'PAYLOAD_TOO_LARGE') throw refused(reason);
      if (e instanceof DomainError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR')
        throw refused(`entry "${entry.path}" collides with another entry`);
      if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EACCES' || code === 'EPERM') throw e;
      throw refused(`entry "${entry.path}" is damaged (${(e as Error).message})`);
    });
    if (written !== entry.uncompressedSize || crc >>> 0 !== entry.crc32 >>> 0) {
      throw refused(`entry "${entry.path}" is damaged (size or checksum differs)`);
    }
    total += written;
    files.push(segments.join('/'));
  }
  return files;
}
