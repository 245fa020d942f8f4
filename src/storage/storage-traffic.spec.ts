import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { StorageTraffic } from './storage-traffic';

describe('StorageTraffic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traffic-'));
  const file = join(dir, 'blob.bin');
  writeFileSync(file, Buffer.alloc(300_000, 7));

  it('has counted every byte by the time the consumer holds the last one', async () => {
    const traffic = new StorageTraffic();
    const stream = traffic.countDownload(createReadStream(file, { highWaterMark: 1024 * 1024 }));
    let received = 0;
    const countedWhenAllReceived = await new Promise<number>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received === 300_000) resolve(traffic.downloadedBytes);
      });
    });
    expect(countedWhenAllReceived).toBe(300_000);
  });

  it('counts a range as what it holds', async () => {
    const traffic = new StorageTraffic();
    const chunks: Buffer[] = [];
    for await (const chunk of traffic.countDownload(createReadStream(file, { start: 100, end: 1099 }))) {
      chunks.push(chunk as Buffer);
    }
    expect(Buffer.concat(chunks)).toHaveLength(1000);
    expect(traffic.downloadedBytes).toBe(1000);
  });

  it('stops reading the file when the download is cut short, counting what was handed on', async () => {
    const traffic = new StorageTraffic();
    const source = createReadStream(file, { highWaterMark: 64 * 1024 });
    const stream = traffic.countDownload(source);
    await new Promise<void>((resolve) => {
      stream.once('data', () => {
        stream.destroy();
        source.once('close', () => resolve());
      });
    });
    expect(source.destroyed).toBe(true);
    expect(traffic.downloadedBytes).toBeGreaterThan(0);
    expect(traffic.downloadedBytes).toBeLessThan(300_000);
  });

  it('passes an error of the file on to the download', async () => {
    const traffic = new StorageTraffic();
    const failing = new Readable({ read() {} });
    const stream = traffic.countDownload(failing);
    const error = new Promise<Error>((resolve) => stream.once('error', resolve));
    failing.destroy(new Error('EIO: i/o error, read'));
    expect((await error).message).toBe('EIO: i/o error, read');
  });

  it('adds uploads', () => {
    const traffic = new StorageTraffic();
    traffic.uploaded(1000);
    traffic.uploaded(24);
    expect(traffic.uploadedBytes).toBe(1024);
  });
});
