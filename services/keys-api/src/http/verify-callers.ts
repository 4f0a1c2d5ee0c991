import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
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

/**
 * A call of POST /keys/verify, as far as admitting it goes: a Fastify request is one, and so is
 * what the hot path (verify-fast-path.ts) makes of a raw request.
 */
export interface VerifyCall {
  readonly headers: IncomingHttpHeaders;
  /** The client's address (Fastify's `request.ip`). */
  readonly ip: string;
  readonly log: Pick<FastifyBaseLogger, 'warn'>;
  /** Who calls, once admitted. */
  verifyCaller: VerifyCaller | null;
}

/** Where an answer's extra headers go (Fastify's reply, or the hot path's answer). */
export interface HeaderSink {
  header(name: string, value: string): unknown;
}

export interface VerifyCallersOptions {
  /** How long an answer about a credential is reused (default 1000 ms): a deleted token, or a revoked admin key, stops working within this. */
  cacheMs?: number;
  /** Failed calls (400, 401, 413, 415) a caller may make per window before it gets 429 (default 20 per 10 s). */
  failures?: { points: number; windowSeconds: number };
  /** The id of the key with this hash, if known: an admin key is then read by id (see the authenticator's `keyIdOf`). */
  keyIdOf?: (hash: string) => string | undefined;
}

/** What a credential was found to be, and when that lookup began (ms since the epoch). */
interface Checked {
  caller: VerifyCaller | false;
  at: number;
}

/**
 * The callers of POST /keys/verify. A verification API is called at the rate of the caller's
 * own traffic, so credentials are resolved once and then reused for `cacheMs` (an LRU of
 * hashes, unknown ones included, so a bad caller costs no database read per request either);
 * deleting a service token forgets it at once in this process. One lookup per credential is in
 * flight at a time — calls that find none cached wait for it together — and a credential in use
 * is looked up again in the background once its answer is half `cacheMs` old, so a busy caller
 * never waits on the database when its answer expires (before, every call arriving in that
 * moment made its own lookup: a pile-up behind the p99 at 10,000 calls/s).
 * A credential admitted lately is not hashed again: its hash is remembered by the credential.
 * Failed calls are counted per caller — its token or key once known, else its address — and a
 * caller past the budget is answered 429 with Retry-After until its window ends
 * (rate-limiter-flexible keeps the counts).
 * An address over budget is refused before any lookup, except for credentials that verified
 * lately: a good caller is not locked out by bad ones sharing its address.
 */
