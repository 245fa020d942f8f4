import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EXEC_ID_PATTERN } from '../exec-options';

/** The run named in the URL. */
export class ExecIdParamsDto {
  /** Id of the run, as POST /api/exec/create returned it. */
  @IsString()
  @Matches(EXEC_ID_PATTERN, { message: 'exec_id must be 1-64 letters, digits, ".", "_" or "-"' })
  exec_id: string;
}

/** Which part of a log to read. */
export class ExecLogsQueryDto {
  /** Only the last `tail` lines. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 1000 })
  tail?: number;

  /** Only lines written at or after this time: seconds since the epoch (fractions allowed) or an ISO 8601 time. */
  @IsOptional()
  @IsString()
  @Matches(/^(\d+(\.\d+)?|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)$/, {
    message: 'since must be seconds since the epoch or an ISO 8601 time',
  })
  @ApiPropertyOptional({ example: '2024-05-01T12:00:00Z' })
  since?: string;
}

/** Which runs to list. */
export class ExecListQueryDto {
  /** Only the runs of this owner (the name of the token that created them). */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  owner?: string;
}

/** Schema of a free JSON value. */
export const ANY_JSON = [
  { type: 'object', additionalProperties: true },
  { type: 'array', items: {} },
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
];
