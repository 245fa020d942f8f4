import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { instanceIdIn, RunRecord, RunRecordStore, upgradeRecord } from './run-records';
import { endOf } from './run-end';
import { jsonObjectOrNull, linesDocument } from './run-files';

const record = (id: string, createdAt: string): RunRecord =>
  upgradeRecord({
    exec_id: id,
    srcPath: 'code',
    mainSrc: 'main.py',
    imageTag: 'img:1',
    inputPath: 'in',
    outputPath: 'out',
    userdata: { note: id },
    engine: 'docker',
    ref: `c-${id}`,
    createdAt,
  } as RunRecord);

describe('RunRecordStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'run-records-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps one file per run and reads them back in creation order', async () => {
    const store = new RunRecordStore(dir);
    await store.save(record('b', '2024-01-02T00:00:00.000Z'));
    await store.save(record('a', '2024-01-01T00:00:00.000Z'));
    expect((await fs.readdir(dir)).sort()).toEqual(['a.json', 'b.json']);
    const { records, unreadable } = await new RunRecordStore(dir).loadAll();
    expect(records.map((r) => r.exec_id)).toEqual(['a', 'b']);
    expect(records[0].userdata).toEqual({ note: 'a' });
    expect(unreadable).toEqual([]);
  });

  it('applies writes to one run in call order, and a removal after them wins', async () => {
    const store = new RunRecordStore(dir);
    const base = record('a', '2024-01-01T00:00:00.000Z');
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.save({ ...base, exitCode: n })));
    expect((JSON.parse(await fs.readFile(store.fileOf('a'), 'utf8')) as RunRecord).exitCode).toBe(5);
    void store.save({ ...base, exitCode: 9 });
    await store.remove('a');
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('leaves unreadable files alone and removes leftovers of interrupted writes', async () => {
    await fs.writeFile(path.join(dir, 'broken.json'), '{"exec_id": "bro');
    await fs.writeFile(path.join(dir, 'other.json'), JSON.stringify(record('not-other', '2024-01-01T00:00:00.000Z')));
    await fs.writeFile(path.join(dir, '.webapi-tmp-0123456789abcdef-x.json'), '{');
    const { records, unreadable } = await new RunRecordStore(dir).loadAll();
    expect(records).toEqual([]);
    expect(unreadable.map((f) => path.basename(f)).sort()).toEqual(['broken.json', 'other.json']);
    expect((await fs.readdir(dir)).sort()).toEqual(['broken.json', 'other.json']);
  });

  it('flush waits for every write asked for (the service stopping)', async () => {
    const store = new RunRecordStore(dir);
    void store.save(record('a', '2024-01-01T00:00:00.000Z'));
    void store.save({ ...record('a', '2024-01-01T00:00:00.000Z'), state: 'exited', exitCode: 0 });
    void store.save(record('b', '2024-01-02T00:00:00.000Z'));
    await store.flush();
    const saved: unknown = JSON.parse(await fs.readFile(store.fileOf('a'), 'utf8'));
    expect(saved).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(await fs.readFile(store.fileOf('b'), 'utf8')).toContain('"exec_id": "b"');
  });

  it('makes the instance id once and keeps it', async () => {
    const file = path.join(dir, 'exec', 'instance-id');
    const id = await instanceIdIn(file);
    expect(id).toMatch(/^[a-f0-9]{16}$/);
    expect(await instanceIdIn(file)).toBe(id);
    await fs.writeFile(file, 'garbage');
    await expect(instanceIdIn(file)).rejects.toThrow(/instance id/);
  });
});

describe('run files', () => {
  it('gives the JSON object, or null while missing, half-written or not an object', () => {
    expect(jsonObjectOrNull(Buffer.from('{"main_progress": 40}'))).toEqual({ main_progress: 40 });
    expect(jsonObjectOrNull(undefined)).toBeNull();
    expect(jsonObjectOrNull(Buffer.alloc(0))).toBeNull();
    expect(jsonObjectOrNull(Buffer.from('{"main_progress": 4'))).toBeNull();
    expect(jsonObjectOrNull(Buffer.from('[1,2]'))).toBeNull();
    expect(jsonObjectOrNull(Buffer.from('null'))).toBeNull();
  });

  it('writes lines as one JSON document, in pieces', async () => {
    async function* lines() {
      yield 'first "quoted"';
      yield '';
      for (let i = 0; i < 20000; i++) yield `line ${i}`;
    }
    const chunks: string[] = [];
    for await (const chunk of linesDocument(lines())) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(2);
    const doc = JSON.parse(chunks.join('')) as { lines: string[] };
    expect(doc.lines.slice(0, 3)).toEqual(['first "quoted"', '', 'line 0']);
    expect(doc.lines).toHaveLength(20002);
    async function* none() {}
    let empty = '';
    for await (const chunk of linesDocument(none())) empty += chunk;
    expect(JSON.parse(empty)).toEqual({ lines: [] });
  });
});

describe('run lifecycle facts', () => {
  it('reads records written before runs were jobs with the status their end tells', () => {
    expect(
      upgradeRecord({ ...record('a', 't'), status: undefined, state: 'exited', exitCode: 0 } as unknown as RunRecord),
    ).toMatchObject({ status: 'succeeded', reason: null, launched: true });
    expect(
      upgradeRecord({
        ...record('a', 't'),
        status: undefined,
        reason: undefined,
        state: 'exited',
        exitCode: 3,
      } as unknown as RunRecord),
    ).toMatchObject({ status: 'failed', reason: 'exit code 3' });
    expect(
      upgradeRecord({ ...record('a', 't'), status: undefined, state: 'missing' } as unknown as RunRecord).status,
    ).toBe('lost');
  });

  it('names honest end states: what the service asked for first, then what the engine saw', () => {
    expect(endOf({ timeoutSeconds: 5, endCause: 'timeout' }, { exitCode: 137, oomKilled: false })).toEqual([
      'failed',
      'timed out after 5 s',
    ]);
    expect(endOf({ timeoutSeconds: null, endCause: 'stop' }, { exitCode: 143, oomKilled: false })).toEqual([
      'canceled',
      'stopped',
    ]);
    expect(endOf({ timeoutSeconds: null }, { exitCode: 137, oomKilled: true })).toEqual(['failed', 'out of memory']);
    expect(endOf({ timeoutSeconds: null }, { exitCode: 0, oomKilled: false })).toEqual(['succeeded', null]);
    expect(endOf({ timeoutSeconds: null }, { exitCode: 2, oomKilled: false })).toEqual(['failed', 'exit code 2']);
  });
});
