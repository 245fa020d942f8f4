import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NAME_PATTERN } from '../catalog/name-pattern';
import { Endpoint } from '../common/endpoint.decorator';
import { AppsService } from './apps.service';
import { AppModuleDto } from './dto/app-module.dto';

@ApiTags('app')
@Controller('app')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Get('list')
  @Endpoint({ summary: 'The app modules of the modules folder (APPS_DIR)' })
  listAppModules(): Promise<AppModuleDto[]> {
    return this.apps.list();
  }

  @Post('run/:module_id')
  @HttpCode(200)
  @ApiBody({
    description:
      'Anything the module takes: a script module reads it as params.json, a server module receives it as the body of its POST /api/run.',
    schema: { type: 'object', additionalProperties: true },
    required: false,
  })
  @ApiParam({
    name: 'module_id',
    description: "The module's id (its folder name under APPS_DIR).",
    schema: { type: 'string', pattern: NAME_PATTERN.source },
  })
  @ApiOkResponse({
    description:
      "What the module answered: a script module's result.json, a server module's JSON answer to POST /api/run.",
    content: { 'application/json': { schema: {} } },
  })
  @Endpoint({
    summary: 'Run an app module',
    description:
      'Builds the module image first when its tag is missing. A module that fails, times out or leaves no result answers a problem ' +
      'document whose `log` holds the last lines of its output (502 failed, 504 timed out, 422 invalid module or image build failed).',
    errors: [400, 404, 409, 422, 502, 504],
    engine: true,
  })
  async runAppModule(
    @Param('module_id') moduleId: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    // Serialised here so that any JSON value (also a bare string or null) goes out as JSON.
    reply.type('application/json');
    return JSON.stringify(await this.apps.run(moduleId, body));
  }
}
