import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { Endpoint } from '../common/endpoint.decorator';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', prometheusContentType)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Endpoint({
    summary:
      'Prometheus metrics: request durations, runs by status, queue, GPUs held, build durations, storage traffic, engine, process',
    description: 'Needs the token like every route, unless METRICS_PUBLIC=true.',
  })
  getMetrics(): Promise<string> {
    return this.metrics.text();
  }
}
