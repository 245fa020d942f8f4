import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/endpoint.decorator';
import { SystemInfoDto } from './dto/system-info.dto';
import { SystemService } from './system.service';

@ApiTags('system')
@Controller('system')
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Get('info')
  @Endpoint({ summary: 'The host: CPU, memory, disk and GPUs' })
  getSystemInfo(): Promise<SystemInfoDto> {
    return this.system.info();
  }
}
