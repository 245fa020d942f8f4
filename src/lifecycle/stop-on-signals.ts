import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ShutdownSteps, shutDown } from './graceful-shutdown';
import { InFlight } from './in-flight';
import { ShutdownSignal } from './shutdown-signal';

/**
 * On SIGTERM (or SIGINT): event streams are told to end, the server stops
 * accepting and lets requests in flight finish, the modules shut down (runs
 * are left running, to be adopted at the next start), and the process
 * exits, at the latest after SHUTDOWN_GRACE_SECONDS. A second SIGINT exits
 * at once; a second SIGTERM changes nothing.
 */
export function stopOnSignals(app: NestFastifyApplication, graceSeconds: number, logger: Logger): void {
  const graceMs = graceSeconds * 1000;
  const fastify = app.getHttpAdapter().getInstance();
  const steps: ShutdownSteps = {
    announce: () => app.get(ShutdownSignal).trigger(),
    drain: () => fastify.close(),
    cut: () => fastify.server.closeAllConnections(),
    settle: () => app.get(InFlight).idle(),
    close: () => app.close(),
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (signal === 'SIGINT') process.exit(130);
      return;
    }
    stopping = true;
    setTimeout(() => {
      logger.error(
        { event: 'shutdown.timeout' },
        `not stopped within SHUTDOWN_GRACE_SECONDS (${graceSeconds} s): exiting`,
      );
      process.exit(1);
    }, graceMs).unref();
    shutDown(steps, graceMs, logger).then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
