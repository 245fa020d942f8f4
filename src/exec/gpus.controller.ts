import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/endpoint.decorator';
import { GpuDto } from './dto/exec-status.dto';
import { ExecService } from './exec.service';

/** The GPUs runs are given, beside the other host facts (/api/system). */
@ApiTags('system')
@Controller('system')
export class GpusController {
  constructor(private readonly exec: ExecService) {}

  @Get('gpus')
  @Endpoint({ summary: 'The GPUs runs are given (nvidia-smi, or GPU_INVENTORY), each with the run holding it' })
  listGpus(): GpuDto[] {
    return this.exec.gpus();
  }
}
