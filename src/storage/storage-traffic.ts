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

  /**
   * Counts what a download stream read from its file once: at its end (before
   * the last bytes leave the service, so a scrape after a finished download
   * sees them), or at its close when the client cut it short.
   */
  countDownload<T extends Readable & { bytesRead: number }>(stream: T): T {
    let counted = false;
    const count = () => {
      if (counted) return;
      counted = true;
      this.downloadedBytes += stream.bytesRead;
    };
    stream.once('end', count);
    stream.once('close', count);
    return stream;
  }
}
