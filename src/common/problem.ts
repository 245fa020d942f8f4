import { STATUS_CODES } from 'node:http';
import { DomainErrorCode } from './domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** HTTP status of each domain error code. */
export const STATUS_OF: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  UPSTREAM_FAILED: 502,
  ENGINE_FAILED: 502,
  // The seed answers a permission error on a file with 503 "File access not allowed".
  ACCESS_DENIED: 503,
  ENGINE_UNAVAILABLE: 503,
  TIMEOUT: 504,
  INSUFFICIENT_STORAGE: 507,
};

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problem(status: number, detail: string, instance: string, extra?: Record<string, unknown>): Problem {
  return {
    ...extra,
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
  };
}
