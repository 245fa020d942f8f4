import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeZip, zerosZip } from '../../test/fixtures/zips';
import { UnzipLimits, extractZip, zipEntryCount } from './zip-extract';

const LIMITS: UnzipLimits = {
  maxEntries: 100,
  maxTotalBytes: 10 * 1024 * 1024,
  maxEntryBytes: 5 * 1024 * 1024,
  maxRatio: 100,
};

describe('extractZip', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'unzip-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  /** Writes the archive and extracts it into a fresh folder; returns the folder and the result. */
  async function extract(zip: Buffer, limits = LIMITS) {
    const case_ = path.join(dir, `case-${n++}`);
    const dest = path.join(case_, 'dest');
    await fs.mkdir(dest, { recursive: true });
    await fs.writeFile(path.join(case_, 'a.zip'), zip);
    const result = extractZip(path.join(case_, 'a.zip'), dest, limits);
    return { dest, case_, result };
  }

  async function filesUnder(folder: string): Promise<string[]> {
    const out: string[] = [];
    for (const e of await fs.readdir(folder, { withFileTypes: true, recursive: true })) {
      if (!e.isDirectory()) out.push(path.relative(folder, path.join(e.parentPath, e.name)));
    }
    return out.sort();
  }

  it('extracts files and folders and lists the files', async () => {
    const zip = await makeZip([
      { name: 'src/', directory: true },
      { name: 'src/main.py', data: 'print(1)\n' },
      { name: 'data/x.bin', data: Buffer.alloc(3000, 7), compress: false },
      { name: 'README', data: 'hi' },
    ]);
    const { dest, result } = await extract(zip);
    await expect(result).resolves.toEqual(['src/main.py', 'data/x.bin', 'README']);
    expect(await fs.readFile(path.join(dest, 'src/main.py'), 'utf8')).toBe('print(1)\n');
    expect((await fs.readFile(path.join(dest, 'data/x.bin'))).equals(Buffer.alloc(3000, 7))).toBe(true);
  });

  it.each([
    ['a ../ entry', 'AA/evil.txt', '../evil.txt'],
    ['a ..\\ entry', 'AA\\evil.txt', '..\\evil.txt'],
    ['a deeper ../ entry', 'ok/AA/AA/evil.txt', 'ok/../../evil.txt'],
    ['an absolute entry', 'Xtmp/evil.txt', '/tmp/evil.txt'],
  ])('refuses %s and writes nothing outside the folder', async (_label, placeholder, hostile) => {
    const zip = await makeZip(
      [
        { name: 'fine.txt', data: 'ok' },
        { name: placeholder.replace(/\\/g, '_'), data: 'evil' },
      ],
      {
        [placeholder.replace(/\\/g, '_')]: hostile,
      },
    );
    const { case_, result } = await extract(zip);
    await expect(result).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await filesUnder(case_)).not.toContain('evil.txt');
    await expect(fs.access('/tmp/evil.txt')).rejects.toThrow();
  });

  it('refuses a symlink entry, before writing anything', async () => {
    const zip = await makeZip([
      { name: 'a.txt', data: 'a' },
      { name: 'link', data: '/etc/passwd', mode: 0o120777 },
    ]);
    const { dest, result } = await extract(zip);
    await expect(result).rejects.toThrow(/symlink/);
    expect(await filesUnder(dest)).toEqual([]);
  });

  it('refuses a device entry', async () => {
    const zip = await makeZip([{ name: 'dev', data: '', mode: 0o020644 }]);
    await expect((await extract(zip)).result).rejects.toThrow(/device/);
  });

  it('refuses more entries than allowed, from the directory record', async () => {
    const zip = await makeZip(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    await expect(zipEntryCount(await writeTemp(zip))).resolves.toBe(6);
    await expect((await extract(zip, { ...LIMITS, maxEntries: 5 })).result).rejects.toThrow(/more than 5 entries/);
  });

  it('refuses an entry that expands past the ratio, counting the bytes written', async () => {
    const zip = await zerosZip('zeros.bin', 4 * 1024 * 1024);
    const { dest, result } = await extract(zip, { ...LIMITS, maxRatio: 50 });
    await expect(result).rejects.toThrow(/expands more than 50 times/);
    // The caller removes dest; what was written stopped at the limit.
    const written = await fs.stat(path.join(dest, 'zeros.bin')).then(
      (s) => s.size,
      () => 0,
    );
    expect(written).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('refuses archives past the total and per-entry sizes', async () => {
    const two = await makeZip([
      { name: 'a', data: Buffer.alloc(600_000, 1), compress: false },
      { name: 'b', data: Buffer.alloc(600_000, 2), compress: false },
    ]);
    await expect((await extract(two, { ...LIMITS, maxTotalBytes: 1_000_000 })).result).rejects.toThrow(
      /more than 1000000 bytes/,
    );
    await expect((await extract(two, { ...LIMITS, maxEntryBytes: 500_000 })).result).rejects.toThrow(
      /larger than 500000 bytes/,
    );
  });

  it('refuses an entry whose declared size lies', async () => {
    const zip = await makeZip([{ name: 'liar', data: Buffer.alloc(200_000, 3), compress: false }]);
    // Declared sizes (local and central) say 1000 bytes; the data is 200000.
    const patched = Buffer.from(zip);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(200_000);
    const small = Buffer.alloc(4);
    small.writeUInt32LE(1000);
    let at = patched.indexOf(Buffer.concat([size, size]));
    while (at >= 0) {
      small.copy(patched, at + 4);
      at = patched.indexOf(Buffer.concat([size, size]), at + 1);
    }
    await expect((await extract(patched)).result).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a file that is not a zip', async () => {
    await expect((await extract(Buffer.from('not a zip at all'))).result).rejects.toThrow(/not a zip/);
  });

  it('refuses two entries with the same name', async () => {
    const zip = await makeZip(
      [
        { name: 'same', data: '1' },
        { name: 'sam_', data: '2' },
      ],
      { sam_: 'same' },
    );
    await expect((await extract(zip)).result).rejects.toThrow(/collides/);
  });

  async function writeTemp(buffer: Buffer): Promise<string> {
    const file = path.join(dir, `tmp-${n++}.zip`);
    await fs.writeFile(file, buffer);
    return file;
  }
});
