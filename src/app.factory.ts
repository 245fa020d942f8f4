import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Logger as RootLogger } from 'pino';
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
import { PinoNestLogger } from './logging/nest-logger';
import { installRequestLog } from './logging/request-log';
import { createRootLogger, loggerSettings } from './logging/root-logger';
import { MetricsService } from './telemetry/metrics.service';
import { buildOpenApiDocument } from './openapi';
import { MAX_PATH_LENGTH } from './storage/path-resolver';
import { registerUploadBodies } from './storage/upload-http';

/**
 * Builds the application: Fastify, the global validation pipe and problem
 * filter, the request log and metrics, the audit log and access rules,
 * routes under /api, Swagger UI at /api/docs and the web console at /.
 * Used by main, the OpenAPI generator and the tests alike. `logger` is the
 * process's one logger (JSON lines), shared by Fastify and Nest.
 */
export async function createApp(
  config: AppConfig,
  logger: RootLogger = createRootLogger(loggerSettings(config.LOG_LEVEL)),
): Promise<NestFastifyApplication> {
  await fs.mkdir(config.DATA_DIR, { recursive: true });
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request comes from installRequestLog, with the route pattern.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: () => randomUUID(),
    // Storage paths travel in the URL, percent-encoded: up to 3 characters a byte.
    routerOptions: { maxParamLength: 3 * MAX_PATH_LENGTH + 1024 },
    // A nested storage path or a namespaced image name with real slashes becomes one encoded path parameter.
    rewriteUrl: (req: IncomingMessage) => foldNestedUrl(req.url ?? '/'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
  });
  // First of all hooks, so that requests refused by the later ones are logged and measured too.
  installRequestLog(app.getHttpAdapter().getInstance());
  app.get(MetricsService).install(app);
  await registerUploadBodies(app.getHttpAdapter().getInstance(), config);
  await registerLoginRateLimit(app.getHttpAdapter().getInstance(), config);
  await registerConsole(app.getHttpAdapter().getInstance(), path.resolve(config.CONSOLE_DIR), new Logger('Console'));
  app.setGlobalPrefix('api');
  app.useGlobalGuards(new ContentTypeGuard());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(config));
  // Signals are handled by main (src/lifecycle/stop-on-signals.ts): requests in flight finish before the modules stop.
  // On the whole server, for every route: the audit log, then CORS, Host and token checks.
  app.get(AuditService).install(app);
  app.get(AccessControl).install(app);

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    swaggerOptions: { persistAuthorization: true },
  });
  return app;
}
