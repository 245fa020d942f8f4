import * as path from 'node:path';
import { TEMP_PREFIX, isTempNameOf, tempPathFor } from './atomic-file';

describe('tempPathFor', () => {
  it.each([
    ['a short name', 'list.json'],
    ['80 Korean characters (240 bytes + extension)', `${'가'.repeat(80)}.txt`],
    ['255 ASCII bytes', 'a'.repeat(255)],
    ['emoji (4-byte characters, surrogate pairs)', '😀'.repeat(63)],
  ])('keeps the temporary name of %s within 255 bytes, whole characters, in the same folder', (_label, name) => {
    const target = path.join('/data/dir', name);
    const temp = tempPathFor(target);
    expect(path.dirname(temp)).toBe('/data/dir');
    const base = path.basename(temp);
    expect(base.startsWith(TEMP_PREFIX)).toBe(true);
    expect(Buffer.byteLength(base)).toBeLessThanOrEqual(255);
    expect(base).not.toContain('\uFFFD');
    expect(Buffer.from(base).toString()).toBe(base);
    expect(isTempNameOf(base, target)).toBe(true);
    expect(isTempNameOf(base, path.join('/data/dir', `x${name}`))).toBe(false);
  });

  it('tells its temporaries from other names', () => {
    expect(isTempNameOf('.webapi-tmp-0123456789abcdef-list.json', '/d/list.json')).toBe(true);
    expect(isTempNameOf('.webapi-tmp-0123456789abcdef-other.json', '/d/list.json')).toBe(false);
    expect(isTempNameOf('.webapi-tmp-0123456789abcdef-xlist.json', '/d/list.json')).toBe(false);
    expect(isTempNameOf('list.json', '/d/list.json')).toBe(false);
  });
});
