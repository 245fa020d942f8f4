import fastifyStatic from '@fastify/static';
import type { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { notFound } from '../common/domain-error';
import { sendProblem } from '../common/problem.filter';

/** Where the built console keeps its hashed scripts and styles (Vite's `assets/`). */
export const CONSOLE_ASSETS_PREFIX = '/assets/';

/**
 * The page may load its own scripts, styles and fonts and talk to this origin only:
 * no inline script, no other site (uPlot sets styles through the DOM, which needs
 * 'unsafe-inline' for styles alone).
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * Serves the web console built by `npm run build:console` from `dir`: its
 * page at `/` (never cached, so a new build shows at once) and its
 * content-hashed assets under /assets/ (cached for a year). The console
 * routes between its pages with the URL fragment, so the server needs no
 * fallback route. Without a build, `/` answers a 404 problem that says how
 * to build it.
 */
export async function registerConsole(fastify: FastifyInstance, dir: string, logger: Logger): Promise<void> {
  const page = path.join(dir, 'index.html');
  if (!existsSync(page)) {
    logger.warn(`web console not built (no ${page}): run npm run build:console`);
    fastify.get('/', (request, reply) =>
      sendProblem(request, reply, notFound('The web console is not built: run npm run build:console'), 0, logger),
    );
    return;
  }
  await fastify.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: CONSOLE_ASSETS_PREFIX,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  fastify.get('/', (_request, reply) =>
    reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .header('X-Content-Type-Options', 'nosniff')
      .sendFile('index.html', dir, { cacheControl: false }),
  );
}
