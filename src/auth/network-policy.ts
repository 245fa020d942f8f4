import { isIP } from 'node:net';

/** True for an address or name that only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

export class PolicyError extends Error {}

/**
 * Parses CORS_ORIGINS: comma-separated exact origins (`scheme://host[:port]`,
 * no path, no wildcard). Empty: no origin is granted CORS.
 */
export function parseOrigins(raw: string | undefined): string[] {
  const items = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [
    ...new Set(
      items.map((item) => {
        let url: URL;
        try {
          url = new URL(item);
        } catch {
          throw new PolicyError(`CORS_ORIGINS: "${item}" is not an origin like https://app.example.com`);
        }
        if (
          !['http:', 'https:'].includes(url.protocol) ||
          url.origin !== item.replace(/\/$/, '').toLowerCase() ||
          item.includes('*')
        ) {
          throw new PolicyError(`CORS_ORIGINS: "${item}" must be exactly scheme://host[:port] (no path, no wildcard)`);
        }
        return url.origin;
      }),
    ),
  ];
}

/** Splits a Host header value into a lower-case host name and an optional port. */
export function splitHost(value: string): { name: string; port?: string } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return undefined;
  return { name: m[1].toLowerCase().replace(/^\[(.*)\]$/, '$1'), port: m[2] };
}

/**
 * Which Host header values the service answers (against DNS rebinding: a page
 * whose name was re-pointed at this machine sends its own name as Host).
 * - ALLOWED_HOSTS set: exactly those names (`name` or `name:port`); `*` allows any.
 * - unset, listening on loopback: loopback names only (localhost, 127.x, ::1).
 * - unset, listening elsewhere: any (the bearer token is the protection).
 */
export class HostPolicy {
  private constructor(private readonly entries: { name: string; port?: string }[] | 'any' | 'loopback') {}

  static from(allowedHosts: string | undefined, listenHost: string): HostPolicy {
    const items = (allowedHosts ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!items.length) return new HostPolicy(isLoopback(listenHost) ? 'loopback' : 'any');
    if (items.includes('*')) return new HostPolicy('any');
    return new HostPolicy(
      items.map((item) => {
        const parsed = splitHost(item);
        if (!parsed) throw new PolicyError(`ALLOWED_HOSTS: "${item}" is not a host name or host:port`);
        return parsed;
      }),
    );
  }

  /** True when any Host header is answered (so a page whose name was rebound to this machine is too). */
  get answersAnyHost(): boolean {
    return this.entries === 'any';
  }

  /** What the policy is, for the start-up log. */
  describe(): string {
    if (this.entries === 'any') return 'any Host';
    if (this.entries === 'loopback') return 'loopback Host names only';
    return this.entries.map((e) => (e.port ? `${e.name}:${e.port}` : e.name)).join(', ');
  }

  allows(hostHeader: string | undefined): boolean {
    if (this.entries === 'any') return true;
    const host = hostHeader === undefined ? undefined : splitHost(hostHeader);
    if (!host) return false;
    if (this.entries === 'loopback') return isLoopback(host.name);
    return this.entries.some((e) => e.name === host.name && (e.port === undefined || e.port === host.port));
  }
}

export interface ExposureInput {
  HOST: string;
  ALLOW_UNAUTHENTICATED: boolean;
}

/**
 * Why the service must not start, or undefined: listening on an address other
 * machines can reach, with no token, is refused unless ALLOW_UNAUTHENTICATED
 * says it is meant (whoever reaches the API can run containers: root on this
 * machine).
 */
export function exposureRefusal(config: ExposureInput, tokenCount: number): string | undefined {
  if (tokenCount > 0 || isLoopback(config.HOST) || config.ALLOW_UNAUTHENTICATED) return undefined;
  return (
    `Refusing to listen on ${config.HOST} without authentication: anyone who can reach this address could ` +
    'start containers and read and write files on this machine. Set API_TOKEN (or API_TOKENS_FILE), listen on ' +
    '127.0.0.1, or set ALLOW_UNAUTHENTICATED=true if the network itself is trusted.'
  );
}

/**
 * Why the service must not start, or undefined: with ALLOW_UNAUTHENTICATED=true
 * and no token, a Host policy that answers any name (ALLOWED_HOSTS empty on a
 * non-loopback HOST, or `*`) lets any web page rebind its DNS name to this
 * machine and call the API from a visitor's browser. Names must be listed.
 */
export function rebindingRefusal(
  config: ExposureInput & { ALLOWED_HOSTS?: string },
  tokenCount: number,
): string | undefined {
  if (
    tokenCount > 0 ||
    !config.ALLOW_UNAUTHENTICATED ||
    !HostPolicy.from(config.ALLOWED_HOSTS, config.HOST).answersAnyHost
  )
    return undefined;
  return (
    'Refusing to start with ALLOW_UNAUTHENTICATED=true and no ALLOWED_HOSTS (or ALLOWED_HOSTS=*): any web page could ' +
    "re-point its DNS name at this machine and call the API from a visitor's browser (DNS rebinding). Set ALLOWED_HOSTS " +
    'to the host names clients use (e.g. ALLOWED_HOSTS=gpu.lab.example), or set API_TOKEN.'
  );
}
