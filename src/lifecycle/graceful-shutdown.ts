/** The steps of stopping the service, in the order they run. */
export interface ShutdownSteps {
  /** Tell long-lived answers (event streams) to end, with a `retry:` hint. */
  announce(): Promise<void>;
  /** Stop accepting connections; resolves once every request in flight has been answered. */
  drain(): Promise<void>;
  /** Cut the connections still open (an upload cut so is discarded, never left half-written). */
  cut(): void;
  /** Resolves once the handlers of the requests are done (a cut upload has removed its temporary file). */
  settle(): Promise<void>;
  /** The modules' shutdown: running builds canceled, run and build records flushed; runs keep running. */
  close(): Promise<void>;
}

export interface ShutdownLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * How long requests in flight may take to finish: the grace less what the
 * handlers' clean-up and the modules' shutdown may need (half the grace, at most 10 s).
 */
export function drainBudgetMs(graceMs: number): number {
  return graceMs - Math.min(10_000, graceMs / 2);
}

/** Longest wait for the handlers of requests after the drain (a cut upload removes its temporary file in far less). */
const SETTLE_MAX_MS = 2_000;

function within<T>(work: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms)))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Stops the service within `graceMs`: event streams are told to end, no new
 * connection is accepted, requests in flight finish until the drain budget
 * is spent (then their connections are cut, and their handlers get up to
 * SETTLE_MAX_MS to clean up), and the modules shut down.
 * The caller enforces the grace as a hard limit on top of this.
 */
export async function shutDown(steps: ShutdownSteps, graceMs: number, log: ShutdownLog): Promise<void> {
  const started = performance.now();
  const budget = drainBudgetMs(graceMs);
  log.info(
    { event: 'shutdown.started', graceSeconds: graceMs / 1000 },
    'shutting down: no new requests; requests in flight may finish',
  );
  const drained = steps.drain();
  drained.catch(() => undefined);
  await within(steps.announce(), budget);
  if (!(await within(drained, budget - (performance.now() - started)))) {
    steps.cut();
    log.warn({ event: 'shutdown.cut' }, `cut the connections still busy after ${Math.round(budget / 1000)} s`);
    await drained.catch(() => undefined);
  }
  await within(steps.settle(), SETTLE_MAX_MS);
  await steps.close();
  log.info({ event: 'shutdown.done', durationMs: Math.round(performance.now() - started) }, 'stopped');
}
