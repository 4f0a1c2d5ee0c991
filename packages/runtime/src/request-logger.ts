import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;
type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
// pino's log methods take (obj, msg?, ...args) or (msg, ...args); passed through as they come.
type Args = [never, ...never[]];

/**
 * A request's logger that becomes a real pino child only when something is logged. Fastify
 * makes a child logger per request (to bind its reqId), and with our redaction paths making one
 * cost more CPU than answering POST /keys/verify (`npm run bench:verify`); most requests log
 * nothing, so the child is made on the first line and otherwise never.
 */
class LazyRequestLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  private real(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }

  get level(): string {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  info(...args: Args): void {
    this.real().info(...args);
  }
  error(...args: Args): void {
    this.real().error(...args);
  }
  warn(...args: Args): void {
    this.real().warn(...args);
  }
  debug(...args: Args): void {
    this.real().debug(...args);
  }
  trace(...args: Args): void {
    this.real().trace(...args);
  }
  fatal(...args: Args): void {
    this.real().fatal(...args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }
}

/** Fastify's childLoggerFactory: each request's logger, made real on its first line. */
export const lazyRequestLogger: ChildLoggerFactory = (logger, bindings, options) =>
  new LazyRequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
