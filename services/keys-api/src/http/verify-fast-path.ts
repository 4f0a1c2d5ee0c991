import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCodes, type FastifyBaseLogger, type FastifyBodyParser } from 'fastify';
import { errorAnswer, type HotPath, type Metrics } from '@keyguard/runtime';
import type { Verification } from '../domain/verification.js';
import type { HeaderSink, VerifyCall } from './verify-callers.js';
import { VERIFY_BODY_LIMIT, VERIFY_URL, type VerifySteps } from './verify-steps.js';

/** One answer the hot path sent (for the tests' contract watcher). */
export interface HotAnswer {
  method: string;
  route: string;
  status: number;
  contentType: string;
  body: string;
}

export interface VerifyFastPathOptions {
  steps: VerifySteps;
  /** The headers every /api answer carries (security-headers.ts). */
  securityHeaders: Readonly<Record<string, string>>;
  metrics: Metrics;
  /** `request.ip` as Fastify gives it with the same trustProxy (runtime's `clientAddress`). */
  clientAddress: (request: IncomingMessage) => string;
  /** Fastify's own JSON body parser (`app.getDefaultJsonParser`): the same errors for the same bodies. */
  jsonParser: FastifyBodyParser<string>;
  logger: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** Told every answer, after it is sent (tests check them against the contract). */
  onAnswer?: (answer: HotAnswer) => void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** An answer's body and its length in bytes (for Content-Length). */
interface Encoded {
  body: string;
  length: string;
}

/** How many encoded answers are kept (a few MB at most). */
const ENCODED_MAX = 10_000;

/** A JSON body in UTF-8 (what every verify client sends); any other Content-Type is Fastify's to parse or refuse. */
const isJson = (contentType: string | undefined) =>
  contentType === 'application/json' || (contentType !== undefined && /^application\/json\s*;\s*charset="?utf-8"?\s*$/i.test(contentType));

/**
 * POST /api/v1/keys/verify answered below Fastify: at 10,000 calls/s on two cores shared with
 * the load generator, Fastify's own per-request work (its request and reply objects, hooks,
 * content-type parsing, routing) cost as much CPU as the verification (`npm run bench:verify`).
 * It takes a request only from its method, URL and a JSON Content-Type — anything else goes to
 * Fastify untouched, body unread — and then runs the route's own steps (verify-steps.ts) in the
 * route's order: the caller from the headers (401/429), the body read with a byte cap (413 from
 * Content-Length or as it arrives; never buffered past VERIFY_BODY_LIMIT) and parsed by
 * Fastify's JSON parser (400 with its reason; after such an answer the connection closes, as
 * Fastify closes it), checked against the contract (400 naming why),
 * answered from the table, a failed call counted against its caller. Each answer carries the
 * headers Fastify's route sends (the security headers, JSON content type and length; the server
 * adds the same date and keep-alive headers to both) with the body the contract's serializer
 * for its status writes, and feeds the same request counter and duration histogram. Nothing
 * here logs a request; a 5xx is logged with its error, never the body.
 */
export function createVerifyFastPath(options: VerifyFastPathOptions): HotPath {
  const { steps, metrics, clientAddress, jsonParser, logger, onAnswer } = options;
  const route = VERIFY_URL;
  const headerPairs = Object.entries(options.securityHeaders).flat();
  const queryPrefix = `${route}?`;
  // The series the route feeds, each child resolved once (a label lookup per request is most of a counter's cost).
  const duration = metrics.httpDuration.labels({ route });
  const counters = new Map<number, { inc(): void }>();
  const counter = (status: number) => {
    let child = counters.get(status);
    if (!child) {
      child = metrics.httpRequests.labels({ method: 'POST', route, status: String(status) });
      counters.set(status, child);
    }
    return child;
  };

  /** One call: the request, where its answer goes, and the headers a step added (Retry-After). */
  class Call implements VerifyCall, HeaderSink {
    readonly headers: IncomingMessage['headers'];
    readonly ip: string;
    readonly log = logger;
    verifyCaller: VerifyCall['verifyCaller'] = null;
    extra: string[] | null = null;
    readonly started = performance.now();

    constructor(
      readonly request: IncomingMessage,
      readonly response: ServerResponse,
    ) {
      this.headers = request.headers;
      this.ip = clientAddress(request);
    }

    header(name: string, value: string): void {
      this.extra ??= [];
      this.extra.push(name.toLowerCase(), value);
    }
  }

  const settledWith = (err?: Error) => err && logger.warn({ err }, 'could not count a failed verify call');

  /**
   * Bodies of the answers sent lately, by answer: the verifier answers from a frozen object per
   * key (and one NOT_FOUND for all unknown keys), so a key's answer is encoded once, not per call
   * (~1.5 µs of ~50). At most ENCODED_MAX answers are kept; past that the map starts over.
   */
  const encoded = new Map<object, Encoded>();
  function encode(status: number, payload: unknown): Encoded {
    const reusable = status === 200 && Object.isFrozen(payload);
    let answer = reusable ? encoded.get(payload as object) : undefined;
    if (!answer) {
      const body = steps.serialize(status, payload);
      answer = { body, length: String(Buffer.byteLength(body)) };
      if (reusable) {
        if (encoded.size >= ENCODED_MAX) encoded.clear();
        encoded.set(payload as object, answer);
      }
    }
    return answer;
  }
  /** An answer's headers, the same every time but for the length (set per answer: writeHead copies them at once). */
  const plainHeaders = [...headerPairs, 'content-type', JSON_TYPE, 'content-length', ''];

  function send(call: Call, status: number, payload: unknown): void {
    const { body, length } = encode(status, payload);
    let headers = plainHeaders;
    if (call.extra) headers = [...headerPairs, ...call.extra, 'content-type', JSON_TYPE, 'content-length', length];
    else plainHeaders[plainHeaders.length - 1] = length;
    call.response.writeHead(status, headers);
    call.response.end(body);
    counter(status).inc();
    duration.observe((performance.now() - call.started) / 1000);
    onAnswer?.({ method: 'POST', route, status, contentType: JSON_TYPE, body });
    steps.settled(call, status, settledWith);
  }

  function fail(call: Call, error: Error): void {
    const { status, body } = errorAnswer(error as Parameters<typeof errorAnswer>[0]);
    if (status >= 500) logger.error({ err: error, status, method: 'POST', route }, 'request failed');
    send(call, status, body);
  }

  /** A body that could not be read or parsed: as Fastify does, the connection closes after the answer (the client may still be sending). */
  function refuseBody(call: Call, error: Error): void {
    call.header('connection', 'close');
    fail(call, error);
  }

  function answer(call: Call, parsed: unknown): void {
    const validated = steps.body(parsed);
    if ('error' in validated) fail(call, validated.error);
    else answerFor(call, validated.value);
  }

  function answerFor(call: Call, body: { key: string }): void {
    let verification: Verification | Promise<Verification>;
    try {
      verification = steps.answer(call, body);
    } catch (err) {
      fail(call, err as Error);
      return;
    }
    if (verification instanceof Promise) {
      verification.then(
        (v) => send(call, 200, v),
        (err: Error) => fail(call, err),
      );
    } else send(call, 200, verification);
  }

  /** The body, at most VERIFY_BODY_LIMIT bytes, as Fastify's body reader takes it. */
  function readBody(call: Call): void {
    const { request } = call;
    const declared = Number(request.headers['content-length']);
    if (declared > VERIFY_BODY_LIMIT) {
      refuseBody(call, new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const detach = () => {
      request.removeListener('data', onData);
      request.removeListener('end', onEnd);
      request.removeListener('error', onEnd);
    };
    function onData(chunk: Buffer): void {
      received += chunk.length;
      if (received > VERIFY_BODY_LIMIT) {
        detach();
        refuseBody(call, new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        return;
      }
      chunks.push(chunk);
    }
    function onEnd(err?: Error & { statusCode?: number }): void {
      detach();
      if (err) {
        if (!(typeof err.statusCode === 'number' && err.statusCode >= 400)) err.statusCode = 400;
        refuseBody(call, err);
        return;
      }
      if (!Number.isNaN(declared) && received !== declared) {
        refuseBody(call, new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
        return;
      }
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
      // The usual body is taken as it is; any other goes through the parser and the contract.
      const key = steps.keyInBody(text);
      if (key !== undefined) {
        answerFor(call, { key });
        return;
      }
      // Fastify's default JSON parser reads no request field, and answers synchronously.
      void jsonParser(request as never, text, (parseError, parsed) => (parseError ? refuseBody(call, parseError) : answer(call, parsed)));
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onEnd);
  }

  return (request, response) => {
    const url = request.url!;
    if (request.method !== 'POST' || (url !== route && !url.startsWith(queryPrefix)) || !isJson(request.headers['content-type'])) return false;
    const call = new Call(request, response);
    steps.admit(call, call, (err) => (err ? fail(call, err) : readBody(call)));
    return true;
  };
}
