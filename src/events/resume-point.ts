import { validationProblem } from '../common/validation';

/**
 * Where a client resumes: the `Last-Event-ID` header (what EventSource
 * sends when it reconnects by itself) wins over `?after=` (what a client
 * puts in the URL). Undefined: from the start of what is held.
 */
export function resumePoint(lastEventId: string | undefined, after: number | undefined): number | undefined {
  if (lastEventId === undefined || lastEventId.trim() === '') return after;
  const id = lastEventId.trim();
  if (!/^\d{1,16}$/.test(id) || !Number.isSafeInteger(Number(id))) {
    throw validationProblem([
      { field: 'Last-Event-ID', message: 'Last-Event-ID must be the id of an event of this stream' },
    ]);
  }
  return Number(id);
}
