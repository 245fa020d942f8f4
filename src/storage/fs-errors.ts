import { DomainError } from '../common/domain-error';

/** The seed's error texts. */
export const FILE_NOT_FOUND = 'File not found';
export const FILE_ALREADY_EXIST = 'File already exist';
export const PATH_NOT_FOUND = 'Path not found';
export const FILE_ACCESS_NOT_ALLOWED = 'File access not allowed';
export const INSUFFICIENT_STORAGE = 'Insufficient storage: the disk is full';
export const NOT_A_REGULAR_FILE = 'Not a regular file';
export const PATH_CONFLICT = 'A file and a folder would have the same path';

export function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Turns a file system error into the project's own error: missing → 404 with
 * the given text, permission → 503 "File access not allowed", full disk →
 * 507, a file where a folder is needed (or the reverse) → 400, a socket
 * opened for reading → 400 "Not a regular file". Domain errors and unknown errors pass through unchanged.
 */
export function fileSystemError(e: unknown, notFound = FILE_NOT_FOUND): unknown {
  if (e instanceof DomainError) return e;
  switch (errnoOf(e)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new DomainError('NOT_FOUND', notFound);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new DomainError('ACCESS_DENIED', FILE_ACCESS_NOT_ALLOWED);
    case 'ENOSPC':
    case 'EDQUOT':
      return new DomainError('INSUFFICIENT_STORAGE', INSUFFICIENT_STORAGE);
    case 'ENAMETOOLONG':
      return new DomainError('BAD_REQUEST', 'A name in the path is too long');
    case 'EEXIST':
    case 'EISDIR':
    case 'ENOTEMPTY':
      return new DomainError('BAD_REQUEST', PATH_CONFLICT);
    case 'ENXIO':
      // open() of a unix socket (or a device without its driver).
      return new DomainError('BAD_REQUEST', NOT_A_REGULAR_FILE);
    case 'ELOOP':
      return new DomainError('BAD_REQUEST', 'Too many symlinks on the path');
    default:
      return e;
  }
}
