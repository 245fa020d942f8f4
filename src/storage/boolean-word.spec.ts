import { booleanWord } from './boolean-word';

describe('booleanWord', () => {
  it('reads exactly "true" and "false"', () => {
    expect(booleanWord('true')).toBe(true);
    expect(booleanWord('false')).toBe(false);
  });

  it.each(['yes', 'on', '1', '0', 'TRUE', ' true', '', 'no'])('refuses %j', (value) => {
    expect(booleanWord(value)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(booleanWord(true)).toBeUndefined();
    expect(booleanWord(['true'])).toBeUndefined();
    expect(booleanWord(undefined)).toBeUndefined();
  });
});
