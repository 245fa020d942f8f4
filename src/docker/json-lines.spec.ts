import { PassThrough } from 'node:stream';
import { JsonLinesParser, readJsonLines } from './json-lines';

function parse(chunks: Buffer[], maxLineBytes?: number): { values: unknown[]; skipped: number } {
  const values: unknown[] = [];
  const parser = new JsonLinesParser((v) => values.push(v), maxLineBytes);
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { values, skipped: parser.skipped };
}

describe('JsonLinesParser', () => {
  it('gives one object a line, whatever the chunking, multi-byte characters split across chunks included', () => {
    const text = '{"stream":"Step 1/2 : FROM busybox\\n"}\r\n\n{"stream":"한국어 ✓"}\n{"status":"done"}';
    const whole = Buffer.from(text);
    const expected = [{ stream: 'Step 1/2 : FROM busybox\n' }, { stream: '한국어 ✓' }, { status: 'done' }];
    expect(parse([whole]).values).toEqual(expected);
    const bytes = [...whole].map((b) => Buffer.from([b]));
    expect(parse(bytes)).toEqual({ values: expected, skipped: 0 });
  });

  it('skips and counts lines that are not JSON or too long, and goes on after them', () => {
    const long = `{"stream":"${'x'.repeat(1000)}"}`;
    const { values, skipped } = parse(
      [Buffer.from(`not json\n${long.slice(0, 300)}`), Buffer.from(`${long.slice(300)}\n{"ok":1}\n`)],
      500,
    );
    expect(values).toEqual([{ ok: 1 }]);
    expect(skipped).toBe(2);
  });

  it('splits a long stream in linear time', () => {
    const line = Buffer.from(`{"stream":"${'a'.repeat(60_000)}\\n"}\n`);
    let count = 0;
    const parser = new JsonLinesParser(() => count++);
    const started = Date.now();
    // 150 MB in 64 KiB chunks, as a socket delivers them.
    const chunk = Buffer.concat(Array.from({ length: 20 }, () => line));
    for (let i = 0; i < 125; i++) {
      for (let at = 0; at < chunk.length; at += 65536) parser.push(chunk.subarray(at, at + 65536));
    }
    parser.end();
    expect(count).toBe(2500);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('readJsonLines', () => {
  it('hands on every object, and resolves at the end of the stream', async () => {
    const stream = new PassThrough();
    const seen: unknown[] = [];
    const done = readJsonLines(stream, (v) => void seen.push(v));
    stream.write('{"a":1}\n{"a"');
    stream.end(':2}\n{"a":3}');
    await done;
    expect(seen).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('pauses the stream while the consumer is behind, and goes on once it caught up', async () => {
    const stream = new PassThrough();
    const seen: unknown[] = [];
    let release!: () => void;
    const behind = new Promise<void>((resolve) => (release = resolve));
    const done = readJsonLines(stream, (v) => {
      seen.push(v);
      return seen.length === 1 ? behind : undefined;
    });
    stream.write('{"n":1}\n');
    await new Promise((r) => setImmediate(r));
    expect(stream.isPaused()).toBe(true);
    stream.end('{"n":2}\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([{ n: 1 }]);
    release();
    await done;
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('resolves only once the consumer of the last objects caught up', async () => {
    const stream = new PassThrough();
    let caughtUp = false;
    const done = readJsonLines(
      stream,
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            caughtUp = true;
            resolve();
          }, 30),
        ),
    );
    stream.end('{"last":true}\n');
    await done;
    expect(caughtUp).toBe(true);
  });

  it('rejects with the error of the stream', async () => {
    const stream = new PassThrough();
    const done = readJsonLines(stream, () => undefined);
    stream.destroy(new Error('socket hang up'));
    await expect(done).rejects.toThrow('socket hang up');
  });
});
