import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { AuditService } from './audit/audit.service';
import { registerConsole } from './console/console-assets';
import { AccessControl } from './auth/access-control';
import { registerLoginRateLimit } from './auth/login-rate-limit';
import { AppConfig } from './config/app-config';
import { foldNestedUrl } from './common/nested-url';
import { ContentTypeGuard } from './common/content-type.guard';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import { buildOpenApiDocument } from './openapi';
import { MAX_PATH_LENGTH } from './storage/path-resolver';
import { registerUploadBodies } from './storage/upload-http';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds the application: Fastify, the global validation pipe and problem
 * filter, the audit log and access rules, routes under /api, Swagger UI
 * at /api/docs and the web console at /. Used by main, the
 * OpenAPI generator and the tests alike.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  await fs.mkdir(config.DATA_DIR, { recursive: true });
  const adapter = new FastifyAdapter({
    genReqId: () => randomUUID(),
    // Storage paths travel in the URL, percent-encoded: up to 3 characters a byte.
    routerOptions: { maxParamLength: 3 * MAX_PATH_LENGTH + 1024 },
    // A nested storage path or a namespaced image name with real slashes becomes one encoded path parameter.
    rewriteUrl: (req: IncomingMessage) => foldNestedUrl(req.url ?? '/'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL as LogLevel) + 1),
  });
  await registerUploadBodies(app.getHttpAdapter().getInstance(), config);
  await registerLoginRateLimit(app.getHttpAdapter().getInstance(), config);
  await registerConsole(app.getHttpAdapter().getInstance(), path.resolve(config.CONSOLE_DIR), new Logger('Console'));
  app.setGlobalPrefix('api');
  app.useGlobalGuards(new ContentTypeGuard());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(config));
  app.enableShutdownHooks();
  // On the whole server, for every route: the audit log, then CORS, Host and token checks.
  app.get(AuditService).install(app);
  app.get(AccessControl).install(app);

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    swaggerOptions: { persistAuthorization: true },
  });
  return app;
}
