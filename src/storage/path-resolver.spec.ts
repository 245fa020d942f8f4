import * as fc from 'fast-check';
import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import {
  MAX_PATH_LENGTH,
  PathResolver,
  assertInsideRoot,
  isInside,
  pathSegments,
  relativeNameSegments,
  splitStorageRef,
} from './path-resolver';

/** The error `fn` throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

/** The real path of the deepest existing part of `p`. */
async function deepestReal(p: string): Promise<string> {
  for (;;) {
    try {
      return await fs.realpath(p);
    } catch {
      p = path.dirname(p);
    }
  }
}

describe('pathSegments', () => {
  it.each([
    ['a parent segment', '../etc/passwd'],
    ['a parent segment deeper', 'a/../../b'],
    ['the parent alone', '..'],
    ['a parent above the root', '/../etc/passwd'],
    ['a parent after a rooted slash', '//a/../../b'],
    ['backslashes', 'a\\..\\b'],
    ['a Windows parent', '..\\x'],
    ['NUL', 'a\u0000b'],
    ['a newline', 'a\nb'],
    ['a 256-byte name', 'x'.repeat(256)],
    ['a 4200-byte path', 'a/'.repeat(2100)],
    ['a temporary name', '.webapi-tmp-123-x'],
  ])('refuses %s', (_label, p) => {
    expect(() => pathSegments(p)).toThrow(DomainError);
  });

  it.each([
    ['a parent segment', 'a/../b', 'Path may not contain ".."'],
    ['a backslash', 'a\\b', 'Path contains a backslash'],
    ['a control character', 'a\u007fb', 'Path contains a control character'],
    ['a temporary name', 'a/.webapi-tmp-1', 'A name in the path is reserved'],
    ['a 256-byte name', 'é'.repeat(128), 'A name in the path is too long'],
  ])('tells the client what is wrong with %s', (_label, p, message) => {
    expect(() => pathSegments(p)).toThrow(message);
  });

  it('refuses a value that is not a string', () => {
    expect(thrown(() => pathSegments(42 as unknown as string))).toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'Path must be a string',
    });
  });

  it('takes a path of up to 4096 bytes, counting bytes, not characters', () => {
    const name = 'a'.repeat(255);
    const longest = Array(16).fill(name).join('/') + '/'; // 4096 characters and bytes
    expect(longest).toHaveLength(MAX_PATH_LENGTH);
    expect(pathSegments(longest)).toHaveLength(16);
    expect(() => pathSegments(longest + 'b')).toThrow('Path is too long');
    // 2-byte characters: 2048 characters are 4096 bytes; one more byte is too long, though far fewer than 4096 characters.
    const wide = Array(16).fill('é'.repeat(127)).join('/') + '/' + 'é'.repeat(8);
    expect(Buffer.byteLength(wide)).toBe(MAX_PATH_LENGTH);
    expect(pathSegments(wide)).toHaveLength(17);
    expect(wide.length).toBeLessThan(MAX_PATH_LENGTH);
    expect(() => pathSegments(wide + 'x')).toThrow('Path is too long');
  });

  it('keeps ordinary names, drops empty segments and "."', () => {
    expect(pathSegments('a//b/./c d/%2e%2e%2f/é.png')).toEqual(['a', 'b', 'c d', '%2e%2e%2f', 'é.png']);
    expect(pathSegments('')).toEqual([]);
    expect(pathSegments('...')).toEqual(['...']);
  });

  it('roots a leading slash at the storage', () => {
    expect(pathSegments('/')).toEqual([]);
    expect(pathSegments('//')).toEqual([]);
    expect(pathSegments('/datasets/mnist')).toEqual(['datasets', 'mnist']);
    expect(pathSegments('//x/./y/')).toEqual(['x', 'y']);
    expect(pathSegments('/%2F%2Fetc')).toEqual(['%2F%2Fetc']);
  });

  it('counts the length in bytes', () => {
    expect(() => pathSegments('가'.repeat(86))).toThrow('too long'); // 258 bytes
    expect(pathSegments('가'.repeat(85))).toHaveLength(1); // 255 bytes
  });
});

