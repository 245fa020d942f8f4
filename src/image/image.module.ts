import { Module } from '@nestjs/common';
import { ImageController } from './image.controller';
import { ImageService } from './image.service';

/** Image builds and the engine's images. Exports ImageService (`ensureImage`) to the groups that run images. */
@Module({ controllers: [ImageController], providers: [ImageService], exports: [ImageService] })
export class ImageModule {}
