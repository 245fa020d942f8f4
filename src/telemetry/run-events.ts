/** Statuses after which a run does nothing more (the engine's, and the run lifecycle's). */
const ENDED = new Set(['exited', 'dead', 'missing', 'succeeded', 'failed', 'canceled', 'lost']);
/** Statuses of a run that has not been let start yet. */
const WAITING = new Set(['queued']);

export type RunEvent = 'run.queued' | 'run.admitted' | 'run.ended';

/**
 * What a status change of a run means for the log: it was queued, it was
 * admitted (let start: the first status that is neither waiting nor ended),
 * or it ended. Other changes (starting → running, paused) are no event.
 */
export function runEventOf(previous: string | undefined, status: string): RunEvent | undefined {
  if (ENDED.has(status)) return previous !== undefined && ENDED.has(previous) ? undefined : 'run.ended';
  if (WAITING.has(status)) return previous === undefined ? 'run.queued' : undefined;
  return previous === undefined || WAITING.has(previous) ? 'run.admitted' : undefined;
}
