import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_METRIC_NAME } from '../metric-lines';
import { MIN_BUCKETS } from '../step-buckets';

/** One point of a metric series, as the run wrote it (step and ts filled in when it left them out). */
export class MetricPointDto {
  name: string;
  value: number;
  /** The run's step; by default the number of earlier points of the name. */
  step: number;
  /** Seconds since the epoch; by default when the service read the point. */
  ts: number;
}

/** A step range of a series: its last value, and min, max and count over the range. */
export class MetricBucketDto {
  /** Step of the bucket's last point. */
  step: number;
  /** Value of the bucket's last point. */
  value: number;
  min: number;
  max: number;
  @ApiProperty({ type: 'integer' })
  count: number;
}

/** The metric history of a run. */
export class MetricsHistoryDto {
  /** Each series, bucketed by step; the first and last points of a series are always present. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(MetricBucketDto) } },
  })
  series: Record<string, MetricBucketDto[]>;
  /** Lines of metrics.jsonl that were not metric points. */
  @ApiProperty({ type: 'integer' })
  skipped: number;
}

/** Most buckets a series may be asked in. */
export const MAX_BUCKETS = 10000;

/** Which series, and how finely. */
export class MetricsQueryDto {
  /** Comma-separated names (all series when absent). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').filter((n) => n !== '') : value,
  )
  @IsString({ each: true })
  @MaxLength(MAX_METRIC_NAME, { each: true })
  @ArrayMaxSize(1000)
  @ApiPropertyOptional({ type: String, example: 'loss,acc' })
  names?: string[];

  /** Buckets per series at most. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_BUCKETS)
  @Max(MAX_BUCKETS)
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_BUCKETS, maximum: MAX_BUCKETS, default: 500 })
  points?: number;

  /** Only points at or after this step. */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  fromStep?: number;

  /** Only points at or before this step. */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  toStep?: number;

  /** `true`: every point as NDJSON (application/x-ndjson) instead of buckets. */
  @IsOptional()
  @IsIn(['true', 'false'])
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  raw?: 'true' | 'false';
}