describe('relativeNameSegments', () => {
  it('refuses a name that begins with "/", and checks the rest like a path', () => {
    expect(thrown(() => relativeNameSegments('/etc/passwd'))).toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'A name may not begin with "/"',
    });
    expect(relativeNameSegments('a/b/')).toEqual(['a', 'b']);
    expect(relativeNameSegments('a//b')).toEqual(['a', 'b']);
    expect(() => relativeNameSegments('a/../../b')).toThrow('Path may not contain ".."');
    expect(() => relativeNameSegments(7 as unknown as string)).toThrow('Path must be a string');
  });
});

describe('splitStorageRef', () => {
  it('splits "<storageId>:<path>" and nothing else', () => {
    expect(splitStorageRef('main:a/b:c')).toEqual({ storageId: 'main', path: 'a/b:c' });
    expect(splitStorageRef('main:')).toEqual({ storageId: 'main', path: '' });
    expect(splitStorageRef('train.py')).toBeUndefined();
    expect(splitStorageRef('dir/file')).toBeUndefined();
    expect(splitStorageRef(':a')).toBeUndefined();
    expect(splitStorageRef('a/b:c')).toBeUndefined();
  });
});

describe('isInside', () => {
  it('compares with a separator', () => {
    expect(isInside('/x/root', '/x/root')).toBe(true);
    expect(isInside('/x/root', '/x/root/a')).toBe(true);
    expect(isInside('/x/root', '/x/root2')).toBe(false);
    expect(isInside('/x/root', '/x/root2/a')).toBe(false);
    expect(isInside('/', '/anything')).toBe(true);
  });
});

