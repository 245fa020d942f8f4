import type { Readable } from 'node:stream';

/**
 * Bytes the storages took in (files stored by uploads) and gave out (bytes
 * read for downloads) since the start, for the metrics.
 */
export class StorageTraffic {
  uploadedBytes = 0;
  downloadedBytes = 0;

  uploaded(bytes: number): void {
    this.uploadedBytes += bytes;
  }

  /** Counts what a download stream read from its file, once it is closed (ended, or cut by the client). */
  countDownload<T extends Readable & { bytesRead: number }>(stream: T): T {
    stream.once('close', () => (this.downloadedBytes += stream.bytesRead));
    return stream;
  }
}
