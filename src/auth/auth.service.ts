import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { ANONYMOUS, Caller } from '../common/request-context';
import { AuthSessionDto, LogoutDto } from './dto/login.dto';
import { SESSION_COOKIE, SessionSigner, readSessionCookie, sessionSetCookie } from './session';
import { TokenSet, loadTokens } from './tokens';

/** Everything the access check needs to know about a request. */
export interface Credentials {
  authorization?: string;
  cookie?: string;
}

export type Authentication =
  | { ok: true; caller: Caller }
  | { ok: false; detail: string; invalidToken: boolean };

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Who may call the service: bearer tokens (API_TOKEN, API_TOKENS_FILE),
 * compared in constant time, and browser sessions opened with one of them
 * (an HttpOnly, SameSite=Strict cookie holding a signed session). With no
 * token configured, authentication is off and every caller is anonymous.
 */
@Injectable()
export class AuthService {
  readonly tokens: TokenSet;
  private readonly sessions: SessionSigner;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.tokens = loadTokens(config);
    this.sessions = new SessionSigner(undefined, (id) => this.tokens.digestOf(id));
  }

  get enabled(): boolean {
    return this.tokens.size > 0;
  }

  /** The caller a request's credentials stand for. A bearer header, when present, decides alone. */
  authenticate(credentials: Credentials): Authentication {
    if (!this.enabled) return { ok: true, caller: ANONYMOUS };
    if (credentials.authorization !== undefined) {
      const token = BEARER.exec(credentials.authorization)?.[1];
      const tokenId = token === undefined ? undefined : this.tokens.match(token);
      if (tokenId === undefined) return { ok: false, detail: 'The bearer token is not valid', invalidToken: true };
      return { ok: true, caller: { tokenId, via: 'bearer' } };
    }
    const session = this.sessions.verify(readSessionCookie(credentials.cookie));
    if (session) return { ok: true, caller: { tokenId: session.tokenId, via: 'cookie' } };
    return {
      ok: false,
      detail: credentials.cookie?.includes(`${SESSION_COOKIE}=`)
        ? 'The session has ended: log in again'
        : 'Authentication required: send Authorization: Bearer <token>, or log in (POST /api/auth/login) for a session cookie',
      invalidToken: false,
    };
  }

  /** Opens a browser session for a token: the Set-Cookie value and what to answer. */
  login(token: string, secure: boolean): { setCookie: string; session: AuthSessionDto } {
    if (!this.enabled) throw new DomainError('BAD_REQUEST', 'No API token is configured: authentication is off and no session is needed');
    const tokenId = this.tokens.match(token);
    if (tokenId === undefined) throw new DomainError('UNAUTHORIZED', 'The token is not valid');
    const ttl = this.config.SESSION_TTL_SECONDS;
    const { value, claims } = this.sessions.issue(tokenId, ttl);
    return {
      setCookie: sessionSetCookie(value, ttl, secure),
      session: { tokenId, expiresAt: new Date(claims.expiresAt).toISOString() },
    };
  }

  /** Ends the request's session (if any) and clears the cookie. */
  logout(cookieHeader: string | undefined, secure: boolean): { setCookie: string; result: LogoutDto } {
    this.sessions.revoke(readSessionCookie(cookieHeader));
    return {
      setCookie: sessionSetCookie('', 0, secure),
      result: { success: true },
    };
  }
}
