import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ApiKeyDoc, Repositories, TeamDoc, UserDoc } from '@keyguard/store';
import { isAdmin } from '../domain/access.js';

export const SESSION_COOKIE = 'keyguard_session';

export interface Principal {
  user: UserDoc;
  team: TeamDoc;
  /** The key the request is made with (directly, or the one that opened the session); null in a single sign-on session. */
  keyId: string | null;
  via: 'api_key' | 'session';
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The key presented in `Authorization: Bearer …` or `X-Api-Key`, if any. */
export function presentedKey(request: { readonly headers: IncomingHttpHeaders }): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1]!;
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : null;
}

/** The cookie's value; null when absent or not decodable (a malformed cookie is no session: 401, never 500). */
export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('=')) || null;
    } catch {
      return null;
    }
  }
  return null;
}

const unauthorized = () => new HttpError(401, 'unauthorized', 'a valid API key is required');

export interface AuthenticatorOptions {
  /** lastUsedAt is written when the stored value is at least this old (0: every use). */
  lastUsedGranularityMs: number;
  /** A failed lastUsedAt write does not fail the request; it is reported here. */
  onStampFailed?: (error: unknown) => void;
  /**
   * The id of the key with this hex SHA-256, if known (keys-api's verifier table): the key is
   * then read by id, which FerretDB serves from its storage instead of scanning every key. A
   * hint only — the stored key decides (see `findUsable`); unknown hashes are looked up by hash.
   */
  keyIdOf?: (hash: string) => string | undefined;
}

export function createAuthenticator({ keys, users, teams, sessions }: Repositories, { lastUsedGranularityMs, onStampFailed, keyIdOf }: AuthenticatorOptions) {
  /** Keys whose lastUsedAt write is under way: one at a time per key. */
  const stamping = new Set<string>();

  /**
   * A read decides: only an enabled, unexpired key matches (a disabled, revoked, expired or
   * unknown key finds nothing), so a revocation is refused from the instant it is written.
   * The use is then stamped on lastUsedAt — at most once per `lastUsedGranularityMs` per key,
   * so a busy client does not turn every request into a database write — after the answer,
   * not before it: the request does not wait for bookkeeping (on FerretDB on SQLite every
   * update scans the collection, ~1 s at 100,000 keys; `npm run bench:insights`).
   */
  async function useKey(by: { hash: string } | { _id: string }): Promise<ApiKeyDoc | null> {
    const now = new Date();
    const key = await keys.findUsable('hash' in by ? { hash: by.hash, idHint: keyIdOf?.(by.hash) } : by, now);
    if (key && !stamping.has(key._id) && (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= lastUsedGranularityMs)) {
      stamping.add(key._id);
      void keys
        .stampUse(key._id, now)
        .catch((err: unknown) => onStampFailed?.(err))
        .finally(() => stamping.delete(key._id));
    }
    return key;
  }

  async function principalFor(key: ApiKeyDoc, via: Principal['via']): Promise<Principal | null> {
    const [user, team] = await Promise.all([users.findById(key.createdBy), teams.findById(key.teamId)]);
    // A person the identity provider deactivated is refused even before their keys are revoked.
    return user && team && user.active !== false ? { user, team, keyId: key._id, via } : null;
  }

  async function principalForUser(userId: string): Promise<Principal | null> {
    const user = await users.findById(userId);
    const team = user ? await teams.findById(user.teamId) : null;
    return user && team && user.active !== false ? { user, team, keyId: null, via: 'session' } : null;
  }

  return {
    /** Resolves a raw key to its owner (used by POST /session as well). */
    async byKey(raw: string): Promise<Principal | null> {
      const key = await useKey({ hash: hashApiKey(raw) });
      return key ? principalFor(key, 'api_key') : null;
    },

    /** The preHandler of every authenticated route. */
    async authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
      const raw = presentedKey(request);
      if (raw) {
        const key = await useKey({ hash: hashApiKey(raw) });
        request.principal = key ? await principalFor(key, 'api_key') : null;
        if (!request.principal) throw unauthorized();
        return;
      }
      const sessionId = readCookie(request, SESSION_COOKIE);
      if (!sessionId) throw unauthorized();
      const session = await sessions.find(sessionId);
      if (session && session.keyId === null) {
        // Single sign-on: the session lives as long as the person stays active (deactivation also ends it).
        request.principal = await principalForUser(session.userId);
      } else {
        // A session lives only as long as the key that opened it stays usable.
        const key = session?.keyId ? await useKey({ _id: session.keyId }) : null;
        request.principal = key ? await principalFor(key, 'session') : null;
      }
      if (!request.principal) throw unauthorized();
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) checkCsrf(request);
    },
  };
}

/**
 * Cookie-authenticated writes must prove they come from our own pages: the dashboard sends
 * `X-Requested-With: keyguard` (a cross-site form cannot set it), or an Origin equal to our host.
 */
function checkCsrf(request: FastifyRequest): void {
  if (request.headers['x-requested-with'] === 'keyguard') return;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && request.headers.host) {
    try {
      if (new URL(origin).host === request.headers.host) return;
    } catch {
      // not a URL: refused below
    }
  }
  throw new HttpError(403, 'csrf_rejected', 'cookie-authenticated writes need X-Requested-With: keyguard or a same-origin Origin');
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

export function requireAdmin(request: FastifyRequest): Principal {
  const principal = principalOf(request);
  if (!isAdmin(principal.user.role)) throw new HttpError(403, 'forbidden', 'only team admins and super admins can do this');
  return principal;
}

/** The admin routes' preValidation hook: a member is refused (403) before their request is validated. */
export async function adminOnly(request: FastifyRequest): Promise<void> {
  requireAdmin(request);
}
