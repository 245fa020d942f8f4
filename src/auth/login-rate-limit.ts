import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';

/** Route config (`@RouteConfig(LOGIN_RATE_LIMIT)`) of the routes counted per client by the login limit. */
export const LOGIN_RATE_LIMIT = { rateLimit: {} } as const;

/**
 * Guessing tokens through POST /api/auth/login is slowed down: each client
 * address may try LOGIN_RATE_LIMIT_PER_MINUTE times a minute (@fastify/rate-limit,
 * applied only to routes carrying LOGIN_RATE_LIMIT); the next attempt answers
 * a 429 problem with Retry-After (seconds).
 */
export async function registerLoginRateLimit(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(rateLimit, {
    global: false,
    max: config.LOGIN_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new DomainError('TOO_MANY_REQUESTS', `Too many login attempts: try again in ${context.after}`),
  });
}
