import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { LogLevelName, REDACTED, REDACT_PATHS, pinoLevelOf, wantsPrettyLogs } from './log-settings';

export interface LoggerSettings {
  level: LogLevelName;
  /** Human-readable lines (pino-pretty) instead of JSON. */
  pretty: boolean;
}

/** The settings of this process: LOG_LEVEL, and readable lines for development or a terminal. */
export function loggerSettings(level: LogLevelName): LoggerSettings {
  return { level, pretty: wantsPrettyLogs(process.env.NODE_ENV, process.stdout.isTTY === true) };
}

/** pino-pretty is a development dependency: an image built without it logs JSON. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The one logger of the process, shared by Fastify (request lines) and Nest
 * (everything the services log): JSON lines on stdout with an ISO time and
 * the level's name, credentials redacted. Written synchronously, so the
 * last lines before an exit are not lost.
 */
export function createRootLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: pinoLevelOf(settings.level),
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (settings.pretty && destination === undefined && prettyAvailable()) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino(
    { ...options, formatters: { level: (label) => ({ level: label }) } },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
