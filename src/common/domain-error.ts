/**
 * What went wrong, in the project's own words. Services throw DomainErrors;
 * ProblemFilter maps each code to an HTTP status. Services never mention HTTP.
 */
export type DomainErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'UNPROCESSABLE'
  | 'TOO_MANY_REQUESTS'
  | 'ACCESS_DENIED'
  | 'ENGINE_UNAVAILABLE'
  | 'ENGINE_FAILED'
  | 'UPSTREAM_FAILED'
  | 'TIMEOUT'
  | 'INSUFFICIENT_STORAGE';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** The text shown to the client as the problem's `detail`. */
    readonly detail: string,
    /** Extra members of the problem document (for example `log`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (detail: string) => new DomainError('NOT_FOUND', detail);
export const conflict = (detail: string) => new DomainError('CONFLICT', detail);
