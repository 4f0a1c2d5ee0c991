import { type FastifyInstance, type FastifyReply, type FastifyRequest, HttpError } from '@keyguard/runtime';

/** GitHub drops payloads over 25 MB, so a larger body is never a real delivery. */
export const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/** Bodies over this many bytes (or of unknown length) need one of the receiver's large-body slots. */
export const LARGE_BODY_BYTES = 1024 * 1024;

/**
 * How many large bodies a receiver reads at once. Reading is where memory goes (a 25 MB body is
 * held whole to verify its signature): beyond the slots a sender gets 503 with Retry-After
 * before a byte of its body is read.
 */
export function createBodySlots(size: number) {
  let used = 0;
  return {
    tryAcquire(): (() => void) | undefined {
      if (used >= size) return undefined;
      used += 1;
      let released = false;
      return () => {
        if (!released) {
          released = true;
          used -= 1;
        }
      };
    },
    inUse: () => used,
  };
}
export type BodySlots = ReturnType<typeof createBodySlots>;

/**
 * Rejects a request before its body is read: the answer asks to close the connection, so Node
 * does not read (and discard) the rest of an upload it refused.
 */
export function refuseBeforeBody(reply: FastifyReply, error: HttpError): never {
  reply.header('connection', 'close');
  throw error;
}

/** An `onRequest` hook taking a large-body slot for the request's lifetime (503 when none is free). */
export function largeBodyGuard(slots: BodySlots) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const length = Number(request.headers['content-length']);
    const large = Number.isFinite(length) ? length > LARGE_BODY_BYTES : request.headers['transfer-encoding'] !== undefined;
    if (!large) return;
    const release = slots.tryAcquire();
    if (!release) refuseBeforeBody(reply, new HttpError(503, 'receiver_busy', 'too many large requests are being received; retry later'));
    reply.raw.once('close', release);
  };
}

/**
 * Makes `application/json` bodies arrive as the raw Buffer in `request.body`, so signatures are
 * verified over the exact bytes before anything parses them. Any other content type is a 415
 * (every other parser is removed from this scope); a body over the route's `bodyLimit` is a 413.
 * With `slots`, bodies over 1 MiB are read only while a large-body slot is free.
 * Call inside an encapsulated plugin (`app.register(async (scope) => { rawJsonBodies(scope); ... })`).
 */
export function rawJsonBodies(scope: FastifyInstance, slots?: BodySlots): void {
  if (slots) scope.addHook('onRequest', largeBodyGuard(slots));
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // No per-request child logger: pino builds one (redaction included) for every request, a
  // few percent of a receiver's CPU at thousands of requests a second. Lines logged here carry
  // the delivery or correlation id instead of Fastify's request id.
  scope.setChildLoggerFactory((logger) => logger);
  // A 503 here is deliberate and safe to explain (`kafka_unavailable`): the sender should retry.
  // Everything else goes to the shared handler, which never leaks a 5xx message.
  scope.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError && error.statusCode === 503) {
      return reply.code(503).header('retry-after', '5').send({ error: error.code, message: error.message });
    }
    throw error;
  });
}

/** Parses a verified raw body (or its text, already decoded); undefined when it is not JSON. */
export function parseJson(raw: Buffer | string): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export const headerValue = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};
