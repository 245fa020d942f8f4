import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error';
import { FieldError } from './problem';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** A 400 problem listing each failing field. */
export function validationProblem(errors: FieldError[]): DomainError {
  const detail = errors.length ? errors.map((e) => e.message).join('; ') : 'Invalid request';
  return new DomainError('BAD_REQUEST', detail, { errors });
}

/** The global pipe: DTOs are the schema; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => validationProblem(flatten(errors)),
  });
}
