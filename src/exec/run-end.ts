import { RunPhase } from './dto/exec-status.dto';
import { RunStatus } from './run-engine';
import { RunRecord } from './run-records';

/** The end state of a run whose container ended, and why: what the service asked for first, then what the engine saw. */
export function endOf(
  r: Pick<RunRecord, 'endCause' | 'timeoutSeconds'>,
  s: Pick<RunStatus, 'exitCode' | 'oomKilled' | 'reason'>,
): [RunPhase, string | null] {
  if (r.endCause === 'timeout') return ['failed', `timed out after ${r.timeoutSeconds} s`];
  if (r.endCause === 'stop') return ['canceled', 'stopped'];
  if (s.oomKilled) return ['failed', 'out of memory'];
  if (s.exitCode === 0) return ['succeeded', null];
  // Ended without running its command to an end (Swarm: a task rejected or orphaned).
  if (s.exitCode === null) return ['failed', s.reason ?? 'ended without an exit code'];
  return ['failed', `exit code ${s.exitCode}`];
}
