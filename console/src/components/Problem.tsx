import { ApiError, describe } from '../api';

/** A failed call as the user reads it: the problem document's detail (field errors show beside their fields). */
export function Problem({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  return (
    <p class="problem" role="alert">
      {describe(error)}
      {requestId && <span class="muted"> (request {requestId})</span>}
    </p>
  );
}
