import { Module } from '@nestjs/common';
import { ExecModule } from '../exec/exec.module';
import { ImageModule } from '../image/image.module';
import { StorageModule } from '../storage/storage.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { ServiceEventLog } from './service-event-log';
import { BuildSource, RunSource } from './sources';

/** What operators watch: Prometheus metrics (/api/metrics) and the service's events in the log. */
@Module({
  imports: [ExecModule, ImageModule, StorageModule],
  controllers: [MetricsController],
  providers: [RunSource, BuildSource, MetricsService, ServiceEventLog],
  exports: [MetricsService],
})
export class TelemetryModule {}
