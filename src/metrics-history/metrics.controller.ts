import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Endpoint } from '../common/endpoint.decorator';
import { ExecIdParamsDto } from '../exec/dto/exec-query.dto';
import { MetricBucketDto, MetricPointDto, MetricsHistoryDto, MetricsQueryDto } from './dto/metrics.dto';
import { MetricsHistoryService } from './metrics-history.service';

@ApiTags('exec')
@Controller('exec')
export class MetricsController {
  constructor(private readonly metrics: MetricsHistoryService) {}

  @Get('metrics/:exec_id')
  @ApiExtraModels(MetricsHistoryDto, MetricBucketDto, MetricPointDto)
  @ApiOkResponse({
    description: 'The series bucketed by step (JSON), or with raw=true every point, one JSON object a line (NDJSON).',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MetricsHistoryDto) } },
      'application/x-ndjson': { schema: { $ref: getSchemaPath(MetricPointDto) } },
    },
  })
  @Endpoint({
    summary: 'The metric history of a run (what it appended to /apprun/metrics.jsonl)',
    description:
      'At most `points` buckets per series, by step range: each bucket has its last value and step, and min, max and count; ' +
      "a series' first and last points are always there. Lines that are not metric points are counted in `skipped`.",
    errors: [400, 404],
  })
  async getExecMetrics(
    @Param() params: ExecIdParamsDto,
    @Query() query: MetricsQueryDto,
  ): Promise<MetricsHistoryDto | StreamableFile> {
    if (query.raw === 'true')
      return new StreamableFile(this.metrics.raw(params.exec_id, query), { type: 'application/x-ndjson' });
    return this.metrics.history(params.exec_id, query);
  }
}
