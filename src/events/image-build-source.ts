import { Injectable } from '@nestjs/common';
import { ImageService } from '../image/image.service';
import { BuildEventSource, BuildStatusView } from './event-sources';

/** The build event source on the image group. */
@Injectable()
export class ImageBuildSource implements BuildEventSource {
  constructor(private readonly images: ImageService) {}

  onBuildChange(listener: (build: BuildStatusView) => void): () => void {
    return this.images.onBuildChange((build) => listener({ ...build }));
  }

  onBuildLog(listener: (name: string, lines: string[]) => void): () => void {
    return this.images.onBuildLog(listener);
  }

  buildName(name: string): string {
    return this.images.buildName(name);
  }

  build(name: string): { status: BuildStatusView; lines: string[] } {
    const { lines, droppedLines, ...status } = this.images.getImageBuild(name);
    return { status, lines };
  }
}
