import fc from 'fast-check';
import { isImageReference, isImageTag } from './dockerfile';

// The single expressions isImageReference and isImageTag replace (polynomial backtracking), kept as the reference.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^${NAME}(?::${TAG})?(?:@${DIGEST})?$`);
const TAG_REFERENCE = new RegExp(`^${NAME}(?::${TAG})?$`);

describe('image references, checked part by part', () => {
  it("agree with the single expressions of Docker's grammar on random references", () => {
    const char = fc.constantFrom('a', 'b', 'Z', '0', '9', '.', '_', '-', '/', ':', '@');
    const digest = `@sha256:${'ab12'.repeat(8)}`;
    fc.assert(
      fc.property(fc.array(char, { maxLength: 16 }), fc.boolean(), (chars, withDigest) => {
        const value = chars.join('') + (withDigest ? digest : '');
        expect([value, isImageReference(value)]).toEqual([value, REFERENCE.test(value)]);
        expect([value, isImageTag(value)]).toEqual([value, TAG_REFERENCE.test(value)]);
      }),
      { numRuns: 30_000 },
    );
  });

  it('keep the limits of tags and digests', () => {
    expect(isImageTag(`a:${'t'.repeat(128)}`)).toBe(true);
    expect(isImageTag(`a:${'t'.repeat(129)}`)).toBe(false);
    expect(isImageReference(`a@sha256:${'f'.repeat(32)}`)).toBe(true);
    expect(isImageReference(`a@sha256:${'f'.repeat(31)}`)).toBe(false);
    expect(isImageTag(`a@sha256:${'f'.repeat(32)}`)).toBe(false);
    expect(isImageReference('registry.example.com:5000/team/base:1.0')).toBe(true);
  });
});
