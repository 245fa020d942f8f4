import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { routePatternOf } from '../common/route-pattern';
import { DockerService } from '../docker/docker.service';
import { StorageService } from '../storage/storage.service';
import { ServiceMetrics } from './service-metrics';
import { BuildSource, RunSource } from './sources';

/** The service's metrics, read from the services at each scrape; request and build durations as they happen. */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  private readonly metrics: ServiceMetrics;
  private stopBuilds?: () => void;

  constructor(
    runs: RunSource,
    private readonly builds: BuildSource,
    storage: StorageService,
    docker: DockerService,
  ) {
    this.metrics = new ServiceMetrics({
      runStatuses: () => runs.statuses(),
      queueLength: () => runs.queueLength(),
      gpusHeld: () => runs.gpusHeld(),
      storageTraffic: () => storage.traffic,
      engineReachable: () => docker.engineReachable,
    });
  }

  onModuleInit(): void {
    this.stopBuilds = this.builds.onBuildEnded((build) =>
      this.metrics.observeBuild(build.result, build.durationSeconds),
    );
  }

  onModuleDestroy(): void {
    this.stopBuilds?.();
  }

  /** Times every request the server answers, by method, route pattern and status. */
  install(app: NestFastifyApplication): void {
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onResponse', (request, reply, done) => {
        this.metrics.observeRequest(
          request.method,
          routePatternOf(request),
          reply.statusCode,
          reply.elapsedTime / 1000,
        );
        done();
      });
  }

  text(): Promise<string> {
    return this.metrics.text();
  }
}
