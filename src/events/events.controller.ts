import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Endpoint } from '../common/endpoint.decorator';
import { ExecIdParamsDto } from '../exec/dto/exec-query.dto';
import { ApiEventStream } from './api-event-stream.decorator';
import {
  BUILD_STREAM_EVENTS,
  DASHBOARD_STREAM_EVENTS,
  EventsQueryDto,
  RUN_STREAM_EVENTS,
} from './dto/stream-events.dto';
import { EventsService } from './events.service';
import { resumePoint } from './resume-point';

const RESUME =
  'Every event has an id, increasing within the stream. To resume, send the last id as `Last-Event-ID` (EventSource does) or `?after=`: ' +
  'the events still held after it follow; when it is older than what is held, a `resync` event comes first. ' +
  'A client that reads too slowly gets a `log` event with a `dropped` count instead of the lines it missed. ' +
  'A `: keep-alive` comment comes at least every 15 s.';

@ApiTags('events')
@ApiHeader({
  name: 'Last-Event-ID',
  required: false,
  description: 'The id of the last event received: resume after it.',
})
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get('exec/events/:exec_id')
  @ApiEventStream(RUN_STREAM_EVENTS)
  @Endpoint({
    summary: "A run's live events: status, progress, result, log lines, metric points, end",
    description:
      'The latest status, progress and result are always replayed; log lines and metric points within a window. ' +
      `A run that has ended replays what is held, then sends \`end\` and closes. ${RESUME}`,
    errors: [400, 404],
  })
  streamExecEvents(
    @Param() params: ExecIdParamsDto,
    @Query() query: EventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    this.events.open(this.events.runLog(params.exec_id), reply, resumePoint(lastEventId, query.after));
  }

  @Get('image/events/:name')
  @ApiEventStream(BUILD_STREAM_EVENTS)
  @Endpoint({
    summary: "A build's live events: status, log lines, end",
    description: `A build that has ended replays what is held, then sends \`end\` and closes. ${RESUME}`,
    errors: [400, 404],
  })
  async streamImageEvents(
    @Param('name') name: string,
    @Query() query: EventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.events.open(await this.events.buildLogOf(name), reply, resumePoint(lastEventId, query.after));
  }

  @Get('events')
  @ApiEventStream(DASHBOARD_STREAM_EVENTS)
  @Endpoint({
    summary: 'Status changes of every run and build (for dashboards)',
    description: `Only \`status\` events, each with \`kind\` (exec or image) and \`id\`; the latest status of every run and build is replayed first. ${RESUME}`,
    errors: [400],
  })
  streamEvents(
    @Query() query: EventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    this.events.open(this.events.dashboardLog(), reply, resumePoint(lastEventId, query.after));
  }
}
