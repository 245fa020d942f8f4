import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ID_PATTERN } from '../common/docker-values';

/** Id of the token given in API_TOKEN. */
export const DEFAULT_TOKEN_ID = 'default';
/** Shortest token accepted: a guessable token on a shared network is no token. */
export const MIN_TOKEN_LENGTH = 16;

export interface TokenSource {
  API_TOKEN?: string;
  API_TOKENS_FILE?: string;
}

interface Entry {
  id: string;
  /** SHA-256 of the token: what is compared and what session keys derive from. */
  digest: Buffer;
}

export class TokenError extends Error {}

const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * The bearer tokens the service accepts, each known by an id. Only digests
 * are kept; a candidate is compared to every one of them in constant time
 * (equal-length SHA-256 digests through timingSafeEqual), so neither the
 * answer's timing nor an early exit tells how close a guess was.
 */
export class TokenSet {
  private constructor(private readonly entries: readonly Entry[]) {}

  static of(tokens: { id: string; token: string }[]): TokenSet {
    const ids = new Set<string>();
    const digests = new Set<string>();
    const entries = tokens.map(({ id, token }, i) => {
      const where = `token ${i + 1} ("${id}")`;
      if (!ID_PATTERN.test(id)) throw new TokenError(`${where}: the id must match ${ID_PATTERN}`);
      if (ids.has(id)) throw new TokenError(`${where}: the id is used twice`);
      if (token.length < MIN_TOKEN_LENGTH)
        throw new TokenError(`${where}: a token needs at least ${MIN_TOKEN_LENGTH} characters`);
      if (/\s/.test(token)) throw new TokenError(`${where}: a token cannot contain white space`);
      const digest = digestOf(token);
      if (digests.has(digest.toString('hex'))) throw new TokenError(`${where}: the same token is given twice`);
      ids.add(id);
      digests.add(digest.toString('hex'));
      return { id, digest };
    });
    return new TokenSet(entries);
  }

  /** How many tokens there are; 0 means authentication is off. */
  get size(): number {
    return this.entries.length;
  }

  get ids(): string[] {
    return this.entries.map((e) => e.id);
  }

  /** The id of the token equal to the candidate, or undefined. Looks at every token whatever the outcome. */
  match(candidate: string): string | undefined {
    const digest = digestOf(candidate);
    let found: string | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(digest, entry.digest) && found === undefined) found = entry.id;
    }
    return found;
  }

  /** The digest of a token by id (a secret: session keys derive from it). */
  digestOf(id: string): Buffer | undefined {
    return this.entries.find((e) => e.id === id)?.digest;
  }
}

/** Parses a tokens file: one `id:token` a line; blank lines and lines starting with # are skipped. */
export function parseTokensFile(text: string): { id: string; token: string }[] {
  const tokens: { id: string; token: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    if (colon <= 0 || colon === line.length - 1) throw new TokenError(`line ${i + 1}: expected "id:token"`);
    tokens.push({ id: line.slice(0, colon).trim(), token: line.slice(colon + 1).trim() });
  });
  return tokens;
}

/** The tokens of API_TOKEN (id "default") and API_TOKENS_FILE together. Throws TokenError naming the problem. */
export function loadTokens(
  source: TokenSource,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): TokenSet {
  const tokens: { id: string; token: string }[] = [];
  if (source.API_TOKEN) tokens.push({ id: DEFAULT_TOKEN_ID, token: source.API_TOKEN.trim() });
  if (source.API_TOKENS_FILE) {
    let text: string;
    try {
      text = readFile(source.API_TOKENS_FILE);
    } catch (e) {
      throw new TokenError(`API_TOKENS_FILE: cannot read ${source.API_TOKENS_FILE}: ${(e as Error).message}`);
    }
    try {
      const fromFile = parseTokensFile(text);
      if (!fromFile.length) throw new TokenError('the file holds no token');
      tokens.push(...fromFile);
    } catch (e) {
      throw new TokenError(`API_TOKENS_FILE: ${(e as Error).message}`);
    }
  }
  try {
    return TokenSet.of(tokens);
  } catch (e) {
    throw new TokenError(
      `${source.API_TOKENS_FILE ? 'API_TOKEN/API_TOKENS_FILE' : 'API_TOKEN'}: ${(e as Error).message}`,
    );
  }
}
