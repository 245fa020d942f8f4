import fc from 'fast-check';
import { opensHeredoc, validateBuildSpec } from './dockerfile';

/** The regular expression opensHeredoc replaces: right, but exponential on `$a$a$a...<`. Kept here as the reference. */
const REFERENCE = /(^|\s)(?:\$(?:[\w@*#?!$-]+|\{[^}]*\}))*\d*<<-?[^<\s]/;

function millisecondsOf(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

describe('opensHeredoc', () => {
  it('agrees with the reference expression on every short line of shell-ish characters', () => {
    const char = fc.constantFrom('$', '{', '}', '<', '-', ' ', '\t', 'a', '_', '1', '0', '@', '#', '(', "'", 'E');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 14 }), (chars) => {
        const line = chars.join('');
        expect(opensHeredoc(line)).toBe(REFERENCE.test(line));
      }),
      { numRuns: 20_000 },
    );
  });

  it('finds heredocs behind expansions the greedy reading would miss', () => {
    expect(opensHeredoc('cat $a${b}<<EOF')).toBe(true);
    expect(opensHeredoc('cat $a$b12<<EOF')).toBe(true);
    expect(opensHeredoc('cat ${a b}<<EOF')).toBe(true);
    expect(opensHeredoc('cat x<<EOF')).toBe(false);
    expect(opensHeredoc('cat <<')).toBe(false);
  });

  it.each([
    ['echo + $a x28 + <', `echo ${'$a'.repeat(28)}<`],
    ['echo + $a x40 + <', `echo ${'$a'.repeat(40)}<`],
    ['a full line of $a', `echo ${'$a'.repeat(4090)}<`],
    ['a full line of unclosed ${', `${'${ '.repeat(2700)}<`],
  ])('decides %s in linear time (under 50 ms)', (_what, line) => {
    expect(
      millisecondsOf(() =>
        expect(validateBuildSpec({ name: 'x', baseImage: 'busybox', additionalCommand: line })).toEqual([]),
      ),
    ).toBeLessThan(50);
  });
});
