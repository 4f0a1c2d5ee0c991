import { createLogger, type Logger } from '@keyguard/logger';

type LogLevel = NonNullable<Parameters<typeof createLogger>[0]['level']>;

export interface Lifecycle {
  /** Registers a closer; closers run in reverse order of registration (last started, first stopped). */
  onStop(name: string, close: () => Promise<unknown> | unknown): void;
  stop(): Promise<void>;
}

/**
 * Graceful stop on SIGTERM / SIGINT: stop accepting work, finish what is in hand (HTTP
 * requests, the consumer's current batch and its commit), close connections, exit.
 * A second signal, or `graceMs` passing, exits at once.
 */
export function createLifecycle(logger: Logger, { graceMs = 15_000, exit = true } = {}): Lifecycle {
  const closers: { name: string; close: () => Promise<unknown> | unknown }[] = [];
  let stopping: Promise<void> | undefined;

  const stop = () => {
    stopping ??= (async () => {
      for (const { name, close } of [...closers].reverse()) {
        try {
          await close();
        } catch (error) {
          logger.error({ err: error, closer: name }, 'error while stopping');
        }
      }
      logger.info('stopped');
    })();
    return stopping;
  };

  if (exit) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (stopping) process.exit(1);
        logger.info({ signal }, 'stopping');
        setTimeout(() => process.exit(1), graceMs).unref();
        void stop().then(() => process.exit(0));
      });
    }
  }
  return { onStop: (name, close) => closers.push({ name, close }), stop };
}

/** Runs a service's `main`, turning a startup failure into one logged line and exit 1. */
export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${service}: failed to start: ${message}\n`);
    process.exit(1);
  });
}

export interface RunningService {
  stop(): Promise<void>;
}

/**
 * Every service's `main`: config (its only reader of process.env) → logger → the service, stopped
 * gracefully on SIGTERM / SIGINT. A bad config has already exited 78 inside `loadConfig`.
 */
export function runService<C extends { LOG_LEVEL: LogLevel }>(
  service: string,
  loadConfig: () => C,
  start: (config: C, deps: { logger: Logger }) => Promise<RunningService>,
): void {
  runMain(service, async () => {
    const config = loadConfig();
    const logger = createLogger({ name: service, level: config.LOG_LEVEL });
    const lifecycle = createLifecycle(logger);
    const running = await start(config, { logger });
    lifecycle.onStop(service, running.stop);
  });
}
