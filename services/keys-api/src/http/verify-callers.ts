import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { hashApiKey, isApiKeyFormat, isServiceTokenFormat } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import { createKeyRepository, createUserRepository, type ServiceTokenRepository, type Store } from '@keyguard/store';
import { isAdmin } from '../domain/access.js';
import { presentedKey } from './auth.js';

/** Who calls POST /keys/verify: a service token with scope keys:verify, or an admin's key. */
export interface VerifyCaller {
  kind: 'service_token' | 'admin_key';
  id: string;
  teamId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    verifyCaller: VerifyCaller | null;
  }
}

export interface VerifyCallersOptions {
  /** How long an answer about a credential is reused (default 1000 ms): a deleted token, or a revoked admin key, stops working within this. */
  cacheMs?: number;
  /** Failed calls (400, 401, 413, 415) a caller may make per window before it gets 429 (default 20 per 10 s). */
  failures?: { points: number; windowSeconds: number };
  /** The id of the key with this hash, if known: an admin key is then read by id (see the authenticator's `keyIdOf`). */
  keyIdOf?: (hash: string) => string | undefined;
}

/**
 * The callers of POST /keys/verify. A verification API is called at the rate of the caller's
 * own traffic, so credentials are resolved once and then reused for `cacheMs` (an LRU of
 * hashes, unknown ones included, so a bad caller costs no database read per request either);
 * deleting a service token forgets it at once in this process. Failed calls are counted per
 * caller — its token or key once known, else its address — and a caller past the budget is
 * answered 429 with Retry-After until its window ends (rate-limiter-flexible keeps the counts).
 * An address over budget is refused before any lookup, except for credentials that verified
 * lately: a good caller is not locked out by bad ones sharing its address.
 */
export function createVerifyCallers(store: Store, tokens: ServiceTokenRepository, options: VerifyCallersOptions = {}) {
  const keys = createKeyRepository(store);
  const users = createUserRepository(store);
  const cache = new LRUCache<string, VerifyCaller | false>({ max: 10_000, ttl: options.cacheMs ?? 1000 });
  const failures = options.failures ?? { points: 20, windowSeconds: 10 };
  const limiter = new RateLimiterMemory({ points: failures.points, duration: failures.windowSeconds });
  /** Service token uses are recorded at most once a minute per token. */
  const touched = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  /** Hashes of credentials that authenticated in the last minute: exempt from their address's budget. */
  const recentlyGood = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });

  async function resolve(raw: string, hash: string): Promise<VerifyCaller | null> {
    const cached = cache.get(hash);
    if (cached !== undefined) return cached || null;
    let caller: VerifyCaller | null = null;
    if (isServiceTokenFormat(raw)) {
      const token = await tokens.findByHash(hash);
      if (token?.scopes.includes('keys:verify')) caller = { kind: 'service_token', id: token._id, teamId: token.teamId };
    } else if (isApiKeyFormat(raw)) {
      const now = new Date();
      const key = await keys.findUsable({ hash, idHint: options.keyIdOf?.(hash) }, now);
      const user = key ? await users.findById(key.createdBy) : null;
      if (key && user && isAdmin(user.role)) caller = { kind: 'admin_key', id: key._id, teamId: key.teamId };
    }
    cache.set(hash, caller ?? false);
    if (caller) recentlyGood.set(hash, true);
    return caller;
  }

  const keyOf = (request: FastifyRequest) => (request.verifyCaller ? `${request.verifyCaller.kind}:${request.verifyCaller.id}` : `ip:${request.ip}`);

  async function refuseIfThrottled(key: string, reply: FastifyReply): Promise<void> {
    const state = await limiter.get(key);
    if (state && state.consumedPoints >= failures.points) {
      const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      reply.header('retry-after', String(seconds));
      throw new HttpError(429, 'too_many_requests', `too many failed calls; try again in ${seconds} s`);
    }
  }

  return {
    /**
     * onRequest: an address past its failure budget is refused before anything else (unless its
     * credential verified lately); then who is calling (401 otherwise), and whether they may call
     * now (429). The credential is hashed once for both.
     */
    async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const raw = presentedKey(request);
      const hash = raw ? hashApiKey(raw) : null;
      if (!hash || !recentlyGood.has(hash)) await refuseIfThrottled(`ip:${request.ip}`, reply);
      const caller = raw && hash ? await resolve(raw, hash) : null;
      if (!caller) throw new HttpError(401, 'unauthorized', 'a service token with scope keys:verify, or an admin key, is required');
      request.verifyCaller = caller;
      await refuseIfThrottled(keyOf(request), reply);
      if (caller.kind === 'service_token' && !touched.has(caller.id)) {
        touched.set(caller.id, true);
        void tokens.touch(caller.id).catch((err: unknown) => request.log.warn({ err }, 'could not record a service token use'));
      }
    },
    /** Whether an answer of this status counts as a failed call. */
    isFailure(status: number): boolean {
      return status === 400 || status === 401 || status === 413 || status === 415;
    },
    /** onResponse, for a failed call: counts it against its caller. */
    async countFailure(request: FastifyRequest): Promise<void> {
      await limiter.penalty(keyOf(request), 1);
    },
    /** Forgets a credential at once (a service token was deleted). */
    forget(hash: string): void {
      cache.delete(hash);
      recentlyGood.delete(hash);
    },
  };
}
export type VerifyCallers = ReturnType<typeof createVerifyCallers>;
