/**
 * Errors a handler throws tell the consumer what to do next: a `retriable` error is tried
 * again with backoff (upstream 5xx, timeouts, a database blip); anything else goes to the DLQ
 * at once. `code` is stable and safe to log, aggregate and alert on.
 */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HandlerError';
  }
}

export const retriable = (code: string, message: string, cause?: unknown) => new HandlerError(code, message, true, { cause });

export const permanent = (code: string, message: string, cause?: unknown) => new HandlerError(code, message, false, { cause });

/** Errors from drivers that name themselves transient (kafkajs, mongodb) count as retriable too. */
export function isRetriable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { retriable?: unknown; name?: unknown; errorLabels?: unknown; hasErrorLabel?: unknown };
  if (typeof e.retriable === 'boolean') return e.retriable;
  if (typeof e.hasErrorLabel === 'function') {
    const has = e.hasErrorLabel as (label: string) => boolean;
    if (has.call(error, 'RetryableWriteError') || has.call(error, 'ResetPool')) return true;
  }
  return typeof e.name === 'string' && /^Mongo(Network|ServerSelection|NotConnected)|^KafkaJS(Connection|RequestTimeout)/.test(e.name);
}

export function errorCode(error: unknown): string {
  if (error instanceof HandlerError) return error.code;
  // kafkajs protocol errors name the broker's error: MESSAGE_TOO_LARGE, NOT_LEADER_FOR_PARTITION, ...
  const type = (error as { type?: unknown } | null)?.type;
  if (error instanceof Error && error.name === 'KafkaJSProtocolError' && typeof type === 'string') return type;
  if (error instanceof Error) return error.name;
  return 'UNKNOWN';
}
