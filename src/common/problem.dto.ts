import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  /** The failing field, dotted for nested fields. */
  field: string;
  message: string;
}

/** An RFC 9457 problem document (`application/problem+json`). */
export class ProblemDto {
  /** Always `about:blank`: the status says what kind of problem it is. */
  @ApiProperty({ example: 'about:blank' })
  type: string;
  /** The HTTP status phrase. */
  @ApiProperty({ example: 'Not Found' })
  title: string;
  @ApiProperty({ type: 'integer', example: 404 })
  status: number;
  /** What went wrong; the seed's error text where it names one. */
  @ApiProperty({ example: 'File not found' })
  detail: string;
  /** The request path. */
  instance: string;
  /** Id of the request, as logged by the service. */
  @ApiPropertyOptional()
  requestId?: string;
  /** The failing fields of a validation error. */
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
  /** The last lines of a log, where one explains the failure. */
  @ApiPropertyOptional({ type: [String] })
  log?: string[];
}
