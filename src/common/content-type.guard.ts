import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { JSON_MEDIA_TYPE, contentTypeProblem } from './content-type';
import { DomainError } from './domain-error';

/** Where `@ApiConsumes` of @nestjs/swagger keeps its media types (its API_CONSUMES, not exported by the package). */
const API_CONSUMES = 'swagger/apiConsumes';

/**
 * Refuses, with a 415 problem, a request body whose Content-Type the route
 * does not take: a route takes the media types of its `@ApiConsumes` (the
 * same declaration documents them in OpenAPI), JSON otherwise. So a
 * text/plain body sent to a JSON route is named for what it is instead of
 * being validated as a list of missing fields. Runs before the validation pipe.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const accepted = (Reflect.getMetadata(API_CONSUMES, context.getHandler()) as string[] | undefined) ??
      (Reflect.getMetadata(API_CONSUMES, context.getClass()) as string[] | undefined) ?? [JSON_MEDIA_TYPE];
    const length = request.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
    const problem = contentTypeProblem(request.headers['content-type'], hasBody, accepted);
    if (problem) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', problem);
    return true;
  }
}
