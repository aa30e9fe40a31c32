import pino, { type DestinationStream, type Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Structured JSON logs (one object per line) to stdout, or to `destination` (tests). Errors under `err` are
 * serialised with their stack, message and Discord error code.
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = { name: 'parley', level, serializers: { err: pino.stdSerializers.err } };
  return destination ? pino(options, destination) : pino(options, pino.destination({ dest: 1, sync: true }));
}

/** Write out anything buffered; resolves even if flushing fails (used on shutdown). */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}

export type { Logger };
