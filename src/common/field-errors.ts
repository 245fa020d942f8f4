import type { ValidationError } from 'class-validator';
import { DomainError } from './domain-error';
import type { FieldError } from './problem';

/**
 * class-validator's error tree as a flat list with one message per failing
 * field; nested fields are named by their path (`image.build.apt`). A
 * missing field (undefined) is "<field> is required"; a present one gets the
 * message of the first rule it breaks, in the order the DTO declares them,
 * never a stack of every rule it also fails. Framework-free, so hand-run
 * validations and the global pipe share it.
 */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, message: messageOf(e, field) }] : [];
    return [...own, ...fieldErrorsOf(e.children ?? [], field)];
  });
}

/** The one message of a field that failed its rules. */
function messageOf(error: ValidationError, field: string): string {
  const constraints = error.constraints ?? {};
  if (error.value === undefined && !constraints[UNKNOWN_FIELD]) return `${field} is required`;
  // class-validator runs (and reports) a property's rules from the last declared to the first.
  const messages = Object.values(constraints);
  return messages[messages.length - 1];
}

/** class-validator's constraint for a field the DTO does not declare (forbidNonWhitelisted). */
const UNKNOWN_FIELD = 'whitelistValidation';

/** A 400 problem listing each failing field; its detail joins the messages, which name their field themselves. */
export function validationProblem(errors: FieldError[]): DomainError {
  const detail = errors.length ? errors.map((e) => e.message).join('; ') : 'Invalid request';
  return new DomainError('BAD_REQUEST', detail, { errors });
}
