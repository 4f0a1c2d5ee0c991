import { type FastifyInstance, HttpError } from '@keyguard/runtime';

/** GitHub drops payloads over 25 MB, so a larger body is never a real delivery. */
export const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/**
 * Makes `application/json` bodies arrive as the raw Buffer in `request.body`, so signatures are
 * verified over the exact bytes before anything parses them. Any other content type is a 415
 * (every other parser is removed from this scope); a body over the route's `bodyLimit` is a 413.
 * Call inside an encapsulated plugin (`app.register(async (scope) => { rawJsonBodies(scope); ... })`).
 */
export function rawJsonBodies(scope: FastifyInstance): void {
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
