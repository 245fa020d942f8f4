import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from './domain-error';
import { PROBLEM_CONTENT_TYPE, Problem, STATUS_OF, problem } from './problem';

/**
 * The one place where errors become HTTP answers: every error is written as
 * an RFC 9457 problem document. Unexpected errors answer 500 with the request
 * id and are logged; no stack trace reaches the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    sendProblem(request, reply, error, this.config.ENGINE_RETRY_AFTER_SECONDS, this.logger);
  }
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  // The URL as the client sent it (before nested storage paths are folded for routing).
  const instance = request.originalUrl.split('?')[0];
  if (error instanceof DomainError) {
    return problem(STATUS_OF[error.code], error.detail, instance, error.extra);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
    return problem(status, detail, instance);
  }
  // Errors raised by Fastify itself (body parsing, size limits) carry a 4xx statusCode.
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, (error as Error).message, instance);
  }
  return problem(500, 'Internal server error', instance);
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  cause: unknown,
  retryAfterSeconds: number,
  logger: Logger,
): void {
  const body = toProblem(cause, request);
  body.requestId = String(request.id);
  if (body.status >= 500 && !(cause instanceof DomainError)) {
    logger.error(
      `${request.method} ${request.originalUrl} [${request.id}]: ${(cause as Error)?.stack ?? String(cause)}`,
    );
  }
  if (reply.sent || reply.raw.headersSent) {
    // The answer had begun (a streamed download): all that is left is to cut it.
    reply.raw.destroy();
    return;
  }
  if (cause instanceof DomainError && cause.code === 'ENGINE_UNAVAILABLE')
    reply.header('Retry-After', String(retryAfterSeconds));
  reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
}
