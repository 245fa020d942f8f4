import { CATALOG_NAME_PATTERN, NAME_PATTERN, canonicalName, nameMessage } from './name-pattern';

describe('NAME_PATTERN', () => {
  it('takes URL-safe names of 1-128 characters and refuses hidden, spaced or overlong ones', () => {
    for (const ok of ['a', 'mnist', 'A_b.c-1', 'x'.repeat(128)]) expect(NAME_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '.hidden', '-x', 'a b', 'a/b', '..', 'x'.repeat(129), 'é'])
      expect(NAME_PATTERN.test(bad)).toBe(false);
    expect(nameMessage('module_id')).toBe(
      'module_id must be 1-128 letters, digits, "_", "." or "-", starting with a letter or digit',
    );
  });
});

describe('CATALOG_NAME_PATTERN', () => {
  it('takes Unicode letters and digits with spaces, "_", "." and "-", and refuses "/", control characters and hidden names', () => {
    for (const ok of [
      '한국어 말뭉치',
      'mnist',
      'Café',
      'データ_1.0-beta',
      'नमस्ते',
      '٣ digits',
      'x'.repeat(128),
      '가'.repeat(128),
    ]) {
      expect([ok, CATALOG_NAME_PATTERN.test(ok)]).toEqual([ok, true]);
    }
    for (const bad of [
      '',
      ' lead',
      '.hidden',
      '..',
      '-x',
      'a/b',
      'a\\b',
      'tab\there',
      'new\nline',
      'nul\u0000',
      'rtl\u202eoverride',
      'x'.repeat(129),
      '😀',
    ]) {
      expect([bad, CATALOG_NAME_PATTERN.test(bad)]).toEqual([bad, false]);
    }
  });

  it('compares names in NFC form', () => {
    expect(canonicalName('Cafe\u0301')).toBe('Caf\u00e9');
    expect(canonicalName('한국어'.normalize('NFD'))).toBe('한국어');
  });
});
