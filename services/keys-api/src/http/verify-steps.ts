import { type VerifyKey, verifyKey } from '@keyguard/contract';
import { API_KEY_PATTERN, isApiKeyFormat } from '@keyguard/keys';
import type { HttpError } from '@keyguard/runtime';
import type { z } from 'zod';
import type { VerificationService } from '../adapters/verification.js';
import type { Verification } from '../domain/verification.js';
import { fastSerializerCompiler, serializerCompiler, validatorCompiler } from './schema-compilers.js';
import type { HeaderSink, VerifyCall, VerifyCallers } from './verify-callers.js';

/** The largest verification request taken (a key is 64 characters); more is a 413. */
export const VERIFY_BODY_LIMIT = 4096;

/** The route's path under /api/v1. */
export const VERIFY_URL = `/api/v1${verifyKey.url}`;

/**
 * The body almost every call sends, byte for byte: one member `key` holding an API key, JSON
 * whitespace allowed around the tokens. An API key has no character JSON escapes, so its text
 * is its value: such a body parses (Fastify's parser) and validates (`body`) to exactly `{ key }`.
 */
const KEY_BODY = ((ws: string) => new RegExp(`^${ws}\\{${ws}"key"${ws}:${ws}"(${API_KEY_PATTERN.source.slice(1, -1)})"${ws}\\}${ws}$`))('[ \\t\\n\\r]*');

type Validated = { value: { key: string } } | { error: HttpError };

/**
 * POST /keys/verify, step by step: the one implementation that both the Fastify route
 * (routes/verify.ts, the reference and what the OpenAPI document describes) and the hot path
 * below Fastify (verify-fast-path.ts) run, in this order:
 * 1. `admit` — who calls, settled from the headers before the body is read (401, 429);
 * 2. `body` — the parsed JSON body checked against the contract (400 naming why);
 * 3. `answer` — the verification, from the key-state table (synchronous) or the store (a promise);
 * 4. `settled` — a failed call (400, 401, 413, 415) counts against its caller.
 * Answers are encoded by `serialize` with the contract's schema for their status — the same
 * compilers the route's schema gets.
 */
export function createVerifySteps({ verifyCallers, verification }: { verifyCallers: VerifyCallers; verification: VerificationService }) {
  const route = { method: 'POST', url: VERIFY_URL };
  const full = validatorCompiler({ ...route, schema: verifyKey.schema.body, httpPart: 'body' });
  const responses = verifyKey.schema.response as Record<string, z.ZodType>;
  const serializers = new Map<number, (data: unknown) => string>(
    Object.entries(responses).map(([status, schema]) => [
      Number(status),
      (status === '200' ? fastSerializerCompiler : serializerCompiler)({ ...route, schema, httpStatus: status }) as (data: unknown) => string,
    ]),
  );

  return {
    admit(call: VerifyCall, reply: HeaderSink, done: (err?: Error) => void): void {
      verifyCallers.admit(call, reply, done);
    },

    /**
     * The body almost every call sends — an object whose `key` has the API key format — is what
     * the contract's zod schema accepts, and gives back as `{ key }`, so it is taken as that
     * without a zod parse (a tenth of the route's CPU); anything else goes through zod, for the
     * 400 naming why.
     */
    body(data: unknown): Validated {
      const key = typeof data === 'object' && data !== null ? (data as { key?: unknown }).key : undefined;
      return typeof key === 'string' && isApiKeyFormat(key) ? { value: { key } } : (full(data) as Validated);
    },

    /**
     * The key of a body that is `{"key": "<an API key>"}` as text, without parsing it (for the hot
     * path, which has the text: the parse and check cost ~2 µs of a call's ~50); undefined for any
     * other body, which then goes through the parser and `body`.
     */
    keyInBody(text: string): string | undefined {
      return KEY_BODY.exec(text)?.[1];
    },

    /** The answer for an admitted call: at once from the table, else a promise of the store's. */
    answer(call: VerifyCall, body: VerifyKey): Verification | Promise<Verification> {
      return verification.verify(body.key, call.verifyCaller!.teamId);
    },

    /** Once answered (callback style: a success costs no promise). */
    settled(call: VerifyCall, status: number, done: (err?: Error) => void): void {
      if (verifyCallers.isFailure(status)) verifyCallers.countFailure(call).then(() => done(), done);
      else done();
    },

    /** An answer of this status as the contract encodes it (JSON.stringify for an undocumented one: a 5xx). */
    serialize(status: number, data: unknown): string {
      return (serializers.get(status) ?? JSON.stringify)(data);
    },
  };
}
export type VerifySteps = ReturnType<typeof createVerifySteps>;
