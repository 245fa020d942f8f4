import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { isPublicRoute } from './auth/public-routes';
import { SESSION_COOKIE } from './auth/session';

/** The OpenAPI document of the app; operation ids are the controller method names. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Docker Web API')
    .setDescription(
      'Backend of an ML training platform: builds Docker images, runs training code in containers, ' +
        'serves storages, and keeps catalogs of datasets, models and app modules. ' +
        'Errors are RFC 9457 problem documents (application/problem+json).',
    )
    .setVersion('1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque API token',
        description:
          'An API token (API_TOKEN or API_TOKENS_FILE). Needed on every route but the public ones when the service has tokens.',
      },
      'bearer',
    )
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        description:
          'Browser session set by POST /api/auth/login (HttpOnly; for <img src>, downloads and EventSource).',
      },
      'session',
    )
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('session')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  return withContentTypeRule(withAccessRules(document));
}

/** Marks the public operations as needing no credentials and documents the 401 of every other one. */
function withAccessRules(document: OpenAPIObject): OpenAPIObject {
  for (const [route, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      if (!operation) continue;
      if (isPublicRoute(route)) {
        operation.security = [];
      } else {
        operation.responses['401'] ??= {
          description: 'No valid bearer token or session (see WWW-Authenticate)',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
        };
      }
    }
  }
  return document;
}

/** Documents the 415 of every operation that takes a body (ContentTypeGuard refuses other media types). */
function withContentTypeRule(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation?.requestBody) continue;
      operation.responses['415'] ??= {
        description: 'The body has a Content-Type this route does not take (see the request body for those it takes)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      };
    }
  }
  return document;
}

/** JSON with object keys sorted at every level, so the committed document diffs stably. */
export function stableStringify(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value), null, 2) + '\n';
}
