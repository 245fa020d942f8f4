import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { runEventOf } from './run-events';
import { BuildSource, RunSource } from './sources';

/**
 * The service's own events as structured log lines (`event` field): a run
 * queued, admitted or ended, an image build ended. (The engine connecting
 * and being lost is logged by the Docker provider.)
 */
@Injectable()
export class ServiceEventLog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Events');
  /** The last status seen of each run that has not ended. */
  private readonly statuses = new Map<string, string>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly runs: RunSource,
    private readonly builds: BuildSource,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.runs.onRunChange((run) => {
        const event = runEventOf(this.statuses.get(run.exec_id), run.status);
        if (event === 'run.ended') this.statuses.delete(run.exec_id);
        else this.statuses.set(run.exec_id, run.status);
        if (!event) return;
        const fields = {
          event,
          execId: run.exec_id,
          status: run.status,
          ...(event === 'run.ended' ? { exitCode: run.exitCode } : {}),
        };
        this.logger.log({ ...fields, msg: `${event.replace('.', ' ')}: ${run.exec_id} (${run.status})` });
      }),
      this.builds.onBuildEnded((build) => {
        const fields = {
          event: 'build.ended',
          image: build.name,
          result: build.result,
          durationSeconds: build.durationSeconds,
        };
        const message = `build ended: ${build.name} ${build.result}`;
        if (build.result === 'failed') this.logger.warn({ ...fields, error: build.error, msg: message });
        else this.logger.log({ ...fields, msg: message });
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }
}
