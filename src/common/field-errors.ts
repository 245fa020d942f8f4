import type { ValidationError } from 'class-validator';
import { DomainError } from './domain-error';
import type { FieldError } from './problem';

/**
 * class-validator's error tree as a flat list, one entry per failed
 * constraint; nested fields are named by their path (`image.build.apt`).
 * Framework-free, so hand-run validations and the global pipe share it.
 */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsOf(e.children ?? [], field)];
  });
}

/** A 400 problem listing each failing field; its detail joins the messages, which name their field themselves. */
export function validationProblem(errors: FieldError[]): DomainError {
  const detail = errors.length ? errors.map((e) => e.message).join('; ') : 'Invalid request';
  return new DomainError('BAD_REQUEST', detail, { errors });
}
