import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { unwatchFile, watchFile } from 'node:fs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { ANONYMOUS, Caller } from '../common/request-context';
import { AuthSessionDto, LogoutDto } from './dto/login.dto';
import { SESSION_COOKIE, SessionSigner, readSessionCookie, sessionSetCookie } from './session';
import { TokenSet, loadTokens } from './tokens';

/** How often the tokens file is looked at for changes (milliseconds). */
const TOKENS_FILE_POLL_MS = 1000;

/** Everything the access check needs to know about a request. */
export interface Credentials {
  authorization?: string;
  cookie?: string;
}

export type Authentication = { ok: true; caller: Caller } | { ok: false; detail: string; invalidToken: boolean };

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Who may call the service: bearer tokens (API_TOKEN, API_TOKENS_FILE),
 * compared in constant time, and browser sessions opened with one of them
 * (an HttpOnly, SameSite=Strict cookie holding a signed session). With no
 * token configured at start, authentication is off and every caller is
 * anonymous.
 *
 * API_TOKENS_FILE is read again whenever it changes, so a token removed from
 * it is refused (and its sessions end) without a restart. A file that cannot
 * be read or parsed fails closed: only API_TOKEN stays valid until the file
 * is fixed, and authentication stays on.
 */
@Injectable()
export class AuthService implements OnModuleDestroy {
  private readonly logger = new Logger('Auth');
  private current: TokenSet;
  private readonly sessions: SessionSigner;
  /** Whether tokens are needed: decided at start, never turned off by a change of the tokens file. */
  readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.current = loadTokens(config);
    this.enabled = this.current.size > 0;
    this.sessions = new SessionSigner(undefined, (id) => this.current.digestOf(id));
    if (config.API_TOKENS_FILE)
      watchFile(config.API_TOKENS_FILE, { interval: TOKENS_FILE_POLL_MS, persistent: false }, () =>
        this.reloadTokens(),
      );
  }

  get tokens(): TokenSet {
    return this.current;
  }

  /** Reads the tokens again (API_TOKEN and API_TOKENS_FILE). */
  reloadTokens(): void {
    try {
      this.current = loadTokens(this.config);
      this.logger.log(`tokens reloaded from ${this.config.API_TOKENS_FILE}: ${this.current.ids.join(', ')}`);
    } catch (e) {
      this.current = loadTokens({ API_TOKEN: this.config.API_TOKEN });
      this.logger.error(`${(e as Error).message}; until it is fixed only API_TOKEN is accepted`);
    }
  }

  onModuleDestroy(): void {
    if (this.config.API_TOKENS_FILE) unwatchFile(this.config.API_TOKENS_FILE);
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
    if (!this.enabled)
      throw new DomainError(
        'BAD_REQUEST',
        'No API token is configured: authentication is off and no session is needed',
      );
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
