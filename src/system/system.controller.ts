import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/endpoint.decorator';
import { SwarmNodeDto } from './dto/swarm-node.dto';
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

  @Get('nodes')
  @Endpoint({
    summary: "The swarm's nodes: role, availability, state, CPUs, memory, labels and generic resources (GPUs)",
    description:
      'Managers first. 409 when the engine is not a swarm manager (runs then use one engine; RUN_BACKEND=swarm needs a swarm).',
    errors: [409],
    engine: true,
  })
  listNodes(): Promise<SwarmNodeDto[]> {
    return this.system.nodes();
  }
}
