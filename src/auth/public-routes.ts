import { CONSOLE_ASSETS_PREFIX } from '../console/console-assets';

/**
 * Routes answered without a token (route patterns as registered, never the
 * raw URL, so no spelling of a URL can reach a protected handler through
 * this list):
 * - /api/health: for load balancers and the start-up probe; it tells only
 *   whether the engine answers and the data folder is writable.
 * - /api/auth/login and /api/auth/logout: opening and closing a browser session.
 * - Swagger UI under /api/docs and its OpenAPI document: the page must load
 *   before its Authorize button can take a token. The document describes the
 *   routes only (it is the one committed in the repository), holds no data,
 *   and every operation it lists still needs the token.
 * - The web console's page (/) and its built assets (/assets/*): the page must
 *   load to show its login form; it holds no data, and every call it makes
 *   goes to /api with the session.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  '/api/health',
  '/api/auth/login',
  '/api/auth/logout',
  '/',
  `${CONSOLE_ASSETS_PREFIX}*`,
];

/** The metrics route, public only with METRICS_PUBLIC=true (for a Prometheus that cannot send a token). */
export const METRICS_ROUTE = '/api/metrics';

/** Whether a route pattern is answered without a token; `alsoPublic` adds routes that configuration opens. */
export function isPublicRoute(pattern: string | undefined, alsoPublic: readonly string[] = []): boolean {
  if (pattern === undefined) return false;
  return (
    PUBLIC_ROUTES.includes(pattern) ||
    alsoPublic.includes(pattern) ||
    pattern === '/api/docs' ||
    pattern.startsWith('/api/docs/') ||
    pattern === '/api/docs-yaml' ||
    pattern === '/api/docs-json'
  );
}
