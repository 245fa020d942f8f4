import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/endpoint.decorator';
import { CreateImageDto } from './dto/create-image.dto';
import { ImageBuildDto, SuccessDto } from './dto/image-build.dto';
import { ImageSummaryDto } from './dto/image-summary.dto';
import { ImageService } from './image.service';

@ApiTags('image')
@Controller('image')
export class ImageController {
  constructor(private readonly images: ImageService) {}

  @Post('create')
  @HttpCode(200)
  @Endpoint({
    summary: 'Start building an image',
    description:
      'Generates the Dockerfile from the fields and starts the build; answers 200 as soon as it is under way. ' +
      'Follow it with GET /api/image/create/{name}. 409 while a build of the same name is running.',
    errors: [400, 409],
    engine: true,
  })
  createImage(@Body() body: CreateImageDto): Promise<SuccessDto> {
    return this.images.createImage(body);
  }

  @Get('create/:name')
  @Endpoint({ summary: 'The state and log of a build', errors: [400, 404] })
  getImageBuild(@Param('name') name: string): ImageBuildDto {
    return this.images.getImageBuild(name);
  }

  @Delete('create/:name')
  @Endpoint({ summary: 'Forget a build record (a running build goes on)', errors: [400, 404] })
  deleteImageBuild(@Param('name') name: string): SuccessDto {
    return this.images.deleteImageBuild(name);
  }

  @Get('list')
  @Endpoint({ summary: "The engine's images, with every field Docker gives", engine: true })
  listImages(): Promise<ImageSummaryDto[]> {
    return this.images.listImages();
  }

  @Delete('item/:name')
  @Endpoint({ summary: 'Remove an image (404 absent, 409 used by a container)', errors: [400, 404, 409], engine: true })
  deleteImage(@Param('name') name: string): Promise<SuccessDto> {
    return this.images.deleteImage(name);
  }
}
