import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { paths } from './schema';

/** The routes that answer a stream of Server-Sent Events. */
export type EventStreamPath = '/api/exec/events/{exec_id}' | '/api/image/events/{name}' | '/api/events';

/** The events of a stream, typed from the OpenAPI document: `{event, id, data}` with each event type's data. */
export type StreamEvent<P extends EventStreamPath> = paths[P]['get']['responses'][200]['content']['text/event-stream'];

type PathParams<P extends EventStreamPath> = paths[P]['get']['parameters'] extends { path: infer T } ? T : never;

export interface EventStreamClientOptions {
  /** Headers sent with every request, e.g. `{ Authorization: 'Bearer <token>' }` (the same as the API client's). */
  headers?: Record<string, string>;
  /** `'include'` in a browser to send the login cookie (POST /api/auth/login) to another origin. */
  credentials?: RequestInit['credentials'];
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

export interface SubscribeOptions<P extends EventStreamPath> {
  /** The path parameters (`{ exec_id }`, `{ name }`); none for /api/events. */
  params?: PathParams<P>;
  /** Resume after this event id instead of from the start of what the server holds. */
  lastEventId?: string;
  /**
   * Called with each event, in order. When it returns a promise the next
   * event waits for it, so a slow consumer slows the reading (the server
   * then tells it what it dropped).
   */
  onEvent: (event: StreamEvent<P>) => void | Promise<void>;
  /** Called when a connection fails or drops; the subscription then reconnects with the last id, unless the error is final. */
  onError?: (error: Error, final: boolean) => void;
  /** Wait before reconnecting, until the server says otherwise (`retry:`). */
  retryMs?: number;
}

export interface Subscription {
  /** The id of the last event handed over: where a new subscription resumes. */
  readonly lastEventId: string | undefined;
  /** Resolves when the stream ended (`end`) or was closed; rejects on a final error (401, 404, 400). */
  readonly done: Promise<void>;
  /** Stops reading and does not reconnect. */
  close(): void;
}

/** The server answered something other than an event stream. */
export class EventStreamError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(
      `event stream answered ${status}${problem && typeof problem === 'object' && 'detail' in problem ? `: ${String(problem.detail)}` : ''}`,
    );
  }
}

/**
 * Subscribes to the event streams of the Docker Web API, in Node and in
 * browsers (fetch and a ReadableStream; no EventSource, so a bearer header
 * can be sent). A dropped connection is resumed with the last event id, so
 * no event is handed over twice or lost while the server still holds it.
 *
 * ```ts
 * const streams = createEventStreams('http://127.0.0.1:3000', { headers: { Authorization: `Bearer ${token}` } });
 * const sub = streams.subscribe('/api/exec/events/{exec_id}', {
 *   params: { exec_id: 'run-1' },
 *   onEvent: (e) => { if (e.event === 'progress') console.log(e.data.main_progress); },
 * });
 * await sub.done;
 * ```
 */
export function createEventStreams(baseUrl: string, client: EventStreamClientOptions = {}) {
  const doFetch = client.fetch ?? ((input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init));

  function subscribe<P extends EventStreamPath>(path: P, options: SubscribeOptions<P>): Subscription {
    const abort = new AbortController();
    let lastEventId = options.lastEventId;
    let retryMs = options.retryMs ?? 1000;
    const url = baseUrl.replace(/\/$/, '') + fillPath(path, options.params ?? {});

    /** One connection: resolves true once the stream has ended for good, false when it dropped. */
    const connect = async (): Promise<boolean> => {
      const headers: Record<string, string> = { ...client.headers, Accept: 'text/event-stream' };
      if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
      const response = await doFetch(url, { headers, credentials: client.credentials, signal: abort.signal });
      if (!response.ok || !response.body) {
        const problem = await response.json().catch(() => undefined);
        const error = new EventStreamError(response.status, problem);
        // Client errors do not get better by retrying.
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
          throw Object.assign(error, { final: true });
        throw error;
      }
      const queue: EventSourceMessage[] = [];
      let ended = false;
      const parser = createParser({
        onEvent: (message) => queue.push(message),
        onRetry: (ms) => (retryMs = ms),
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return ended;
          parser.feed(value);
          while (queue.length) {
            const message = queue.shift()!;
            const event = {
              event: message.event ?? 'message',
              id: message.id ?? '',
              data: JSON.parse(message.data) as unknown,
            } as StreamEvent<P>;
            await options.onEvent(event);
            if (message.id !== undefined) lastEventId = message.id;
            if (message.event === 'end') ended = true;
            if (abort.signal.aborted) return true;
          }
          if (ended) return true;
        }
      } finally {
        reader.cancel().catch(() => undefined);
      }
    };

    const run = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        try {
          if (await connect()) return;
          options.onError?.(new Error('the event stream dropped'), false);
        } catch (e) {
          if (abort.signal.aborted) return;
          const final = (e as { final?: boolean }).final === true;
          options.onError?.(e as Error, final);
          if (final) throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    };

    const done = run().finally(() => abort.abort());
    return {
      get lastEventId() {
        return lastEventId;
      },
      done,
      close: () => abort.abort(),
    };
  }

  return { subscribe };
}

export type EventStreams = ReturnType<typeof createEventStreams>;

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(params[name]);
  });
}
