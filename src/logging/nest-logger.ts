import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestContext } from '../common/request-context';

type PinoMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Whether text reads as a stack trace: a line after the first that is indented and begins with `at `. */
const isStack = (text: string) =>
  text
    .split('\n')
    .slice(1)
    .some((line) => {
      const code = line.trimStart();
      return code.length < line.length && code.startsWith('at ');
    });

/**
 * Nest's Logger written through pino: every `new Logger('Context').log(...)`
 * of the services becomes a JSON line with `context`, and `requestId` when
 * it is logged while a request is handled. A message that is an object is
 * a structured event: its fields become the line's fields (`msg` its text).
 * Nest appends the logger's context as the last argument, and `error` takes
 * `(message, stack?, context?)`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  private write(level: PinoMethod, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    const last = rest[rest.length - 1];
    if (typeof last === 'string' && !isStack(last)) fields.context = rest.pop();
    if (level === 'error' && rest.length) {
      const stack = rest.shift();
      if (typeof stack === 'string') fields.stack = stack;
      else if (stack !== undefined) rest.unshift(stack);
    }
    if (rest.length) fields.details = rest;
    const request = requestContext.getStore();
    if (request) fields.requestId = request.requestId;
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (message !== null && typeof message === 'object') this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
