import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { censor, redactPaths } from './redaction.js';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** The service or package name, carried on every line as `service`. */
  name: string;
  level?: LoggerOptions['level'];
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Human-readable output; defaults to true only when stdout is a terminal. */
  pretty?: boolean;
}

/** JSON logs with secrets censored; pretty-printed only for a person at a terminal. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const base: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.name },
    redact: { paths: redactPaths, censor },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l' } } });
  }
  return pino(base);
}

/** Correlation fields a child logger carries for one request or one message. */
export interface LogContext {
  correlationId?: string;
  eventId?: string;
  deliveryId?: string;
  [key: string]: unknown;
}

export function withContext(logger: Logger, context: LogContext): Logger {
  return logger.child(context);
}
