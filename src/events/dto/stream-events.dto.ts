import type { Type as ModelClass } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ImageBuildStatusDto } from '../../image/dto/image-build.dto';
import { RunStatusDto } from '../../exec/dto/exec-status.dto';
import { ExecProgressDto, ExecResultDto } from '../../exec/dto/exec-output.dto';
import { MetricPointDto } from '../../metrics-history/dto/metrics.dto';

/** New lines of a log. */
export class LogBatchDto {
  /** The lines, in order. */
  @ApiProperty({ type: [String] })
  lines: string[];
  /** Lines this client missed because it read too slowly (then `lines` is empty): read them from the log route. */
  @ApiPropertyOptional({ type: 'integer' })
  dropped?: number;
}

/** The client's last event id is older than what the stream holds. */
export class ResyncDto {
  /** What to do: read the current state again; the events still held follow. */
  reason: string;
  /** Id of the newest event that is no longer held. */
  @ApiProperty({ type: 'integer' })
  oldestHeldAfter: number;
}

/** A run's status in the dashboard stream. */
export class ExecDashboardStatusDto extends RunStatusDto {
  @ApiProperty({ enum: ['exec'] })
  kind: 'exec';
  /** The exec_id. */
  id: string;
}

/** A build's status in the dashboard stream. */
export class ImageDashboardStatusDto extends ImageBuildStatusDto {
  @ApiProperty({ enum: ['image'] })
  kind: 'image';
  /** The build's image tag. */
  id: string;
}

/** Where a client resumes: the id of the last event it got (the Last-Event-ID header does the same and wins). */
export class EventsQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  after?: number;
}

/** The schema of one SSE event: its `event` type, `id`, and JSON `data`. */
function eventSchema(type: string, data: object): object {
  return {
    type: 'object',
    required: ['event', 'id', 'data'],
    properties: { event: { type: 'string', enum: [type] }, id: { type: 'string' }, data },
  };
}
const ref = (model: ModelClass) => ({ $ref: getSchemaPath(model) });

/** The events of a run's stream, by type. */
export const RUN_STREAM_EVENTS = {
  models: [RunStatusDto, ExecProgressDto, ExecResultDto, LogBatchDto, MetricPointDto, ResyncDto],
  events: [
    eventSchema('status', ref(RunStatusDto)),
    eventSchema('progress', ref(ExecProgressDto)),
    eventSchema('result', ref(ExecResultDto)),
    eventSchema('log', ref(LogBatchDto)),
    eventSchema('metric', { type: 'array', items: ref(MetricPointDto) }),
    eventSchema('resync', ref(ResyncDto)),
    eventSchema('end', ref(RunStatusDto)),
  ],
};

/** The events of a build's stream, by type. */
export const BUILD_STREAM_EVENTS = {
  models: [ImageBuildStatusDto, LogBatchDto, ResyncDto],
  events: [
    eventSchema('status', ref(ImageBuildStatusDto)),
    eventSchema('log', ref(LogBatchDto)),
    eventSchema('resync', ref(ResyncDto)),
    eventSchema('end', ref(ImageBuildStatusDto)),
  ],
};

/** The events of the dashboard stream: status changes of every run and build. */
export const DASHBOARD_STREAM_EVENTS = {
  models: [ExecDashboardStatusDto, ImageDashboardStatusDto, ResyncDto],
  events: [
    eventSchema('status', { oneOf: [ref(ExecDashboardStatusDto), ref(ImageDashboardStatusDto)] }),
    eventSchema('resync', ref(ResyncDto)),
  ],
};
