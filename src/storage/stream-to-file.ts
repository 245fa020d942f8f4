import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error';
import { fsyncDir, tempPathFor } from '../store/atomic-file';

export interface ReceiveOptions {
  /** Most bytes accepted; one more is a 413 and nothing is kept. */
  maxBytes: number;
  /** Text of the 413. */
  tooLargeDetail?: string;
}

const ignore = () => undefined;

/** The source ended before its end (a client that went away), as an error. */
export class SourceAbortedError extends Error {
  constructor() {
    super('The upload was interrupted');
  }
}

/**
 * Copies a stream into a new file (`flags` 'wx': never an existing one) with
 * backpressure, counting bytes, and resolves once the file is flushed to disk
 * (fsync) and closed. Never buffers more than the streams' own high-water
 * marks. On failure the file is closed (the caller removes it) and the source
 * is left paused and unpiped, not destroyed: the caller may still answer on
 * its connection.
 */
export function streamIntoFile(source: Readable, file: string, options: ReceiveOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const sink = createWriteStream(file, { flags: 'wx', mode: 0o644, flush: true, highWaterMark: 1024 * 1024 });
    let bytes = 0;
    let settled = false;
    const cleanup = () => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', fail);
      source.off('close', onClose);
      sink.off('drain', onDrain);
      sink.off('error', fail);
      sink.off('close', onSinkClose);
    };
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      // Later errors of either stream (a write still pending, the client going away) have nothing left to tell.
      sink.on('error', ignore);
      source.on('error', ignore);
      source.pause();
      // Settle once the file is closed: the caller then removes it, and an open still under way cannot recreate it.
      if (sink.closed) reject(e);
      else {
        sink.once('close', () => reject(e));
        sink.destroy();
      }
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        fail(
          new DomainError(
            'PAYLOAD_TOO_LARGE',
            options.tooLargeDetail ?? `The upload is larger than ${options.maxBytes} bytes`,
          ),
        );
        return;
      }
      if (!sink.write(chunk)) source.pause();
    };
    const onDrain = () => source.resume();
    const onEnd = () => sink.end();
    const onClose = () => {
      if (!source.readableEnded) fail(new SourceAbortedError());
    };
    const onSinkClose = () => {
      if (settled) return;
      if (!sink.writableFinished) {
        fail(new Error('The file closed before it was written'));
        return;
      }
      settled = true;
      cleanup();
      resolve(bytes);
    };
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', fail);
    source.on('close', onClose);
    sink.on('drain', onDrain);
    sink.on('error', fail);
    sink.on('close', onSinkClose);
    if (source.readableEnded) sink.end();
    else if (source.destroyed) fail(new SourceAbortedError());
    else source.resume();
  });
}

/** A stream received into a temporary file next to its target, not yet in place. */
export interface ReceivedFile {
  temp: string;
  target: string;
  bytes: number;
}

/**
 * Receives a stream into a temporary file in the target's folder, flushed to
 * disk. Nothing appears under the target name until `commitReceived`; on any
 * failure the temporary file is removed.
 */
export async function receiveToTemp(source: Readable, target: string, options: ReceiveOptions): Promise<ReceivedFile> {
  const temp = tempPathFor(target);
  try {
    return { temp, target, bytes: await streamIntoFile(source, temp, options) };
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Puts a received file in place: rename over the target (or, `exclusive`,
 * only where nothing is), then fsync of the folder. On failure the temporary
 * file is removed.
 */
export async function commitReceived(file: ReceivedFile, exclusive = false): Promise<void> {
  try {
    if (exclusive) {
      // link() fails when the target exists, where rename() would replace it.
      await fs.link(file.temp, file.target);
      await fs.unlink(file.temp);
    } else {
      await fs.rename(file.temp, file.target);
    }
  } catch (e) {
    await discardReceived(file);
    throw e;
  }
  await fsyncDir(path.dirname(file.target)).catch(() => undefined);
}

/** Removes a received file that will not be put in place. */
export function discardReceived(file: ReceivedFile): Promise<void> {
  return fs.rm(file.temp, { force: true }).catch(() => undefined);
}

/**
 * Writes a stream to `target` atomically: a temporary file in the same
 * folder, fsync, rename over the target, fsync of the folder. On any failure
 * (a client that disconnects, the size limit, a full disk) the temporary file
 * is removed and nothing is left under the target name. `exclusive` refuses to
 * replace an existing target. Resolves with the number of bytes written.
 */
export async function writeStreamAtomic(
  source: Readable,
  target: string,
  options: ReceiveOptions & { exclusive?: boolean },
): Promise<number> {
  const received = await receiveToTemp(source, target, options);
  await commitReceived(received, options.exclusive);
  return received.bytes;
}
