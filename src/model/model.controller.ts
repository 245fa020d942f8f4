import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiCatalogName } from '../catalog/catalog-name.param';
import { Endpoint } from '../common/endpoint.decorator';
import { ModelService } from './model.service';
import { ModelBodyDto, ModelDto } from './dto/model.dto';

@ApiTags('model')
@Controller('model')
export class ModelController {
  constructor(private readonly models: ModelService) {}

  @Get('list')
  @Endpoint({ summary: 'All models' })
  listModels(): Promise<ModelDto[]> {
    return this.models.list();
  }

  @Post('list')
  @HttpCode(200)
  @ApiBody({ type: [ModelDto] })
  @Endpoint({
    summary: 'Replace the whole model list',
    description:
      'The list is validated as a whole (every entry valid, names unique); when anything is wrong nothing changes.',
    errors: [400],
  })
  replaceModels(@Body() items: ModelDto[]): Promise<ModelDto[]> {
    return this.models.replace(items);
  }

  @Post('item/:name')
  @ApiCatalogName('model')
  @Endpoint({ summary: 'Add a model under the name in the URL', errors: [400, 409] })
  addModel(@Param('name') name: string, @Body() body: ModelBodyDto): Promise<ModelDto> {
    return this.models.add(name, body);
  }

  @Get('item/:name')
  @ApiCatalogName('model')
  @Endpoint({ summary: 'One model', errors: [400, 404] })
  getModel(@Param('name') name: string): Promise<ModelDto> {
    return this.models.get(name);
  }

  @Put('item/:name')
  @ApiCatalogName('model')
  @Endpoint({ summary: "Replace a model's fields", errors: [400, 404] })
  updateModel(@Param('name') name: string, @Body() body: ModelBodyDto): Promise<ModelDto> {
    return this.models.update(name, body);
  }

  @Delete('item/:name')
  @ApiCatalogName('model')
  @Endpoint({ summary: 'Remove a model; answers what was removed', errors: [400, 404] })
  deleteModel(@Param('name') name: string): Promise<ModelDto> {
    return this.models.remove(name);
  }
}
