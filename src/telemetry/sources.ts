import { Injectable } from '@nestjs/common';
import { RunLifecycle } from '../exec/run-lifecycle';
import { BuildJobs } from '../image/build-jobs';

/** A run's status as metrics and the event log see it. */
export interface RunUpdate {
  exec_id: string;
  status: string;
  exitCode: number | null;
}

/** An image build that has ended. */
export interface BuildEnded {
  name: string;
  result: string;
  error: string | null;
  /** From the start of the build (leaving the queue) to its end; 0 for a build that never started. */
  durationSeconds: number;
}

/**
 * Runs as metrics and the event log read them: the one adapter over the
 * run lifecycle, so that changing its owner changes only this.
 */
@Injectable()
export class RunSource {
  constructor(private readonly lifecycle: RunLifecycle) {}

  statuses(): string[] {
    return this.lifecycle.statuses().map((run) => run.status);
  }

  queueLength(): number {
    return this.lifecycle.queueLength();
  }

  gpusHeld(): number {
    return this.lifecycle.gpusHeld().size;
  }

  onRunChange(listener: (run: RunUpdate) => void): () => void {
    return this.lifecycle.onRunChange(listener);
  }
}

/** Image builds as metrics and the event log read them: the one adapter over the build jobs. */
@Injectable()
export class BuildSource {
  constructor(private readonly jobs: BuildJobs) {}

  onBuildEnded(listener: (build: BuildEnded) => void): () => void {
    return this.jobs.onBuildChange((build) => {
      if (build.result === null || build.finishedAt === null) return;
      const started = build.startedAt ?? build.finishedAt;
      const durationSeconds = (Date.parse(build.finishedAt) - Date.parse(started)) / 1000;
      listener({ name: build.name, result: build.result, error: build.error, durationSeconds });
    });
  }
}
