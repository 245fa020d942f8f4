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

export type AuditEntry = RequestAuditEntry | ContainerAuditEntry;

export function outcomeOf(status: number): Outcome {
  if (status < 400) return 'ok';
  if (status < 500) return 'refused';
  return 'failed';
}

/** The entry as one line: JSON without line breaks, ending in a newline. */
export function auditLine(entry: AuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}
