import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageTraffic } from './storage-traffic';

describe('StorageTraffic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traffic-'));
  const file = join(dir, 'blob.bin');
  writeFileSync(file, Buffer.alloc(300_000, 7));

  it('counts a download by the time its last byte is handed on, before the file is closed', async () => {
    const traffic = new StorageTraffic();
    const stream = traffic.countDownload(createReadStream(file));
    let closed = false;
    stream.once('close', () => (closed = true));
    const counted = await new Promise<number>((resolve) => {
      stream.on('data', () => undefined);
      stream.once('end', () => setImmediate(() => resolve(traffic.downloadedBytes)));
    });
    expect(counted).toBe(300_000);
    expect(closed).toBe(false);
  });

  it('counts a download cut short once, by what was read', async () => {
    const traffic = new StorageTraffic();
    const stream = traffic.countDownload(createReadStream(file, { highWaterMark: 64 * 1024 }));
    await new Promise<void>((resolve) => {
      stream.once('data', () => {
        stream.destroy();
        stream.once('close', () => resolve());
      });
    });
    expect(traffic.downloadedBytes).toBe(stream.bytesRead);
    expect(traffic.downloadedBytes).toBeGreaterThan(0);
    expect(traffic.downloadedBytes).toBeLessThan(300_000);
  });

  it('adds uploads', () => {
    const traffic = new StorageTraffic();
    traffic.uploaded(1000);
    traffic.uploaded(24);
    expect(traffic.uploadedBytes).toBe(1024);
  });
});
