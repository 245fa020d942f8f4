import { StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { parseByteRange } from './byte-range';
import type { OpenedFile } from './storage.service';

/** What a stored file may do when opened straight in a browser: show itself, run nothing. */
const FILE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Answers with an opened file: Content-Type from the extension,
 * Content-Length, validators (ETag, Last-Modified, 304), and one byte range
 * (206, or 416 with `Content-Range: bytes *\/size`). The body is streamed.
 */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: OpenedFile,
): Promise<StreamableFile | undefined> {
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  reply.header('Accept-Ranges', 'bytes');
  reply.header('ETag', etag);
  reply.header('Last-Modified', new Date(file.mtimeMs).toUTCString());
  reply.header('Cache-Control', 'no-cache');
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Content-Security-Policy', FILE_CSP);
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    await file.close();
    reply.status(304);
    return undefined;
  }
  const ifRange = request.headers['if-range'];
  const range = ifRange && ifRange !== etag ? undefined : parseByteRange(request.headers.range, file.size);
  if (range === 'unsatisfiable') {
    await file.close();
    reply.header('Content-Range', `bytes */${file.size}`);
    throw new DomainError('RANGE_NOT_SATISFIABLE', `The range lies outside the file (${file.size} bytes)`);
  }
  reply.header('Content-Type', file.contentType);
  reply.header('Content-Disposition', contentDisposition(file.name));
  if (range) {
    reply.status(206);
    reply.header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    reply.header('Content-Length', String(range.end - range.start + 1));
    return new StreamableFile(file.stream(range.start, range.end));
  }
  reply.header('Content-Length', String(file.size));
  if (file.size === 0) {
    await file.close();
    return new StreamableFile(Buffer.alloc(0));
  }
  return new StreamableFile(file.stream());
}
