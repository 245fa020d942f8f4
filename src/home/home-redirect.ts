import type { FastifyInstance } from 'fastify';

/** Where the home page sends a browser until the web console takes its place. */
export const HOME_TARGET = '/api/docs';

/**
 * `GET /`: a 302 to Swagger UI (a client that follows redirects reads a 200
 * page). The one place to change when the web console is served at `/`.
 */
export function registerHomeRedirect(fastify: FastifyInstance): void {
  fastify.get('/', (_request, reply) => reply.redirect(HOME_TARGET, 302));
}
