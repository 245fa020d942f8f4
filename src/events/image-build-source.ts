import { Injectable } from '@nestjs/common';
import { BuildJobs } from '../image/build-jobs';
import { ImageService } from '../image/image.service';
import { BuildEventSource, BuildStatusView } from './event-sources';

/** The build event source on the build jobs. */
@Injectable()
export class ImageBuildSource implements BuildEventSource {
  constructor(
    private readonly images: ImageService,
    private readonly jobs: BuildJobs,
  ) {}

  onBuildChange(listener: (build: BuildStatusView) => void): () => void {
    return this.jobs.onBuildChange((build) => listener({ ...build }));
  }

  onBuildLog(listener: (name: string, lines: string[]) => void): () => void {
    return this.jobs.onBuildLog(listener);
  }

  buildStatus(name: string): BuildStatusView {
    return { ...this.jobs.status(this.images.jobOf(name)) };
  }

  buildLines(tag: string, count: number): Promise<string[]> {
    return this.images.buildLogTail(tag, count);
  }
}
