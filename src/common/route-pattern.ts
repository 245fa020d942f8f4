import type { FastifyRequest } from 'fastify';

/** What requests that match no route are labelled: never the raw URL, so labels stay few. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route pattern a request matched (`/api/exec/info/:exec_id`), the same for every request of a route. */
export function routePatternOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? UNMATCHED_ROUTE;
}
