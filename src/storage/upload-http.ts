import multipart from '@fastify/multipart';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { UploadPart } from './upload-parts';

/** Route config flag (`@RouteConfig({ [STREAM_BODY]: true })`): the handler reads the raw request body as a stream. */
export const STREAM_BODY = 'streamBody';

/** Most file parts in one upload form. */
export const MAX_FORM_FILES = 10_000;

const STREAM_TYPE = 'application/octet-stream';

function streamsBody(request: FastifyRequest): boolean {
  return (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[STREAM_BODY] === true;
}

/**
 * Teaches Fastify the upload bodies of the storage routes:
 * - multipart forms (@fastify/multipart), parsed lazily as streams, with the
 *   configured size limit;
 * - raw bodies: a route flagged STREAM_BODY gets its request body as a stream,
 *   whatever its Content-Type (a JSON file is stored as sent, not parsed); any
 *   other route keeps refusing `application/octet-stream` with a 415;
 * - an error answer sent before a body was read lingers: the rest of the body
 *   is read and dropped for a while, then the connection is cut (see
 *   lingerAfterError).
 */
export async function registerUploadBodies(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(multipart, {
    throwFileSizeLimit: true,
    // A folder upload names its files with their relative paths ("sub/b.txt").
    preservePath: true,
    limits: {
      // One more than the limit, so the storage service sees the overflow and answers 413.
      fileSize: config.UPLOAD_MAX_BYTES + 1,
      files: MAX_FORM_FILES,
      fields: 100,
      fieldSize: 1024 * 1024,
      parts: MAX_FORM_FILES + 100,
      headerPairs: 200,
    },
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (streamsBody(request)) request.headers['content-type'] = STREAM_TYPE;
    done();
  });
  fastify.addContentTypeParser(STREAM_TYPE, (request, payload, done) => {
    if (streamsBody(request)) done(null, payload);
    else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(STREAM_TYPE), undefined);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && !request.raw.complete) lingerAfterError(request.raw);
    done(null, payload);
  });
}

/** How long, and how many bytes, the rest of a refused body is read and dropped before the connection is cut. */
export const LINGER_MS = 5000;
export const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * After an error answer to a request whose body was not read to its end (an
 * upload over the limit, a refused path): the rest of the body is read and
 * dropped, so the client, still sending, gets to read the answer instead of
 * a reset connection (as nginx's lingering close does). Past LINGER_MS or
 * LINGER_BYTES the connection is cut: a huge upload is never read to its end.
 */
function lingerAfterError(raw: IncomingMessage): void {
  let dropped = 0;
  const cut = () => raw.socket?.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  raw.unpipe();
  raw.on('error', () => undefined);
  raw.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) cut();
  });
  raw.once('end', () => clearTimeout(timer));
  raw.once('close', () => clearTimeout(timer));
  raw.resume();
}

/** The body of a STREAM_BODY route, as a stream. */
export function requestBodyStream(request: FastifyRequest): Readable {
  return request.body instanceof Readable ? request.body : request.raw;
}

/** The declared length of a request body, when the client gave one. */
export function declaredLength(request: FastifyRequest): number | undefined {
  const raw = request.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** Errors of the multipart parser as the project's own: limits are 413, anything else malformed is 400. */
export function multipartError(e: unknown): unknown {
  if (e instanceof DomainError) return e;
  const status = (e as { statusCode?: number })?.statusCode;
  if (status === 413) return new DomainError('PAYLOAD_TOO_LARGE', `The upload is too large (${(e as Error).message})`);
  return new DomainError('BAD_REQUEST', `Malformed multipart body: ${(e as Error)?.message ?? String(e)}`);
}

/** The parts of a multipart request as a framework-free sequence; a body that is not a form is a 400. */
export async function* multipartParts(request: FastifyRequest): AsyncGenerator<UploadPart> {
  if (!request.isMultipart()) throw new DomainError('BAD_REQUEST', 'The body must be a multipart/form-data form');
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        yield { kind: 'file', filename: part.filename, stream: part.file };
      } else {
        yield { kind: 'field', name: part.fieldname, value: String(part.value) };
      }
    }
  } catch (e) {
    throw multipartError(e);
  }
}
