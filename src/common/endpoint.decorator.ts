import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { ProblemDto } from './problem.dto';

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** Error statuses the route answers with a problem document, besides 500. */
  errors?: number[];
  /** The route needs the Docker engine: it may answer 503. */
  engine?: boolean;
}

/**
 * Documents a route the same way everywhere: summary, the problem documents
 * it may answer, and (through the document builder) its method name as the
 * operation id.
 */
export function Endpoint({ summary, description, errors = [], engine = false }: EndpointOptions): MethodDecorator {
  const statuses = [...new Set([...errors, ...(engine ? [503] : []), 500])].sort();
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description:
          status === 503 && engine ? 'The Docker engine does not answer (see Retry-After)' : STATUS_CODES[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