describe('PathResolver on a real folder with symlinks', () => {
  let base: string;
  let root: string;
  let resolver: PathResolver;

  beforeAll(async () => {
    base = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'resolver-')));
    root = path.join(base, 'root');
    const sibling = path.join(base, 'root2');
    const outside = path.join(base, 'outside');
    await fs.mkdir(path.join(root, 'dir', 'sub'), { recursive: true });
    await fs.mkdir(sibling);
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'secret'), 'secret');
    await fs.writeFile(path.join(root, 'dir', 'file'), 'x');
    await fs.symlink(outside, path.join(root, 'out'));
    await fs.symlink(path.join(outside, 'secret'), path.join(root, 'dir', 'secret-link'));
    await fs.symlink(sibling, path.join(root, 'sib'));
    await fs.symlink('../root2', path.join(root, 'sib-rel'));
    await fs.symlink('dir/sub', path.join(root, 'in'));
    await fs.symlink('/nonexistent/target', path.join(root, 'dangling'));
    await fs.symlink('loop', path.join(root, 'loop'));
    resolver = new PathResolver([
      { id: 'main', name: 'main', path: root },
      { id: 'other', name: 'other', path: sibling },
    ]);
  });
  afterAll(() => fs.rm(base, { recursive: true, force: true }));

  it('resolves inside paths and follows symlinks that stay inside', async () => {
    await expect(resolver.resolve('main', 'dir/file')).resolves.toMatchObject({
      relative: 'dir/file',
      absolute: path.join(root, 'dir/file'),
    });
    await expect(resolver.resolve('main', 'in/new-file')).resolves.toMatchObject({ relative: 'in/new-file' });
    await expect(resolver.resolve('main', '')).resolves.toMatchObject({ relative: '', absolute: root });
    await expect(resolver.resolve('main', '/')).resolves.toMatchObject({ relative: '', absolute: root });
    await expect(resolver.resolve('main', '/dir/file')).resolves.toMatchObject({
      relative: 'dir/file',
      absolute: path.join(root, 'dir/file'),
    });
  });

  it.each([
    'out',
    'out/secret',
    'out/new',
    'dir/secret-link',
    'sib',
    'sib-rel/x',
    'dangling',
    'dangling/x',
    '/out',
    '//out/secret',
    '/sib-rel/x',
  ])('refuses %j, which leads outside the root', async (p) => {
    await expect(resolver.resolve('main', p)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'Path leads outside the storage',
    });
  });

  it('refuses a symlink loop, saying so', async () => {
    await expect(resolver.resolve('main', 'loop/x')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'Path has a symlink loop',
    });
  });

  it('resolves the root itself when the last segment is not followed (it has none)', async () => {
    await expect(resolver.resolve('main', '/', { followFinalSymlink: false })).resolves.toMatchObject({
      relative: '',
      absolute: root,
    });
  });

  it('passes on a file system error other than a missing part', async () => {
    // A name longer than the file system takes: realpath fails with ENAMETOOLONG, which is not "does not exist yet".
    await expect(assertInsideRoot(root, path.join(root, 'x'.repeat(300)))).rejects.toMatchObject({
      code: 'ENAMETOOLONG',
    });
    await expect(assertInsideRoot(root, path.join(root, 'dir', 'new', 'deeper'))).resolves.toBeUndefined();
  });

  it('names a symlink itself when the last segment is not followed', async () => {
    await expect(resolver.resolve('main', 'out', { followFinalSymlink: false })).resolves.toMatchObject({
      absolute: path.join(root, 'out'),
    });
    await expect(resolver.resolve('main', 'out/secret', { followFinalSymlink: false })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('resolves storage references', async () => {
    await expect(resolver.resolveRef('other:a/b')).resolves.toMatchObject({
      storage: { id: 'other' },
      relative: 'a/b',
    });
    await expect(resolver.resolveRef('other:/a/b')).resolves.toMatchObject({
      storage: { id: 'other' },
      relative: 'a/b',
    });
    await expect(resolver.resolveRef('main:/')).resolves.toMatchObject({ storage: { id: 'main' }, relative: '' });
    await expect(resolver.resolveRef('/dir/file')).resolves.toMatchObject({
      storage: { id: 'main' },
      relative: 'dir/file',
    });
    await expect(resolver.resolveRef('dir/file')).resolves.toMatchObject({ storage: { id: 'main' } });
    await expect(resolver.resolveRef('dir')).resolves.toMatchObject({ storage: { id: 'main' }, relative: 'dir' });
    await expect(resolver.resolveRef('nope:a')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'Unknown storage "nope"',
    });
    expect(thrown(() => resolver.storage('nope'))).toMatchObject({ code: 'NOT_FOUND', detail: 'Storage not found' });
  });

  const NAMES = [
    'dir',
    'sub',
    'file',
    'out',
    'secret',
    'secret-link',
    'sib',
    'sib-rel',
    'in',
    'dangling',
    'loop',
    'new',
    '..',
    '.',
    '',
    'root2',
    '%2e%2e',
    '..\\',
    '\\',
    '\u0000',
    'é',
  ];
  const generatedPath = fc.oneof(
    fc.array(fc.constantFrom(...NAMES), { maxLength: 8 }).map((s) => s.join('/')),
    fc
      .tuple(fc.constantFrom('', '/', '//', '../', './'), fc.array(fc.constantFrom(...NAMES), { maxLength: 6 }))
      .map(([p, s]) => p + s.join('/')),
    fc.string({ unit: fc.constantFrom('a', '.', '/', '\\', '%', '2', 'e', 'f', '\u0000', ' '), maxLength: 40 }),
    fc.string({ maxLength: 60 }),
  );

  it('property: any generated path is refused or resolves inside the root (real path included)', async () => {
    const realRoot = await fs.realpath(root);
    await fc.assert(
      fc.asyncProperty(generatedPath, fc.boolean(), async (p, follow) => {
        let resolved;
        try {
          resolved = await resolver.resolve('main', p, { followFinalSymlink: follow });
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          return;
        }
        expect(isInside(root, resolved.absolute)).toBe(true);
        expect(path.resolve(resolved.absolute)).toBe(resolved.absolute);
        const checked = follow || resolved.relative === '' ? resolved.absolute : path.dirname(resolved.absolute);
        expect(isInside(realRoot, await deepestReal(checked))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a storage never reaches into its sibling that shares its name as a prefix', async () => {
    await fc.assert(
      fc.asyncProperty(generatedPath, async (p) => {
        const resolved = await resolver.resolve('main', p).catch(() => undefined);
        if (resolved) expect(isInside(path.join(base, 'root2'), await deepestReal(resolved.absolute))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
