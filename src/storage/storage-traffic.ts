import { pipeline, Readable, Transform } from 'node:stream';

/**
 * Bytes the storages took in (files stored by uploads) and gave out (bytes
 * handed on for downloads) since the start, for the metrics.
 */
export class StorageTraffic {
  uploadedBytes = 0;
  downloadedBytes = 0;

  uploaded(bytes: number): void {
    this.uploadedBytes += bytes;
  }

  /**
   * A download stream that counts each chunk as it is handed on, so the count
   * is up to date before the bytes reach the client (a client that scrapes
   * the metrics right after its download sees them). An error of the file
   * stream reaches the returned one; destroying the returned one (a client
   * that went away) closes the file stream.
   */
  countDownload(source: Readable): Readable {
    const counted = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.downloadedBytes += chunk.length;
        done(null, chunk);
      },
    });
    pipeline(source, counted, () => undefined);
    return counted;
  }
}
