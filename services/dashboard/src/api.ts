/**
 * The dashboard's only way out: keys-api's REST API on the same origin. The session is an
 * HttpOnly SameSite=Strict cookie set by `POST /session`; nothing secret is kept in the page.
 * Every state-changing request carries `X-Requested-With: keyguard` (keys-api's CSRF guard).
 */
import type { ApiKey, Finding, FindingResolution, KeyStatus, Me, Page, Settings, TeamUser } from './types';

const base = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever keys-api answers 401: the session ended (signed out, expired, key revoked). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-Requested-With'] = 'keyguard';
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Keyguard is not reachable. Check your connection and try again.', {});
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    const code = String(obj['code'] ?? obj['error'] ?? `HTTP_${res.status}`);
    const message = typeof obj['message'] === 'string' ? obj['message'] : defaultMessage(res.status);
    if (res.status === 401 && path !== '/session') for (const l of unauthorizedListeners) l();
    throw new ApiError(res.status, code, message, obj);
  }
  return data as T;
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'Only team admins can do this.';
  if (status === 404) return 'Not found.';
  if (status >= 500) return 'Keyguard had a problem answering. Try again in a moment.';
  return `Request failed (${status}).`;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** PATCH /settings answers with the settings and what applying them did. */
export type SettingsResult = Settings & { expiresNow?: number; revokedExposed?: number };

export type KeySort = 'newest' | 'oldest' | 'recently_used';

export interface KeyQuery {
  status: KeyStatus[];
  createdBy?: string;
  q?: string;
  sort: KeySort;
  limit: number;
  cursor?: string | null;
}

export interface FindingQuery {
  status?: string;
  ruleId?: string;
  source?: string;
  limit?: number;
  cursor?: string | null;
}

/** `{ items }` or a bare array: accept both so the UI does not break on a small contract drift. */
function items<T>(data: unknown, key = 'items'): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    const v = (data as Record<string, unknown>)[key];
    if (Array.isArray(v)) return v as T[];
  }
  return [];
}

/**
 * Search by key value without the key in a URL (where proxies and browser history keep it):
 * send its SHA-256, which is what keys-api matches anyway. Web Crypto exists only in secure
 * contexts (https, localhost); elsewhere fall back to the plain `q`.
 */
async function searchParam(value: string): Promise<{ keyHash: string } | { q: string }> {
  const key = value.trim();
  if (!globalThis.crypto?.subtle) return { q: key };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return { keyHash: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('') };
}

export const api = {
  signIn: (apiKey: string) => request<void>('POST', '/session', { apiKey }),
  signOut: () => request<void>('DELETE', '/session'),
  me: async () => {
    const data = await request<Me | { user: Me }>('GET', '/me');
    return 'user' in data && data.user ? data.user : (data as Me);
  },
  users: async () => items<TeamUser>(await request<unknown>('GET', '/users')),
  keys: async (q: KeyQuery): Promise<Page<ApiKey>> => {
    const search = q.q ? await searchParam(q.q) : {};
    const data = await request<Partial<Page<ApiKey>>>(
      'GET',
      `/keys${query({ status: q.status.join(','), createdBy: q.createdBy, ...search, sort: q.sort, limit: q.limit, cursor: q.cursor })}`,
    );
    return { items: items<ApiKey>(data), nextCursor: data.nextCursor ?? null, ...(typeof data.total === 'number' ? { total: data.total } : {}) };
  },
  revokeKey: (id: string) => request<unknown>('POST', `/keys/${encodeURIComponent(id)}/revoke`, {}),
  disableKey: (id: string) => request<unknown>('POST', `/keys/${encodeURIComponent(id)}/disable`, {}),
  enableKey: (id: string) => request<unknown>('POST', `/keys/${encodeURIComponent(id)}/enable`, {}),
  revokeKeys: (ids: string[]) => request<{ revoked: number }>('POST', '/keys/revoke', { ids }),
  revokeAll: () => request<{ revoked: number; owners: number }>('POST', '/keys/revoke-all', { confirm: true }),
  exposures: async () => items<Record<string, unknown>>(await request<unknown>('GET', '/exposures')),
  findings: async (q: FindingQuery): Promise<Page<Finding>> => {
    const data = await request<Partial<Page<Finding>>>(
      'GET',
      `/findings${query({ status: q.status, ruleId: q.ruleId, source: q.source, limit: q.limit, cursor: q.cursor })}`,
    );
    return { items: items<Finding>(data), nextCursor: data.nextCursor ?? null, ...(typeof data.total === 'number' ? { total: data.total } : {}) };
  },
  resolveFinding: (id: string, resolution: FindingResolution) =>
    request<Finding>('PATCH', `/findings/${encodeURIComponent(id)}`, { status: 'resolved', resolution }),
  settings: async () => {
    const data = await request<Settings | { settings: Settings }>('GET', '/settings');
    return 'settings' in data && data.settings ? data.settings : (data as Settings);
  },
  updateSettings: async (patch: Partial<Settings> & { existingExposed?: 'revoke' | 'ignore'; confirm?: boolean }) => {
    const data = await request<SettingsResult | { settings: SettingsResult }>('PATCH', '/settings', patch);
    return data && 'settings' in data && data.settings ? data.settings : (data as SettingsResult);
  },
};
