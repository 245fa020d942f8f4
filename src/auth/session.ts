import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Name of the session cookie set by POST /api/auth/login. */
export const SESSION_COOKIE = 'webapi_session';

export interface SessionClaims {
  /** Id of the token the session was opened with. */
  tokenId: string;
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
  /** Random id of this session (logout revokes it). */
  nonce: string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * Signed, stateless browser sessions: `<payload>.<HMAC-SHA256>`, base64url.
 * The signing key of a session is HMAC(serverSecret, digest of its token), so
 * a session dies when the service restarts (a new secret), when its token is
 * removed or changed, when it expires, or when it is logged out (its nonce is
 * remembered as revoked until it would have expired).
 */
export class SessionSigner {
  private readonly revoked = new Map<string, number>();

  constructor(
    private readonly serverSecret: Buffer = randomBytes(32),
    /** The digest of the token with this id, or undefined when there is none. */
    private readonly tokenDigest: (id: string) => Buffer | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session for a token id, valid for ttlSeconds. */
  issue(tokenId: string, ttlSeconds: number): { value: string; claims: SessionClaims } {
    const key = this.keyFor(tokenId);
    if (!key) throw new Error(`no token "${tokenId}"`);
    const claims: SessionClaims = {
      tokenId,
      expiresAt: this.now() + ttlSeconds * 1000,
      nonce: randomBytes(12).toString('hex'),
    };
    const payload = b64(JSON.stringify({ t: claims.tokenId, e: claims.expiresAt, n: claims.nonce }));
    return { value: `${payload}.${b64(createHmac('sha256', key).update(payload).digest())}`, claims };
  }

  /** The claims of a genuine, unexpired, not revoked session; undefined for anything else. */
  verify(value: string | undefined): SessionClaims | undefined {
    if (!value || value.length > 1024) return undefined;
    const dot = value.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = value.slice(0, dot);
    let claims: SessionClaims;
    try {
      const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        t?: unknown;
        e?: unknown;
        n?: unknown;
      };
      if (typeof raw.t !== 'string' || typeof raw.e !== 'number' || typeof raw.n !== 'string') return undefined;
      claims = { tokenId: raw.t, expiresAt: raw.e, nonce: raw.n };
    } catch {
      return undefined;
    }
    const key = this.keyFor(claims.tokenId);
    if (!key) return undefined;
    const expected = createHmac('sha256', key).update(payload).digest();
    const signature = value.slice(dot + 1);
    const given = Buffer.from(signature, 'base64url');
    // Only the canonical spelling: base64 leaves the last character's low bits free.
    if (given.length !== expected.length || b64(given) !== signature || !timingSafeEqual(given, expected))
      return undefined;
    if (claims.expiresAt <= this.now() || this.revoked.has(claims.nonce)) return undefined;
    return claims;
  }

  /** Revokes a session (logout); a session that does not verify is ignored. */
  revoke(value: string | undefined): void {
    const claims = this.verify(value);
    if (!claims) return;
    const now = this.now();
    for (const [nonce, expiresAt] of this.revoked) if (expiresAt <= now) this.revoked.delete(nonce);
    this.revoked.set(claims.nonce, claims.expiresAt);
  }

  private keyFor(tokenId: string): Buffer | undefined {
    const digest = this.tokenDigest(tokenId);
    return digest && createHmac('sha256', this.serverSecret).update(digest).digest();
  }
}

/** The Set-Cookie value carrying a session (or clearing it, with an empty value and maxAge 0). */
export function sessionSetCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  if (!/^[A-Za-z0-9_.-]*$/.test(value)) throw new Error('a session value is base64url');
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/api',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The session cookie's value in a Cookie header, if there is one. */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE)
      return part
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}
