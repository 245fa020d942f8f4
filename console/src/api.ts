import { createApiClient, createEventStreams, type components } from '../../openapi/client';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'];

/**
 * The console's one client of the API: the generated, typed client on the
 * page's own origin. The browser sends the session cookie by itself (same
 * origin); there is no token in the page.
 */
export const api = createApiClient(location.origin, { credentials: 'same-origin' });

/** The typed event-stream helper of the generated client, on the same origin (the cookie goes along). */
export const streams = createEventStreams(location.origin, { credentials: 'same-origin' });

/** A failed call, with the problem document the service answered (RFC 9457). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status(): number {
    return this.problem.status;
  }
  /** The message of each failing field of a validation error, by field name. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.problem.errors ?? [])
      byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
    return byField;
  }
}

/** Whether the caller must log in first. */
export const needsLogin = (e: unknown): boolean => e instanceof ApiError && e.status === 401;

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a generated client call, or an ApiError holding its problem
 * document: `const runs = await ok(api.GET('/api/exec/list'))`.
 */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const failure = new ApiError(asProblem(error, response));
    if (failure.status === 401 && !response.url.endsWith('/api/auth/login')) dispatchEvent(new Event(UNAUTHORIZED));
    throw failure;
  }
  return data as T;
}

const UNAUTHORIZED = 'console:unauthorized';

/** Calls `listener` whenever a call is answered 401 (no session, or it ended); returns the unsubscribe. */
export function onUnauthorized(listener: () => void): () => void {
  addEventListener(UNAUTHORIZED, listener);
  return () => removeEventListener(UNAUTHORIZED, listener);
}

function asProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'detail' in error) return error as Problem;
  return {
    type: 'about:blank',
    title: response.statusText,
    status: response.status,
    detail: typeof error === 'string' && error ? error : `${response.status} ${response.statusText}`,
    instance: new URL(response.url || location.href).pathname,
  };
}

/** What to show for any failure: the problem's detail, or the error's message. */
export function describe(e: unknown): string {
  if (e instanceof ApiError) return e.problem.detail;
  if (e instanceof Error) return e.message;
  return String(e);
}
