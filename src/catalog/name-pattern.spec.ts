import { NAME_PATTERN, nameMessage } from './name-pattern';

describe('NAME_PATTERN', () => {
  it('takes URL-safe names of 1-128 characters and refuses hidden, spaced or overlong ones', () => {
    for (const ok of ['a', 'mnist', 'A_b.c-1', 'x'.repeat(128)]) expect(NAME_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '.hidden', '-x', 'a b', 'a/b', '..', 'x'.repeat(129), 'é']) expect(NAME_PATTERN.test(bad)).toBe(false);
    expect(nameMessage('module_id')).toBe('module_id must be 1-128 letters, digits, "_", "." or "-", starting with a letter or digit');
  });
});
