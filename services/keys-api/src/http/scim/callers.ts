import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { hashApiKey, isScimTokenFormat } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ScimTokenDoc, ScimTokenRepository } from '@keyguard/store';
import { presentedKey } from '../auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    scimCaller: ScimTokenDoc | null;
  }
}

/**
 * The callers of /scim/v2: identity providers with a SCIM API key (`Authorization: Bearer kgscim_…`).
 * An answer about a token is reused for a second (a provider syncs in bursts), so a revoked
 * key stops working within a second everywhere and at once in the process that revoked it.
 */
export function createScimCallers(tokens: ScimTokenRepository, cacheMs = 1000) {
  const cache = new LRUCache<string, ScimTokenDoc | false>({ max: 1000, ttl: cacheMs });
  /** Uses are recorded at most once a minute per token. */
  const touched = new LRUCache<string, true>({ max: 1000, ttl: 60_000 });

  return {
    async authenticate(request: FastifyRequest): Promise<ScimTokenDoc> {
      const raw = presentedKey(request);
      if (!raw || !isScimTokenFormat(raw)) throw new HttpError(401, 'unauthorized', 'a SCIM API key (Authorization: Bearer kgscim_…) is required');
      const hash = hashApiKey(raw);
      let token = cache.get(hash);
      if (token === undefined) {
        token = (await tokens.findByHash(hash)) ?? false;
        cache.set(hash, token);
      }
      if (!token) throw new HttpError(401, 'unauthorized', 'this SCIM API key is unknown or was revoked');
      if (!touched.has(token._id)) {
        touched.set(token._id, true);
        await tokens.touch(token._id);
      }
      request.scimCaller = token;
      return token;
    },
    forget(hash: string): void {
      cache.delete(hash);
    },
  };
}
export type ScimCallers = ReturnType<typeof createScimCallers>;
