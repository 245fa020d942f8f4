import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiCatalogName } from '../catalog/catalog-name.param';
import { Endpoint } from '../common/endpoint.decorator';
import { DatasetService } from './dataset.service';
import { DatasetBodyDto, DatasetDto } from './dto/dataset.dto';

@ApiTags('dataset')
@Controller('dataset')
export class DatasetController {
  constructor(private readonly datasets: DatasetService) {}

  @Get('list')
  @Endpoint({ summary: 'All datasets' })
  listDatasets(): Promise<DatasetDto[]> {
    return this.datasets.list();
  }

  @Post('list')
  @HttpCode(200)
  @ApiBody({ type: [DatasetDto] })
  @Endpoint({
    summary: 'Replace the whole dataset list',
    description:
      'The list is validated as a whole (every entry valid, names unique); when anything is wrong nothing changes.',
    errors: [400],
  })
  replaceDatasets(@Body() items: DatasetDto[]): Promise<DatasetDto[]> {
    return this.datasets.replace(items);
  }

  @Post('item/:name')
  @ApiCatalogName('dataset')
  @Endpoint({ summary: 'Add a dataset under the name in the URL', errors: [400, 409] })
  addDataset(@Param('name') name: string, @Body() body: DatasetBodyDto): Promise<DatasetDto> {
    return this.datasets.add(name, body);
  }

  @Get('item/:name')
  @ApiCatalogName('dataset')
  @Endpoint({ summary: 'One dataset', errors: [400, 404] })
  getDataset(@Param('name') name: string): Promise<DatasetDto> {
    return this.datasets.get(name);
  }

  @Put('item/:name')
  @ApiCatalogName('dataset')
  @Endpoint({ summary: "Replace a dataset's fields", errors: [400, 404] })
  updateDataset(@Param('name') name: string, @Body() body: DatasetBodyDto): Promise<DatasetDto> {
    return this.datasets.update(name, body);
  }

  @Delete('item/:name')
  @ApiCatalogName('dataset')
  @Endpoint({ summary: 'Remove a dataset; answers what was removed', errors: [400, 404] })
  deleteDataset(@Param('name') name: string): Promise<DatasetDto> {
    return this.datasets.remove(name);
  }
}
