/**
 * The dashboard's only way out: keys-api's REST API on the same origin. The session is an
 * HttpOnly SameSite=Strict cookie set by `POST /session`; nothing secret is kept in the page.
 * Every state-changing request carries `X-Requested-With: keyguard` (keys-api's CSRF guard).
 * Request and answer types come from @keyguard/contract (type-only: nothing of it is bundled).
 */
import type {
  Answer,
  Body,
  Finding,
  FindingPage,
  Insights,
  Key,
  KeyPage,
  KeyStatus,
  KeySort,
  listExposures,
  listUsers,
  Me,
  OpenSession,
  PatchFinding,
  PatchSettings,
  ResolveAs,
  RevokeAllResult,
  ScanJob,
  ScanRequest,
  listScans,
  revokeAllKeys,
  CreateServiceToken,
  IssuedServiceToken,
  AuditEntry,
  CreateKey,
  CreateScimToken,
  CreateUser,
  CreatedUser,
  IssuedKey,
  IssuedScimToken,
  PatchUser,
  ScimToken,
  ScimTokenList,
  SsoStatus,
  User,
  ServiceToken,
  ServiceTokenList,
  revokeKeys,
  Settings,
  SettingsConflict,
  SettingsResult,
} from '@keyguard/contract';

import { keyHashOf } from './key-hash';

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
    // The API answers errors as { error, message, ...details }; a proxy in between may not.
    const obj = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    const code = typeof obj['error'] === 'string' ? obj['error'] : `HTTP_${res.status}`;
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

/** What the pages pass to GET /keys: the statuses as a list (sent comma-separated). */
export interface KeyQuery {
  status: KeyStatus[];
  createdBy?: string;
  q?: string;
  sort: KeySort;
  limit: number;
  cursor?: string | null;
}

/** The findings filters as the page holds them ('' = any). */
export interface FindingQuery {
  status?: string;
  ruleId?: string;
  source?: string;
  resolution?: string;
  /** firstSeen days (UTC), inclusive: where the Overview's charts link to. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

/** The body of a 409 from PATCH /settings, when that is what `error` is. */
export function settingsConflict(error: unknown): SettingsConflict | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  return error.code === 'EXPOSED_KEYS_EXIST' || error.code === 'CONFIRM_EXPIRY' ? (error.body as SettingsConflict) : null;
}

/** Every item of a paged list, read 200 at a time (at most 100 pages). */
async function everyPage<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: { items: T[]; nextCursor: string | null } = await request('GET', `${path}${query({ limit: 200, cursor })}`);
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}

export const api = {
  signIn: (apiKey: string) => request<void>('POST', '/session', { apiKey } satisfies OpenSession),
  signOut: () => request<void>('DELETE', '/session'),
  me: () => request<Me>('GET', '/me'),
  /** Every user of the team (the list feeds the Created by filter). */
  users: () => everyPage<Answer<typeof listUsers>['items'][number]>('/users'),
  keys: async (q: KeyQuery) => {
    // Search by key value sends its SHA-256, never the key: keys-api answers q= with 400.
    const search = q.q ? { keyHash: keyHashOf(q.q) } : {};
    return request<KeyPage>(
      'GET',
      `/keys${query({ status: q.status.join(','), createdBy: q.createdBy, ...search, sort: q.sort, limit: q.limit, cursor: q.cursor })}`,
    );
  },
  revokeKey: (id: string) => request<Key>('POST', `/keys/${encodeURIComponent(id)}/revoke`, {}),
  disableKey: (id: string) => request<Key>('POST', `/keys/${encodeURIComponent(id)}/disable`, {}),
  enableKey: (id: string) => request<Key>('POST', `/keys/${encodeURIComponent(id)}/enable`, {}),
  revokeKeys: (ids: string[]) => request<Answer<typeof revokeKeys>>('POST', '/keys/revoke', { ids } satisfies Body<typeof revokeKeys>),
  revokeAll: () => request<RevokeAllResult>('POST', '/keys/revoke-all', { confirm: true } satisfies Body<typeof revokeAllKeys>),
  /** Every exposed key (the findings page names each key and owner from it). */
  allExposures: () => everyPage<Answer<typeof listExposures>['items'][number]>('/exposures'),
  exposures: (page: { limit: number; cursor?: string | null; state?: 'active' | 'revoked' | ''; createdBy?: string }) =>
    request<Answer<typeof listExposures>>(
      'GET',
      `/exposures${query({ limit: page.limit, cursor: page.cursor, state: page.state, createdBy: page.createdBy })}`,
    ),
  findings: (q: FindingQuery) =>
    request<FindingPage>(
      'GET',
      `/findings${query({ status: q.status, ruleId: q.ruleId, source: q.source, resolution: q.resolution, from: q.from, to: q.to, limit: q.limit, cursor: q.cursor })}`,
    ),
  insights: (range: { from: string; to: string }) => request<Insights>('GET', `/insights${query(range)}`),
  resolveFinding: (id: string, resolution: ResolveAs) =>
    request<Finding>('PATCH', `/findings/${encodeURIComponent(id)}`, { status: 'resolved', resolution } satisfies PatchFinding),
  settings: () => request<Settings>('GET', '/settings'),
  updateSettings: (patch: PatchSettings) => request<SettingsResult>('PATCH', '/settings', patch),
  requestScan: (body: ScanRequest) => request<ScanJob>('POST', '/scans', body),
  scans: async () => (await request<Answer<typeof listScans>>('GET', '/scans')).items,
  serviceTokens: async (): Promise<ServiceToken[]> => (await request<ServiceTokenList>('GET', '/service-tokens')).items,
  createServiceToken: (body: CreateServiceToken) => request<IssuedServiceToken>('POST', '/service-tokens', body),
  deleteServiceToken: (id: string) => request<void>('DELETE', `/service-tokens/${encodeURIComponent(id)}`),
  sso: () => request<SsoStatus>('GET', '/session/sso'),
  createKey: (body: CreateKey) => request<IssuedKey>('POST', '/keys', body),
  scimTokens: async (): Promise<ScimToken[]> => (await request<ScimTokenList>('GET', '/scim-tokens')).items,
  createScimToken: (body: CreateScimToken) => request<IssuedScimToken>('POST', '/scim-tokens', body),
  deleteScimToken: (id: string) => request<void>('DELETE', `/scim-tokens/${encodeURIComponent(id)}`),
  createUser: (body: CreateUser) => request<CreatedUser>('POST', '/users', body),
  updateUser: (id: string, patch: PatchUser) => request<User>('PATCH', `/users/${encodeURIComponent(id)}`, patch),
  audit: (q: AuditQuery) =>
    request<{ items: AuditEntry[]; nextCursor: string | null }>(
      'GET',
      `/audit${query({ action: q.action, actor: q.actor, from: q.from, to: q.to, limit: q.limit, cursor: q.cursor })}`,
    ),
};

/** The audit log filters as the page holds them ('' = any). */
export interface AuditQuery {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string | null;
}
