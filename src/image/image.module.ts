import { Module } from '@nestjs/common';
import { BuildJobs } from './build-jobs';
import { ImageController } from './image.controller';
import { ImageService } from './image.service';

/**
 * Image builds and the engine's images. Exports ImageService (`ensureImage`) to the groups that run images,
 * and BuildJobs (build records, `onBuildChange`, `onBuildLog`) to events and metrics.
 */
@Module({ controllers: [ImageController], providers: [ImageService, BuildJobs], exports: [ImageService, BuildJobs] })
export class ImageModule {}
