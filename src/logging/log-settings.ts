/**
 * How the service logs, decided from its configuration and where its output
 * goes. Framework-free, so it is unit-tested.
 */

/** LOG_LEVEL values: Nest's names, and pino's own `info` and `trace`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'info', 'debug', 'verbose', 'trace'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** The pino level of a LOG_LEVEL value: Nest's `log` is pino's `info`, `verbose` is `trace`. */
export function pinoLevelOf(level: LogLevelName): PinoLevel {
  if (level === 'log') return 'info';
  if (level === 'verbose') return 'trace';
  return level;
}

/** Human-readable lines only for a developer: NODE_ENV=development, or a terminal. Log shippers get JSON. */
export function wantsPrettyLogs(nodeEnv: string | undefined, isTTY: boolean): boolean {
  return nodeEnv === 'development' || isTTY;
}

/**
 * Fields never written, whatever logs them: credentials in headers (of a
 * request or an answer) and in bodies. The request line itself holds no
 * header and no body; this catches anything else that logs a request.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body',
  'req.body',
  'token',
  '*.token',
  'password',
  '*.password',
];

/** What a redacted field reads. */
export const REDACTED = '[redacted]';
