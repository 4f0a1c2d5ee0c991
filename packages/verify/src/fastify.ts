import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VerifyResult } from './result.js';
import type { Verifier } from './verifier.js';

export interface KeyguardVerifyOptions {
  verifier: Verifier;
  /** The request header carrying the key (default `x-api-key`). */
  header?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The verification of the request's key; set on every request the plugin let through. */
    keyguard: VerifyResult | null;
  }
}

/** Why a request was refused: a verification code, or MISSING_KEY when it carried none. */
export type RefusalCode = Exclude<VerifyResult['code'], 'VALID'> | 'MISSING_KEY';

/** 503 (with Retry-After) when the verifier cannot vouch for its table; 401 for every other refusal. */
export function refusalStatus(code: RefusalCode): 401 | 503 {
  return code === 'UNAVAILABLE' ? 503 : 401;
}

/**
 * Protects every route of the scope it is registered in: a request whose key (header
 * `x-api-key`) does not verify as VALID is answered 401 `{ "code": … }` before its body is
 * read — or 503 `{ "code": "UNAVAILABLE" }` while the verifier cannot vouch for its table.
 * Verification is in-process (`verifier.check`: from memory, keys-api only as fallback).
 * Routes find the result on `request.keyguard` (keyId, teamId, owner, ...).
 *
 *   await app.register(async (api) => {
 *     await api.register(keyguardVerify, { verifier });
 *     api.get('/v1/me', async (request) => ({ keyId: request.keyguard!.keyId }));
 *   });
 */
const plugin: FastifyPluginAsync<KeyguardVerifyOptions> = async (app, options) => {
  const header = (options.header ?? 'x-api-key').toLowerCase();
  const refuse = (reply: FastifyReply, code: RefusalCode) => {
    const status = refusalStatus(code);
    if (status === 503) reply.header('retry-after', '1');
    return reply.code(status).send({ code });
  };
  app.decorateRequest('keyguard', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const presented = request.headers[header];
    const key = typeof presented === 'string' ? presented.trim() : '';
    if (!key) return refuse(reply, 'MISSING_KEY');
    const result = await options.verifier.check(key);
    if (!result.valid) return refuse(reply, result.code as RefusalCode);
    request.keyguard = result;
  });
};

export const keyguardVerify = fp(plugin, { name: '@keyguard/verify', fastify: '5.x' });
