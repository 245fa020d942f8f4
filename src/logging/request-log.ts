import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routePatternOf } from '../common/route-pattern';

/**
 * One line per request, when its answer is sent or the client went away
 * (status 499): method, route pattern, path (without the query), status and
 * duration, with the request id that problem documents carry (`requestId`,
 * bound by Fastify's request logger). Never a header or a body.
 */
export function installRequestLog(fastify: FastifyInstance): void {
  const started = new WeakMap<FastifyRequest, number>();
  const logged = new WeakSet<FastifyRequest>();
  const line = (request: FastifyRequest, status: number, durationMs: number, aborted: boolean) => {
    if (logged.has(request)) return;
    logged.add(request);
    request.log.info(
      {
        method: request.method,
        route: routePatternOf(request),
        path: request.originalUrl.split('?')[0],
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        ...(aborted ? { aborted } : {}),
      },
      'request',
    );
  };
  // For the duration of an aborted request, which has no reply to measure it.
  fastify.addHook('onRequest', (request, _reply, done) => {
    started.set(request, performance.now());
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    line(request, reply.statusCode, reply.elapsedTime, false);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    line(request, 499, performance.now() - (started.get(request) ?? performance.now()), true);
    done();
  });
}