export function createVerifyCallers(store: Store, tokens: ServiceTokenRepository, options: VerifyCallersOptions = {}) {
  const keys = createKeyRepository(store);
  const users = createUserRepository(store);
  const cacheMs = options.cacheMs ?? 1000;
  const cache = new LRUCache<string, Checked>({ max: 10_000, ttl: cacheMs });
  /** Lookups in flight, one per credential hash. */
  const lookups = new Map<string, Promise<Checked>>();
  const failures = options.failures ?? { points: 20, windowSeconds: 10 };
  const limiter = new RateLimiterMemory({ points: failures.points, duration: failures.windowSeconds });
  /** Service token uses are recorded at most once a minute per token. */
  const touched = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  /** Hashes of credentials that authenticated in the last minute: exempt from their address's budget. */
  const recentlyGood = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  /**
   * The hash of each credential admitted lately, by the credential as presented: a caller sends
   * the same token on every call, and its SHA-256 was ~2 µs of the ~50 µs CPU a verify call
   * costs. Only credentials that authenticated go in (junk cannot crowd them out), in this
   * process's memory only — like the requests that bring them. A plain Map (an LRU's bookkeeping
   * cost half of what the hash did), started over when full or a minute after it was last.
   */
  const hashes = new Map<string, string>();
  let hashesSince = Date.now();
  const rememberHash = (raw: string, hash: string) => {
    if (hashes.size >= 1000 || Date.now() - hashesSince > 60_000) {
      hashes.clear();
      hashesSince = Date.now();
    }
    hashes.set(raw, hash);
  };

  async function find(raw: string, hash: string): Promise<VerifyCaller | false> {
    if (isServiceTokenFormat(raw)) {
      const token = await tokens.findByHash(hash);
      if (token?.scopes.includes('keys:verify')) return { kind: 'service_token', id: token._id, teamId: token.teamId };
    } else if (isApiKeyFormat(raw)) {
      const key = await keys.findUsable({ hash, idHint: options.keyIdOf?.(hash) }, new Date());
      const user = key ? await users.findById(key.createdBy) : null;
      if (key && user && isAdmin(user.role)) return { kind: 'admin_key', id: key._id, teamId: key.teamId };
    }
    return false;
  }

  /** The credential looked up now (joining a lookup in flight); cached unless forgotten meanwhile. */
  function lookUp(raw: string, hash: string): Promise<Checked> {
    const inFlight = lookups.get(hash);
    if (inFlight) return inFlight;
    // An answer is as old as the read it came from: it expires `cacheMs` after the lookup began.
    const at = Date.now();
    const lookup: Promise<Checked> = find(raw, hash)
      .then((caller) => {
        const checked = { caller, at };
        if (lookups.get(hash) === lookup) {
          cache.set(hash, checked, { ttl: Math.max(1, at + cacheMs - Date.now()) });
          if (caller) recentlyGood.set(hash, true);
        }
        return checked;
      })
      .finally(() => {
        if (lookups.get(hash) === lookup) lookups.delete(hash);
      });
    lookups.set(hash, lookup);
    return lookup;
  }

  async function resolve(raw: string, hash: string): Promise<VerifyCaller | null> {
    const checked = cache.get(hash) ?? (await lookUp(raw, hash));
    return checked.caller || null;
  }

  /** A cached answer past half its life is refreshed in the background (one lookup at a time). */
  function refreshIfAgeing(request: VerifyCall, raw: string, hash: string, checked: Checked): void {
    if (Date.now() - checked.at < cacheMs / 2 || lookups.has(hash)) return;
    lookUp(raw, hash).catch((err: unknown) => request.log.warn({ err }, 'could not refresh a verify caller'));
  }

  /**
   * Limiter keys with a failure counted within the last window (each failure renews its entry,
   * so a key the limiter still counts is always here): the others need no limiter read.
   */
  const failedLately = new LRUCache<string, true>({ max: 100_000, ttl: failures.windowSeconds * 1000 });
  /** Whether a cached caller needs no budget check: neither it nor its address failed lately. */
  const mayPassUnchecked = (request: VerifyCall, caller: VerifyCaller, hash: string) =>
    !failedLately.has(`${caller.kind}:${caller.id}`) && (recentlyGood.has(hash) || !failedLately.has(`ip:${request.ip}`));
  const unauthorized = () => new HttpError(401, 'unauthorized', 'a service token with scope keys:verify, or an admin key, is required');

  const keyOf = (request: VerifyCall) => (request.verifyCaller ? `${request.verifyCaller.kind}:${request.verifyCaller.id}` : `ip:${request.ip}`);

  async function refuseIfThrottled(key: string, reply: HeaderSink): Promise<void> {
    const state = await limiter.get(key);
    if (state && state.consumedPoints >= failures.points) {
      const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      reply.header('retry-after', String(seconds));
      throw new HttpError(429, 'too_many_requests', `too many failed calls; try again in ${seconds} s`);
    }
  }

  /** The full check: who calls (a database read on a cache miss), then both budgets. */
  async function admitSlowly(request: VerifyCall, reply: HeaderSink, raw: string | null, hash: string | null): Promise<void> {
    if (!hash || !recentlyGood.has(hash)) await refuseIfThrottled(`ip:${request.ip}`, reply);
    const caller = raw && hash ? await resolve(raw, hash) : null;
    if (!caller) throw unauthorized();
    request.verifyCaller = caller;
    await refuseIfThrottled(keyOf(request), reply);
    touch(request, caller);
  }

  function touch(request: VerifyCall, caller: VerifyCaller): void {
    if (caller.kind === 'service_token' && !touched.has(caller.id)) {
      touched.set(caller.id, true);
      void tokens.touch(caller.id).catch((err: unknown) => request.log.warn({ err }, 'could not record a service token use'));
    }
  }

  return {
    /**
     * onRequest (callback style): an address past its failure budget is refused before anything
     * else (unless its credential verified lately); then who is calling (401 otherwise), and
     * whether they may call now (429). The credential is hashed once for both. A caller known
     * from the cache, when neither it nor (unless it verified lately) its address has failed
     * within the window, is admitted synchronously: no promise, no limiter read, per request.
     */
    admit(request: VerifyCall, reply: HeaderSink, done: (err?: Error) => void): void {
      const raw = presentedKey(request);
      const known = raw ? hashes.get(raw) : undefined;
      const hash = known ?? (raw ? hashApiKey(raw) : null);
      const checked = hash ? cache.get(hash) : undefined;
      const cached = checked?.caller;
      if (cached && (failedLately.size === 0 || mayPassUnchecked(request, cached, hash!))) {
        if (known === undefined) rememberHash(raw!, hash!);
        refreshIfAgeing(request, raw!, hash!, checked!);
        request.verifyCaller = cached;
        touch(request, cached);
        done();
        return;
      }
      admitSlowly(request, reply, raw, hash).then(() => done(), done);
    },
    /** Whether an answer of this status counts as a failed call. */
    isFailure(status: number): boolean {
      return status === 400 || status === 401 || status === 413 || status === 415;
    },
    /** onResponse, for a failed call: counts it against its caller. */
    async countFailure(request: VerifyCall): Promise<void> {
      const key = keyOf(request);
      failedLately.set(key, true);
      await limiter.penalty(key, 1);
    },
    /** Forgets a credential at once (a service token was deleted). */
    forget(hash: string): void {
      for (const [raw, h] of hashes.entries()) if (h === hash) hashes.delete(raw);
      cache.delete(hash);
      lookups.delete(hash);
      recentlyGood.delete(hash);
    },
  };
}
export type VerifyCallers = ReturnType<typeof createVerifyCallers>;
