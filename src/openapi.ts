import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

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
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}

/** JSON with object keys sorted at every level, so the committed document diffs stably. */
export function stableStringify(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(sort(value), null, 2) + '\n';
}
