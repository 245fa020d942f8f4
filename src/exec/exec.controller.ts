import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Endpoint } from '../common/endpoint.decorator';
import { CreateExecDto, ExecCreatedDto } from './dto/create-exec.dto';
import { ExecInfoDto, ExecItemDto } from './dto/exec-info.dto';
import { ExecDoneDto, ExecLogsDto, ExecProgressDto, ExecResultDto } from './dto/exec-output.dto';
import { ExecIdParamsDto, ExecListQueryDto, ExecLogsQueryDto } from './dto/exec-query.dto';
import { QueuedRunDto, RunStatusDto } from './dto/exec-status.dto';
import { ExecService } from './exec.service';

@ApiTags('exec')
@Controller('exec')
export class ExecController {
  constructor(private readonly exec: ExecService) {}

  @Post('create')
  @HttpCode(200)
  @Endpoint({
    summary: 'Start a run of code from a storage in a container',
    description:
      'Mounts the source at /app (working directory), the input at /app/data and /data/input, the output at ' +
      '/app/output and /data/output, and the run folder at /apprun, then runs `python <mainSrc>` (or `command`). ' +
      'Without inputPath nothing is mounted at /app/data; without outputPath the run writes into runs/<exec_id>/output ' +
      'of the default storage. The run is admitted when the GPUs, CPUs and memory it asks for are free: it then answers ' +
      'once the container has started (status running); otherwise at once with status queued. A missing image is a 404, ' +
      'a command that cannot start a 400, a run that could never fit this host a 422.',
    errors: [400, 404, 409, 422, 502],
    engine: true,
  })
  createExec(@Body() body: CreateExecDto): Promise<ExecCreatedDto> {
    return this.exec.create(body);
  }

  @Get('status/:exec_id')
  @Endpoint({
    summary: "The run's lifecycle status: status, reason, queue position, GPUs, times (cheap to poll)",
    errors: [400, 404, 409],
  })
  getExecStatus(@Param() params: ExecIdParamsDto): RunStatusDto {
    return this.exec.status(params.exec_id);
  }

  @Get('queue')
  @Endpoint({ summary: 'The queued runs in the order they will be considered, each with why it waits' })
  getExecQueue(): Promise<QueuedRunDto[]> {
    return this.exec.queue();
  }

  @Get('info/:exec_id')
  @Endpoint({
    summary: "The run's container as Docker describes it (State.Running…)",
    errors: [400, 404],
    engine: true,
  })
  getExecInfo(@Param() params: ExecIdParamsDto): Promise<ExecInfoDto> {
    return this.exec.info(params.exec_id);
  }

  @Get('logs/:exec_id')
  @ApiOkResponse({ type: ExecLogsDto })
  @Endpoint({ summary: "The run's output lines, stdout and stderr in order", errors: [400, 404], engine: true })
  async getExecLogs(@Param() params: ExecIdParamsDto, @Query() query: ExecLogsQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.exec.logs(params.exec_id, query), { type: 'application/json' });
  }

  @Get('list')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ type: [ExecItemDto] })
  @Endpoint({ summary: 'Every run: its create fields, its lifecycle status, its container state and info' })
  listExecs(@Query() query: ExecListQueryDto): Promise<string> {
    return this.exec.listJson(query);
  }

  @Put('stop/:exec_id')
  @Endpoint({
    summary:
      'Stop a run: SIGTERM, then SIGKILL after EXEC_STOP_GRACE_SECONDS (a queued run is canceled without starting)',
    errors: [400, 404, 409],
    engine: true,
  })
  stopExec(@Param() params: ExecIdParamsDto): Promise<ExecDoneDto> {
    return this.exec.stop(params.exec_id);
  }

  @Delete('item/:exec_id')
  @Endpoint({
    summary: 'Forget a stopped or queued run: removes its container, run folder and queue place (409 while it runs)',
    errors: [400, 404, 409],
    engine: true,
  })
  deleteExec(@Param() params: ExecIdParamsDto): Promise<ExecDoneDto> {
    return this.exec.remove(params.exec_id);
  }

  @Get('progress/:exec_id')
  @ApiExtraModels(ExecProgressDto)
  @ApiOkResponse({
    schema: { allOf: [{ $ref: getSchemaPath(ExecProgressDto) }], nullable: true },
    description: 'The content of /apprun/progress.json; null while it is missing or half-written.',
  })
  @Endpoint({ summary: 'What the run last wrote to /apprun/progress.json, or null', errors: [400, 404] })
  getExecProgress(@Param() params: ExecIdParamsDto): Promise<ExecProgressDto | null> {
    return this.exec.progress(params.exec_id);
  }

  @Get('result/:exec_id')
  @ApiExtraModels(ExecResultDto)
  @ApiOkResponse({
    schema: { allOf: [{ $ref: getSchemaPath(ExecResultDto) }], nullable: true },
    description: 'The content of /apprun/result.json; null while it is missing or half-written.',
  })
  @Endpoint({ summary: 'What the run wrote to /apprun/result.json, or null', errors: [400, 404] })
  getExecResult(@Param() params: ExecIdParamsDto): Promise<ExecResultDto | null> {
    return this.exec.result(params.exec_id);
  }
}
