import { promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeZip, patchCentral, zerosZip } from '../../test/fixtures/zips';
import { DomainError } from '../common/domain-error';
import * as streamToFile from './stream-to-file';
import { RATIO_GRACE_BYTES, UnzipLimits, extractZip, zipEntryCount } from './zip-extract';

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
    await expect((await extract(zip, { ...LIMITS, maxEntries: 5 })).result).rejects.toThrow(
      new DomainError('BAD_REQUEST', 'Archive refused: more than 5 entries'),
    );
    await expect((await extract(zip, { ...LIMITS, maxEntries: 6 })).result).resolves.toHaveLength(6);
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

  it('refuses archives past the total and per-entry sizes from the declared sizes, before writing anything', async () => {
    const two = await makeZip([
      { name: 'small', data: 'x' },
      { name: 'a', data: Buffer.alloc(600_000, 1), compress: false },
      { name: 'b', data: Buffer.alloc(600_000, 2), compress: false },
    ]);
    const total = await extract(two, { ...LIMITS, maxTotalBytes: 1_000_000 });
    await expect(total.result).rejects.toThrow(
      new DomainError('BAD_REQUEST', 'Archive refused: expands to more than 1000000 bytes'),
    );
    expect(await filesUnder(total.dest)).toEqual([]);
    const entry = await extract(two, { ...LIMITS, maxEntryBytes: 500_000 });
    await expect(entry.result).rejects.toThrow('Archive refused: entry "a" is larger than 500000 bytes');
    expect(await filesUnder(entry.dest)).toEqual([]);
  });

  it('takes an archive at its limits exactly', async () => {
    const zip = await makeZip([
      { name: 'a', data: Buffer.alloc(600_000, 1), compress: false },
      { name: 'b', data: Buffer.alloc(600_000, 2) },
    ]);
    const limits = { ...LIMITS, maxEntries: 2, maxEntryBytes: 600_000, maxTotalBytes: 1_200_000 };
    await expect((await extract(zip, limits)).result).resolves.toEqual(['a', 'b']);
  });

  it('holds an entry past 1 MiB to the ratio only: a stored entry of 2 MiB extracts, and a small very compressible one too', async () => {
    const stored = await makeZip([{ name: 'big.bin', data: Buffer.alloc(2 * 1024 * 1024, 9), compress: false }]);
    const big = await extract(stored, { ...LIMITS, maxRatio: 2 });
    await expect(big.result).resolves.toEqual(['big.bin']);
    expect((await fs.stat(path.join(big.dest, 'big.bin'))).size).toBe(2 * 1024 * 1024);
    const zeros = await zerosZip('zeros.bin', RATIO_GRACE_BYTES);
    await expect((await extract(zeros, { ...LIMITS, maxRatio: 50 })).result).resolves.toEqual(['zeros.bin']);
  });

  it('counts the bytes written against the limits when declared sizes lie, naming the limit reached', async () => {
    // A first honest entry of 500000 bytes, then 600000 zero bytes declared as 1000: the total limit is reached while writing.
    const total = patchCentral(
      await makeZip([
        { name: 'honest', data: Buffer.alloc(500_000, 1), compress: false },
        { name: 'liar', data: Buffer.alloc(600_000) },
      ]),
      'liar',
      { uncompressedSize: 1000 },
    );
    await expect((await extract(total, { ...LIMITS, maxTotalBytes: 1_000_000 })).result).rejects.toThrow(
      'Archive refused: expands to more than 1000000 bytes',
    );
    // 1.5 MiB of zeros declared as 1000 bytes, past a per-entry limit that equals the ratio's grace: the size is named.
    const entry = patchCentral(await zerosZip('liar', 1.5 * 1024 * 1024), 'liar', { uncompressedSize: 1000 });
    await expect(
      (await extract(entry, { ...LIMITS, maxEntryBytes: RATIO_GRACE_BYTES, maxRatio: 100 })).result,
    ).rejects.toThrow(`Archive refused: entry "liar" is larger than ${RATIO_GRACE_BYTES} bytes`);
  });

  it('refuses an entry whose data does not match its checksum, or does not inflate', async () => {
    const zip = await makeZip([{ name: 'a.txt', data: 'hello world' }]);
    const crc = patchCentral(zip, 'a.txt', { crc32: 0x12345678 });
    await expect((await extract(crc)).result).rejects.toThrow(
      'Archive refused: entry "a.txt" is damaged (size or checksum differs)',
    );
    // The deflate data begins after the local header (30 bytes and the name): block type 3 does not exist.
    const broken = Buffer.from(zip);
    broken[30 + 'a.txt'.length] = 0x07;
    await expect((await extract(broken)).result).rejects.toThrow(/^Archive refused: entry "a.txt" is damaged \(.+\)$/);
  });

  it('refuses encrypted entries and unknown compression methods; a folder has no data to decompress', async () => {
    const zip = await makeZip([
      { name: 'dir/', directory: true },
      { name: 'a.txt', data: 'hello' },
    ]);
    await expect((await extract(patchCentral(zip, 'a.txt', { flags: 0x1 }))).result).rejects.toThrow(
      'Archive refused: entry "a.txt" is encrypted',
    );
    await expect((await extract(patchCentral(zip, 'a.txt', { compressionMethod: 12 }))).result).rejects.toThrow(
      'Archive refused: entry "a.txt" uses an unsupported compression method',
    );
    await expect((await extract(patchCentral(zip, 'dir/', { compressionMethod: 12 }))).result).resolves.toEqual([
      'a.txt',
    ]);
  });

  it('reads file types from the mode only in archives made on Unix', async () => {
    const zip = await makeZip([
      // Made on Unix: a folder by its mode, though its name has no "/"; a file whose mode has no type bits.
      { name: 'made-dir', data: '', mode: 0o040755 },
      { name: 'plain.txt', data: 'plain' },
      // Made on DOS: attribute bits that would read as a symlink mean nothing; a folder by its "/".
      { name: 'dos.txt', data: 'dos', mode: 0o120777 },
      { name: 'dos-dir/', directory: true },
    ]);
    let patched = patchCentral(zip, 'plain.txt', { externalAttributes: 0 });
    patched = patchCentral(patched, 'dos.txt', { versionMadeBy: 0x0014 });
    patched = patchCentral(patched, 'dos-dir/', { versionMadeBy: 0x0014, externalAttributes: 0x10 });
    const { dest, result } = await extract(patched);
    await expect(result).resolves.toEqual(['plain.txt', 'dos.txt']);
    expect((await fs.stat(path.join(dest, 'made-dir'))).isDirectory()).toBe(true);
    expect((await fs.stat(path.join(dest, 'dos-dir'))).isDirectory()).toBe(true);
    expect(await fs.readFile(path.join(dest, 'dos.txt'), 'utf8')).toBe('dos');
  });

  it('creates a folder entry with its missing parents, and skips entries that name the folder itself', async () => {
    const zip = await makeZip(
      [
        { name: 'a/b/c/', directory: true },
        { name: 'ZZZZZ', data: 'nothing' },
        { name: 'a/b/c/d.txt', data: 'd' },
      ],
      { ZZZZZ: '././.' },
    );
    const { dest, result } = await extract(zip);
    await expect(result).resolves.toEqual(['a/b/c/d.txt']);
    expect(await filesUnder(dest)).toEqual(['a/b/c/d.txt']);
  });

  it('refuses a folder or a file that would go where a file already is', async () => {
    const folder = await makeZip([
      { name: 'x', data: '1' },
      { name: 'x/', directory: true },
    ]);
    await expect((await extract(folder)).result).rejects.toThrow(
      'Archive refused: entry "x/" collides with another entry (EEXIST)',
    );
    const file = await makeZip([
      { name: 'x', data: '1' },
      { name: 'x/y', data: '2' },
    ]);
    await expect((await extract(file)).result).rejects.toThrow(
      /^Archive refused: entry "x\/y" collides with another entry \(E[A-Z]+\)$/,
    );
  });

  it('names at most 200 characters of a refused entry name', async () => {
    const zip = await makeZip([{ name: 'a'.repeat(300), data: 'x' }]);
    await expect((await extract(zip)).result).rejects.toThrow(
      new DomainError(
        'BAD_REQUEST',
        `Archive refused: entry "${'a'.repeat(200)}" would leave the extraction folder or has an invalid name`,
      ),
    );
  });

  describe('when writing an entry fails', () => {
    afterEach(() => jest.restoreAllMocks());

    async function failingWith(error: unknown) {
      jest.spyOn(streamToFile, 'streamIntoFile').mockRejectedValue(error);
      return (await extract(await makeZip([{ name: 'a.txt', data: 'hello' }]))).result;
    }
    const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

    it.each(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM'])(
      'passes on %s: the server, not the archive, is at fault',
      async (code) => {
        await expect(failingWith(errno(code))).rejects.toMatchObject({ code, message: `${code}: failed` });
      },
    );

    it.each(['EEXIST', 'ENOTDIR', 'EISDIR'])('reports %s as a collision', async (code) => {
      await expect(failingWith(errno(code))).rejects.toThrow(
        new DomainError('BAD_REQUEST', 'Archive refused: entry "a.txt" collides with another entry'),
      );
    });

    it('reports another error as a damaged entry', async () => {
      await expect(failingWith(errno('Z_DATA_ERROR'))).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: 'Archive refused: entry "a.txt" is damaged (Z_DATA_ERROR: failed)',
      });
    });

    it("passes on a refusal of its own, and reports a size limit as the archive's", async () => {
      await expect(failingWith(new DomainError('INSUFFICIENT_STORAGE', 'full'))).rejects.toMatchObject({
        code: 'INSUFFICIENT_STORAGE',
        message: 'full',
      });
      await expect(failingWith(new DomainError('PAYLOAD_TOO_LARGE', 'too large'))).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: 'Archive refused: entry "a.txt" expands more than 100 times',
      });
    });
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

  it('refuses an archive whose central directory cannot be read', async () => {
    const end = endRecord(1);
    end.writeUInt32LE(46, 12); // a directory of 46 bytes at offset 0: ten bytes of junk
    await expect((await extract(Buffer.concat([Buffer.alloc(10, 0x41), end]))).result).rejects.toThrow(
      /^Archive refused: not a readable zip archive \(.+\)$/,
    );
  });

  it('extracts an empty archive into nothing', async () => {
    const zip = await makeZip([]);
    expect(zip).toHaveLength(22);
    await expect(zipEntryCount(await writeTemp(zip))).resolves.toBe(0);
    await expect((await extract(zip)).result).resolves.toEqual([]);
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

  /** An end-of-central-directory record declaring `count` entries, without a comment. */
  function endRecord(count: number): Buffer {
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    return end;
  }

  describe('zipEntryCount', () => {
    const three = [
      { name: 'a', data: 'a' },
      { name: 'b', data: 'b' },
      { name: 'c', data: 'c' },
    ];

    it('finds the end record behind an archive comment', async () => {
      const zip = await makeZip(three, {}, { comment: 'made for a test' });
      await expect(zipEntryCount(await writeTemp(zip))).resolves.toBe(3);
    });

    it('reads the count of a zip64 archive from its zip64 record, and refuses a damaged one', async () => {
      const zip = await makeZip(three, {}, { forceZip64Format: true });
      await expect(zipEntryCount(await writeTemp(zip))).resolves.toBe(3);
      await expect((await extract(zip)).result).resolves.toEqual(['a', 'b', 'c']);
      const damaged = Buffer.from(zip);
      damaged[damaged.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])) + 3] = 0x07;
      await expect(zipEntryCount(await writeTemp(damaged))).rejects.toThrow(
        new DomainError('BAD_REQUEST', 'Archive refused: damaged zip64 directory'),
      );
    });

    it('takes 65535 entries at their word when no zip64 locator precedes the end record', async () => {
      await expect(zipEntryCount(await writeTemp(endRecord(0xffff)))).resolves.toBe(0xffff);
      const afterJunk = Buffer.concat([Buffer.alloc(20, 0x41), endRecord(0xffff)]);
      await expect(zipEntryCount(await writeTemp(afterJunk))).resolves.toBe(0xffff);
      await expect((await extract(afterJunk)).result).rejects.toThrow('Archive refused: more than 100 entries');
    });

    it('closes the archive it reads', async () => {
      const fds = () => readdirSync('/proc/self/fd').length;
      const good = await writeTemp(await makeZip(three));
      const bad = await writeTemp(Buffer.from('not a zip'));
      const before = fds();
      for (let i = 0; i < 20; i++) {
        await zipEntryCount(good);
        await zipEntryCount(bad).catch(() => undefined);
      }
      expect(fds() - before).toBeLessThan(5);
    });
  });

  async function writeTemp(buffer: Buffer): Promise<string> {
    const file = path.join(dir, `tmp-${n++}.zip`);
    await fs.writeFile(file, buffer);
    return file;
  }
});
