import { Body, Controller, Delete, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
      'Follow it with GET /api/image/create/{name}. At most BUILD_MAX_RUNNING builds run at once; more wait ' +
      'queued (phase `queued`). 409 while a build of the same name has not ended.',
    errors: [400, 409],
    engine: true,
  })
  createImage(@Body() body: CreateImageDto): Promise<SuccessDto> {
    return this.images.createImage(body);
  }

  @Get('create/:name')
  @ApiOkResponse({ type: ImageBuildDto })
  @Endpoint({ summary: 'The state and log of a build (queued, building or finished)', errors: [400, 404] })
  getImageBuild(@Param('name') name: string): StreamableFile {
    return new StreamableFile(this.images.getImageBuild(name), { type: 'application/json' });
  }

  @Delete('create/:name')
  @Endpoint({ summary: 'Forget a build record and its log (a build that has not ended goes on)', errors: [400, 404] })
  deleteImageBuild(@Param('name') name: string): Promise<SuccessDto> {
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
