import { AsyncLocalStorage } from 'node:async_hooks';

/** Who made a request, as far as the service knows: a token id, never the token. */
export interface Caller {
  /** Id of the token used (API_TOKEN is "default"); null without authentication. */
  tokenId: string | null;
  via: 'bearer' | 'cookie' | 'none';
}

export interface RequestContext {
  requestId: string;
  caller: Caller;
}

export const ANONYMOUS: Caller = Object.freeze({ tokenId: null, via: 'none' });

/**
 * The context of the request being handled, available to everything the
 * handler calls (for example the audit of a container creation) without
 * passing it along.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

const byRequest = new WeakMap<object, RequestContext>();

export function attachContext(request: object, context: RequestContext): void {
  byRequest.set(request, context);
}

export function contextOf(request: object): RequestContext | undefined {
  return byRequest.get(request);
}
