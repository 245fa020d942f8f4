import { Module } from '@nestjs/common';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ExecModule } from '../exec/exec.module';
import { ImageModule } from '../image/image.module';
import { MetricsController } from '../metrics-history/metrics.controller';
import { MetricsHistoryService } from '../metrics-history/metrics-history.service';
import { MetricsStore } from '../metrics-history/metrics-store';
import { BUILD_EVENT_SOURCE, RUN_EVENT_SOURCE } from './event-sources';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { ExecRunSource } from './exec-run-source';
import { ImageBuildSource } from './image-build-source';

/** Live event streams of runs and builds (SSE), and the metric history of runs. */
@Module({
  imports: [ExecModule, ImageModule],
  controllers: [EventsController, MetricsController],
  providers: [
    EventsService,
    MetricsHistoryService,
    {
      provide: MetricsStore,
      useFactory: (config: AppConfig) => new MetricsStore(path.join(config.DATA_DIR, 'metrics')),
      inject: [APP_CONFIG],
    },
    { provide: RUN_EVENT_SOURCE, useClass: ExecRunSource },
    { provide: BUILD_EVENT_SOURCE, useClass: ImageBuildSource },
  ],
})
export class EventsModule {}
