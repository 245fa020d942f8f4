import { ValidationPipe } from '@nestjs/common';
import { fieldErrorsOf, validationProblem } from './field-errors';

export { fieldErrorsOf, validationProblem } from './field-errors';

/** The global pipe: DTOs are the schema; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => validationProblem(fieldErrorsOf(errors)),
  });
}
