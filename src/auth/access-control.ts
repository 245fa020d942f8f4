import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { sendProblem } from '../common/problem.filter';
import { ANONYMOUS, Caller, attachContext, contextOf, requestContext } from '../common/request-context';
import { AuthService } from './auth.service';
import { HostPolicy, parseOrigins } from './network-policy';
import { METRICS_ROUTE, isPublicRoute } from './public-routes';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REALM = 'Bearer realm="docker-web-api"';

/**
 * The access rules of every request, installed as Fastify hooks on the whole
 * server, so they apply to every route, present and future, before a body is
 * read:
 * 1. CORS for the origins in CORS_ORIGINS only (never a reflected origin).
 * 2. The Host header against the host policy (DNS rebinding): 421 otherwise.
 * 3. A bearer token or a session cookie on every route but the public ones:
 *    401 with WWW-Authenticate otherwise.
 * 4. A changing request without a bearer header (a cookie session, or no
 *    token configured) that a browser marks as coming from another site
 *    (Origin, Sec-Fetch-Site) must come from the service's own origin or
 *    CORS_ORIGINS: 403 otherwise.
 * The caller (token id, never the token) is kept with the request for the
 * handler and the audit log.
 */
@Injectable()
export class AccessControl {
  private readonly logger = new Logger('AccessControl');
  readonly corsOrigins: string[];
  readonly hosts: HostPolicy;
  /** Routes that configuration makes public too. */
  private readonly alsoPublic: readonly string[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {
    this.corsOrigins = parseOrigins(config.CORS_ORIGINS);
    this.hosts = HostPolicy.from(config.ALLOWED_HOSTS, config.HOST);
    this.alsoPublic = config.METRICS_PUBLIC ? [METRICS_ROUTE] : [];
  }

  install(app: NestFastifyApplication): void {
    if (this.corsOrigins.length) {
      app.enableCors({
        origin: this.corsOrigins,
        credentials: true,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Range', 'Accept'],
        exposedHeaders: [
          'Content-Disposition',
          'Content-Length',
          'Content-Range',
          'Accept-Ranges',
          'Retry-After',
          'WWW-Authenticate',
        ],
        maxAge: 600,
      });
    }
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRequest', (request, reply, done) => {
      if (this.check(request, reply)) done();
    });
    // After the body is parsed, so that the handler and everything it calls see the context.
    fastify.addHook('preHandler', (request, _reply, done) => {
      const context = contextOf(request);
      if (context) requestContext.run(context, done);
      else done();
    });
    this.logger.log(
      `authentication: ${this.auth.enabled ? `tokens ${this.auth.tokens.ids.join(', ')}` : 'off (no API_TOKEN)'}; ` +
        `CORS: ${this.corsOrigins.join(', ') || 'no origin'}; Host: ${this.hosts.describe()}`,
    );
  }

  /** Applies the rules; false when the request has been answered. */
  private check(request: FastifyRequest, reply: FastifyReply): boolean {
    if (!this.hosts.allows(request.headers.host)) {
      this.refuse(
        request,
        reply,
        new HttpException(`This service does not answer for the host "${request.headers.host ?? ''}"`, 421),
      );
      return false;
    }
    const isPublic = isPublicRoute(request.routeOptions?.url, this.alsoPublic);
    const result = this.auth.authenticate({
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
    });
    let caller: Caller = ANONYMOUS;
    if (result.ok) caller = result.caller;
    else if (!isPublic) {
      reply.header('WWW-Authenticate', result.invalidToken ? `${REALM}, error="invalid_token"` : REALM);
      this.refuse(request, reply, new DomainError('UNAUTHORIZED', result.detail));
      return false;
    }
    // A browser sends cookies, and "simple" requests (form posts) need no preflight: without
    // a bearer header, a changing request must not come from another site.
    if (caller.via !== 'bearer' && !SAFE_METHODS.has(request.method) && !this.sameOriginOrAllowed(request)) {
      const detail =
        "Changing requests from a browser are accepted only from this service's own origin or CORS_ORIGINS (or with Authorization: Bearer)";
      this.refuse(request, reply, new DomainError('FORBIDDEN', detail), caller);
      return false;
    }
    attachContext(request, { requestId: String(request.id), caller });
    return true;
  }

  /**
   * Cross-site request forgery guard: a browser's Origin must be ours or allowed;
   * without an Origin, Sec-Fetch-Site must not say another site. Requests with
   * neither header (curl, SDKs) pass.
   */
  private sameOriginOrAllowed(request: FastifyRequest): boolean {
    const origin = request.headers.origin;
    if (origin === undefined)
      return !['cross-site', 'same-site'].includes(String(request.headers['sec-fetch-site'] ?? ''));
    return this.corsOrigins.includes(origin) || origin === `${request.protocol}://${request.headers.host}`;
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, error: unknown, caller: Caller = ANONYMOUS): void {
    attachContext(request, { requestId: String(request.id), caller });
    sendProblem(request, reply, error, this.config.ENGINE_RETRY_AFTER_SECONDS, this.logger);
  }
}
