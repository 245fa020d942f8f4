import { Injectable } from '@nestjs/common';
import { ExecService } from '../exec/exec.service';
import { ImageService } from '../image/image.service';

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
  durationSeconds: number;
}

/**
 * Runs as metrics and the event log read them: the one adapter over the
 * service that owns runs, so that changing that owner changes only this.
 */
@Injectable()
export class RunSource {
  constructor(private readonly exec: ExecService) {}

  statuses(): string[] {
    return this.exec.statuses().map((run) => run.status);
  }

  /** Runs start when they are created: none waits. */
  queueLength(): number {
    return 0;
  }

  /** Runs are not given GPUs of their own yet (EXEC_GPUS hands the same ones to each): none is held. */
  gpusHeld(): number {
    return 0;
  }

  onRunChange(listener: (run: RunUpdate) => void): () => void {
    return this.exec.onRunChange(listener);
  }
}

/** Image builds as metrics and the event log read them: the one adapter over the service that owns builds. */
@Injectable()
export class BuildSource {
  constructor(private readonly images: ImageService) {}

  onBuildEnded(listener: (build: BuildEnded) => void): () => void {
    return this.images.onBuildChange((build) => {
      if (build.result === null || build.finishedAt === null) return;
      const durationSeconds = (Date.parse(build.finishedAt) - Date.parse(build.startedAt)) / 1000;
      listener({ name: build.name, result: build.result, error: build.error, durationSeconds });
    });
  }
}
