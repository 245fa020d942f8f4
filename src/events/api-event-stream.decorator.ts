import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/**
 * Documents a Server-Sent Events route: `text/event-stream`, whose schema is
 * one of the route's events (`{event, id, data}`), so the generated client
 * knows each event type's data.
 */
export function ApiEventStream(stream: { models: Type[]; events: object[] }): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(...stream.models),
    ApiProduces('text/event-stream'),
    ApiOkResponse({
      description:
        'A stream of events (text/event-stream): `id:`, `event:` and one line of JSON `data:` each, and `: keep-alive` comments.',
      content: { 'text/event-stream': { schema: { oneOf: stream.events } } },
    }),
  );
}
