import { createHash } from 'node:crypto';
import { SESSION_COOKIE, SessionSigner, readSessionCookie, sessionSetCookie } from './session';

const digests: Record<string, Buffer> = { default: createHash('sha256').update('token-one-0123456789').digest() };
const secret = Buffer.alloc(32, 7);

function signer(now = () => 1_000_000) {
  return new SessionSigner(secret, (id) => digests[id], now);
}

describe('browser sessions', () => {
  it('verifies what it issued, with the token id and expiry', () => {
    const s = signer();
    const { value, claims } = s.issue('default', 60);
    expect(claims).toMatchObject({ tokenId: 'default', expiresAt: 1_000_000 + 60_000 });
    expect(s.verify(value)).toEqual(claims);
  });

  it('refuses a tampered, truncated, foreign or garbage value', () => {
    const s = signer();
    const { value } = s.issue('default', 60);
    const [payload, sig] = value.split('.');
    const forged = Buffer.from(JSON.stringify({ t: 'default', e: 9e15, n: 'x' })).toString('base64url');
    for (const bad of [
      `${forged}.${sig}`,
      `${payload}.${sig.slice(1)}`,
      `${payload}.`,
      payload,
      '',
      'a.b',
      '.'.repeat(3),
      `${payload}.${sig}x`,
    ]) {
      expect(s.verify(bad)).toBeUndefined();
    }
    expect(new SessionSigner(Buffer.alloc(32, 8), (id) => digests[id]).verify(value)).toBeUndefined();
  });

  it('ends at expiry, at logout, and when its token is gone or changed', () => {
    let now = 1_000_000;
    const s = signer(() => now);
    const { value } = s.issue('default', 60);
    now += 59_000;
    expect(s.verify(value)).toBeDefined();
    now += 1_000;
    expect(s.verify(value)).toBeUndefined();

    now = 1_000_000;
    const other = s.issue('default', 60).value;
    s.revoke(other);
    expect(s.verify(other)).toBeUndefined();
    expect(s.verify(s.issue('default', 60).value)).toBeDefined();

    const fresh = s.issue('default', 60).value;
    digests.default = createHash('sha256').update('a-new-token-0123456789').digest();
    expect(s.verify(fresh)).toBeUndefined();
  });

  it('writes an HttpOnly, SameSite=Strict cookie for /api and reads it back from a Cookie header', () => {
    expect(sessionSetCookie('abc.def', 3600, false)).toBe(
      `${SESSION_COOKIE}=abc.def; Path=/api; Max-Age=3600; HttpOnly; SameSite=Strict`,
    );
    expect(sessionSetCookie('abc.def', 3600, true)).toMatch(/; Secure$/);
    expect(() => sessionSetCookie('a;b', 1, false)).toThrow();
    expect(readSessionCookie(`theme=dark; ${SESSION_COOKIE}=abc.def ; x=1`)).toBe('abc.def');
    expect(readSessionCookie('theme=dark')).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
  });
});
