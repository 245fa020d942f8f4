import { Caller } from '../common/request-context';

/** Methods of the calls that change something: each one is audited. */
export const CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Outcome = 'ok' | 'refused' | 'failed' | 'aborted';

/** One line of the audit log, for a changing HTTP call. */
export interface RequestAuditEntry {
  time: string;
  event: 'request';
  requestId: string;
  method: string;
  /** The route pattern that answered (e.g. /api/exec/stop/:exec_id); null when none matched. */
  route: string | null;
  /** The path called, without its query. */
  path: string;
  status: number;
  outcome: Outcome;
  /** Id of the caller's token (never the token); null when anonymous or refused. */
  tokenId: string | null;
  via: Caller['via'];
  ip: string;
  durationMs: number;
}

/** One line of the audit log, for a container the service created, with its final configuration. */
export interface ContainerAuditEntry {
  time: string;
  event: 'container.create';
  requestId: string | null;
  tokenId: string | null;
  containerId: string | null;
  outcome: 'ok' | 'failed';
  error?: string;
  /** The create body sent to the engine, exactly. */
  config: unknown;
}

/** One line of the audit log, for a Swarm job the service created (RUN_BACKEND=swarm), with its final configuration. */
export interface ServiceAuditEntry {
  time: string;
  event: 'service.create';
  requestId: string | null;
  tokenId: string | null;
  serviceId: string | null;
  outcome: 'ok' | 'failed';
  error?: string;
  /** The service create body sent to the engine, exactly. */
  config: unknown;
}

export type AuditEntry = RequestAuditEntry | ContainerAuditEntry | ServiceAuditEntry;

export function outcomeOf(status: number): Outcome {
  if (status < 400) return 'ok';
  if (status < 500) return 'refused';
  return 'failed';
}

/**
 * The entry as one line: JSON without line breaks, ending in a newline, at
 * most `maxBytes` long. A longer entry (a refused request with a 13 KB path,
 * a container created with a long command) has its long strings cut, shorter
 * and shorter, each ending with how much was left out, and is marked
 * `truncated: true`; if that is not enough, only its short fields are kept.
 */
export function auditLine(entry: AuditEntry, maxBytes = Infinity): string {
  const line = JSON.stringify(entry);
  if (Buffer.byteLength(line) < maxBytes) return `${line}\n`;
  for (let limit = 1024; limit >= 16; limit = Math.floor(limit / 2)) {
    const cut = JSON.stringify({ ...(cutStrings(entry, limit) as object), truncated: true });
    if (Buffer.byteLength(cut) < maxBytes) return `${cut}\n`;
  }
  const short = Object.fromEntries(
    Object.entries(cutStrings(entry, 64) as object).filter(([, v]) => v === null || typeof v !== 'object'),
  );
  return `${JSON.stringify({ ...short, truncated: true })}\n`;
}

/** The value with every string longer than `limit` characters cut, saying how many characters were left out. */
function cutStrings(value: unknown, limit: number): unknown {
  if (typeof value === 'string')
    return value.length > limit ? `${value.slice(0, limit)}…[${value.length - limit} more]` : value;
  if (Array.isArray(value)) return value.map((v) => cutStrings(v, limit));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutStrings(v, limit)]));
  return value;
}
