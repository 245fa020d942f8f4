import { validationProblem } from '../common/validation';

/**
 * Where a client resumes: the `Last-Event-ID` header (what EventSource
 * sends when it reconnects by itself) wins over `?after=` (what a client
 * puts in the URL). Undefined: from the start of what is held.
 */
export function resumePoint(lastEventId: string | undefined, after: number | undefined): number | undefined {
  if (lastEventId === undefined || lastEventId.trim() === '') return after;
  if (!/^\d{1,15}$/.test(lastEventId.trim())) {
    throw validationProblem([{ field: 'Last-Event-ID', message: 'Last-Event-ID must be the id of an event of this stream' }]);
  }
  return Number(lastEventId.trim());
}
