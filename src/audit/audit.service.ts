import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { closeSync, existsSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ANONYMOUS, contextOf, requestContext } from '../common/request-context';
import { AuditEntry, CHANGING_METHODS, Outcome, auditLine, outcomeOf } from './audit-entry';

/** File name of the audit log under DATA_DIR. */
export const AUDIT_FILE = 'audit.log';

/**
 * The append-only audit log: DATA_DIR/audit.log, JSON lines, opened for
 * appending only (O_APPEND, mode 0600) and written line by line as things
 * happen. One line per changing call (POST, PUT, PATCH, DELETE), whatever
 * its outcome, and one per container created with its final configuration.
 * Callers appear by token id; tokens, cookies and bodies are never written.
 * An entry is at most AUDIT_MAX_ENTRY_BYTES (long values cut, marked
 * `truncated`); past AUDIT_ROTATE_BYTES the file is renamed audit.log.1 (the
 * older ones shift, AUDIT_ROTATE_FILES are kept) and a new one is begun.
 */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  private fd?: number;
  /** Bytes in the current file. */
  private size = 0;
  readonly file: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.file = path.join(config.DATA_DIR, AUDIT_FILE);
    this.open();
  }

  /** Writes a line for every changing call the server answers. */
  install(app: NestFastifyApplication): void {
    const fastify = app.getHttpAdapter().getInstance();
    const recorded = new WeakSet<object>();
    const record = (request: FastifyRequest, status: number, outcome?: Outcome) => {
      if (!CHANGING_METHODS.has(request.method) || recorded.has(request)) return;
      recorded.add(request);
      const caller = contextOf(request)?.caller ?? ANONYMOUS;
      this.write({
        time: new Date().toISOString(),
        event: 'request',
        requestId: String(request.id),
        method: request.method,
        route: request.routeOptions?.url ?? null,
        path: request.originalUrl.split('?')[0],
        status,
        outcome: outcome ?? outcomeOf(status),
        tokenId: caller.tokenId,
        via: caller.via,
        ip: request.ip,
        durationMs: Math.round(
          performance.now() - ((request as unknown as { auditStart?: number }).auditStart ?? performance.now()),
        ),
      });
    };
    fastify.addHook('onRequest', (request, _reply, done) => {
      (request as unknown as { auditStart?: number }).auditStart = performance.now();
      done();
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      record(request, reply.statusCode);
      done();
    });
    fastify.addHook('onRequestAbort', (request, done) => {
      record(request, 499, 'aborted');
      done();
    });
  }

  /** Records a container the service created (or failed to), with the create body sent to the engine. */
  /** A Swarm job created (RUN_BACKEND=swarm), with its final service configuration. */
  serviceCreated(config: unknown, result: { serviceId?: string; error?: string }): void {
    const context = requestContext.getStore();
    this.write({
      time: new Date().toISOString(),
      event: 'service.create',
      requestId: context?.requestId ?? null,
      tokenId: context?.caller.tokenId ?? null,
      serviceId: result.serviceId ?? null,
      outcome: result.error === undefined ? 'ok' : 'failed',
      ...(result.error === undefined ? {} : { error: result.error }),
      config,
    });
  }

  containerCreated(config: unknown, result: { containerId?: string; error?: string }): void {
    const context = requestContext.getStore();
    this.write({
      time: new Date().toISOString(),
      event: 'container.create',
      requestId: context?.requestId ?? null,
      tokenId: context?.caller.tokenId ?? null,
      containerId: result.containerId ?? null,
      outcome: result.error === undefined ? 'ok' : 'failed',
      ...(result.error === undefined ? {} : { error: result.error }),
      config,
    });
  }

  private write(entry: AuditEntry): void {
    if (this.fd === undefined) return;
    try {
      const line = auditLine(entry, this.config.AUDIT_MAX_ENTRY_BYTES);
      const bytes = Buffer.byteLength(line);
      if (this.size > 0 && this.size + bytes > this.config.AUDIT_ROTATE_BYTES) this.rotate();
      writeSync(this.fd, line);
      this.size += bytes;
    } catch (e) {
      this.logger.error(`cannot write ${this.file}: ${(e as Error).message}`);
    }
  }

  private open(): void {
    this.fd = openSync(this.file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** audit.log becomes audit.log.1, .1 becomes .2 and so on; the oldest beyond AUDIT_ROTATE_FILES is overwritten. */
  private rotate(): void {
    closeSync(this.fd!);
    this.fd = undefined;
    for (let i = this.config.AUDIT_ROTATE_FILES - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    renameSync(this.file, `${this.file}.1`);
    this.open();
  }

  onModuleDestroy(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
