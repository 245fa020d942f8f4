import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOG_LINE_MAX_BYTES, LogFileWriter, readLastLines, repairLogFile } from './build-log-file';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('build log files', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'build-log-file-'));
    file = path.join(dir, 'b.log');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('appends lines in order and counts only what reached the file', async () => {
    const log = await LogFileWriter.open(file);
    log.append(['one', 'two']);
    log.append(['three: 한국어']);
    await log.flushed();
    expect(log.extent).toEqual({ lines: 3, bytes: Buffer.byteLength('one\ntwo\nthree: 한국어\n') });
    log.append(['four']);
    await log.close();
    expect(await fs.readFile(file, 'utf8')).toBe('one\ntwo\nthree: 한국어\nfour\n');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reads the newest lines, oldest first, up to the extent it is given', async () => {
    const log = await LogFileWriter.open(file);
    log.append(Array.from({ length: 10 }, (_, i) => `line ${i + 1}`));
    await log.flushed();
    const snapshot = log.extent;
    log.append(['written after the snapshot']);
    await log.close();
    expect(await collect(readLastLines(file, snapshot, 3))).toEqual(['line 8', 'line 9', 'line 10']);
    expect(await collect(readLastLines(file, snapshot, 10))).toEqual(
      Array.from({ length: 10 }, (_, i) => `line ${i + 1}`),
    );
    expect(await collect(readLastLines(file, snapshot, 50))).toHaveLength(10);
    expect(await collect(readLastLines(file, { lines: 0, bytes: 0 }, 5))).toEqual([]);
    expect(await collect(readLastLines(path.join(dir, 'missing.log'), snapshot, 5))).toEqual([]);
  });

  it('finds the newest lines across read chunks, with empty lines and long ones', async () => {
    const long = 'y'.repeat(100_000);
    const lines = ['first', '', long, ...Array.from({ length: 3000 }, (_, i) => `n${i}`), '', 'last'];
    const log = await LogFileWriter.open(file);
    log.append(lines);
    await log.close();
    const extent = log.extent;
    expect(extent).toEqual({ lines: lines.length, bytes: (await fs.stat(file)).size });
    const all = await collect(readLastLines(file, extent, lines.length));
    expect(all).toHaveLength(lines.length);
    expect(all[2]).toBe('y'.repeat(LOG_LINE_MAX_BYTES));
    expect(all.slice(3)).toEqual(lines.slice(3));
    expect(await collect(readLastLines(file, extent, 2))).toEqual(['', 'last']);
    expect(await collect(readLastLines(file, extent, 3003))).toEqual(
      lines.slice(2).map((l) => (l === long ? all[2] : l)),
    );
  });

  it('caps each line on a character boundary, when writing and when reading a file written by others', async () => {
    const log = await LogFileWriter.open(file);
    log.append(['가'.repeat(30_000)]); // 90,000 bytes
    await log.close();
    const [line] = await collect(readLastLines(file, { lines: 1, bytes: (await fs.stat(file)).size }, 1));
    expect(line).toBe('가'.repeat(Math.floor(LOG_LINE_MAX_BYTES / 3)));

    await fs.writeFile(file, `${'z'.repeat(3 * 1024 * 1024)}\nshort\n`);
    const read = await collect(readLastLines(file, { lines: 2, bytes: (await fs.stat(file)).size }, 2));
    expect(read).toEqual(['z'.repeat(LOG_LINE_MAX_BYTES), 'short']);
  });

  it('repairs a file a crash left with an unfinished last line, and counts its lines', async () => {
    await fs.writeFile(file, 'a\nb\nhalf a li');
    expect(await repairLogFile(file)).toEqual({ lines: 3, bytes: 14 });
    expect(await fs.readFile(file, 'utf8')).toBe('a\nb\nhalf a li\n');
    expect(await repairLogFile(file)).toEqual({ lines: 3, bytes: 14 });
    expect(await repairLogFile(path.join(dir, 'missing.log'))).toEqual({ lines: 0, bytes: 0 });
    // Appending goes on after what the file holds.
    const log = await LogFileWriter.open(file, { lines: 3, bytes: 14 });
    log.append(['d']);
    await log.close();
    expect(log.extent).toEqual({ lines: 4, bytes: 16 });
    expect(await collect(readLastLines(file, log.extent, 2))).toEqual(['half a li', 'd']);
  });

  it('says it is behind once a MiB waits for the disk, and is caught up once flushed', async () => {
    const writer = await LogFileWriter.open(file);
    const line = 'x'.repeat(1000);
    writer.append(Array.from({ length: 500 }, () => line));
    expect(writer.backlogged).toBe(false);
    writer.append(Array.from({ length: 600 }, () => line));
    expect(writer.backlogged).toBe(true);
    await writer.flushed();
    expect(writer.backlogged).toBe(false);
    await writer.close();
    expect(writer.extent).toEqual({ lines: 1100, bytes: 1100 * 1001 });
  });

  it('keeps at most a few MiB waiting for the disk and says in the log how many lines it left out', async () => {
    const log = await LogFileWriter.open(file);
    const line = 'x'.repeat(1023);
    // 8 MiB handed over at once, faster than any disk write completes.
    log.append(Array.from({ length: 8192 }, () => line));
    log.append(['after']);
    await log.close();
    const { lines } = log.extent;
    expect(lines).toBeLessThan(8192);
    const [last] = await collect(readLastLines(file, log.extent, 1));
    expect(last).toMatch(/^\[\d+ lines not kept: the log came faster than the disk took it\]$/);
    // Every line is either in the file or counted in that last one.
    expect(Number(/\d+/.exec(last)![0]) + lines - 1).toBe(8193);
  });
});
