import { z } from 'zod';
import { Actor, DateTime, IdParams, Location, pageOf, paging } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';

export const KeyStatus = z.enum(['enabled', 'disabled', 'revoked']);
export type KeyStatus = z.output<typeof KeyStatus>;

export const RevocationReason = z.enum(['admin', 'expired', 'exposure_auto', 'deprovisioned']);
export type RevocationReason = z.output<typeof RevocationReason>;

export const UserRef = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type UserRef = z.output<typeof UserRef>;

/** The key object of the API: never the hash, never the key itself. */
export const Key = z
  .object({
    id: z.string(),
    name: z.string(),
    preview: z.string().meta({ examples: ['PMAK-…a1b2'] }),
    status: KeyStatus,
    createdBy: UserRef,
    createdAt: DateTime,
    expiresAt: DateTime.nullable(),
    lastUsedAt: DateTime.nullable(),
    revokedAt: DateTime.nullable(),
    revocation: z.object({ reason: RevocationReason, actor: Actor }).nullable(),
    /** Set when the key was found in a public place: when, and the first place. */
    exposure: z.object({ detectedAt: DateTime.nullable(), location: Location.nullable() }).nullable(),
  })
  .meta({ id: 'Key' });
export type Key = z.output<typeof Key>;

/** A key just created: the only answer that carries the key itself. */
export const IssuedKey = Key.extend({
  key: z.string().describe('The full key. Shown this once; Keyguard keeps only its SHA-256.'),
}).meta({ id: 'IssuedKey' });
export type IssuedKey = z.output<typeof IssuedKey>;

export const KeySort = z.enum(['newest', 'oldest', 'recently_used']);
export type KeySort = z.output<typeof KeySort>;

const KeyStatusList = z
  .string()
  .describe('comma-separated: enabled,disabled,revoked')
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(KeyStatus));

export const ListKeysQuery = z.object({
  status: KeyStatusList.optional(),
  createdBy: z.string().min(1).optional(),
  q: z
    .string()
    .optional()
    .refine((q) => q === undefined, 'a key in a URL is kept by proxies, logs and browser history: search with keyHash (the hex SHA-256 of the key) instead')
    .describe('no longer accepted (400): search by key value with keyHash'),
  keyHash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be a hex SHA-256')
    .optional()
    .describe('the hex SHA-256 of a full key value: the same search without the key in the URL (the dashboard uses it)'),
  sort: KeySort.default('newest'),
  ...paging,
});
export type ListKeysQuery = z.input<typeof ListKeysQuery>;

export const KeyPage = pageOf(Key).extend({ total: z.number().int() });
export type KeyPage = z.output<typeof KeyPage>;

export const CreateKey = z.object({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** Admins: issue the key to this person of the team (e.g. someone the identity provider provisioned); it is shown once, to the admin. */
  ownerId: z.string().min(1).max(100).optional(),
});
export type CreateKey = z.input<typeof CreateKey>;

export const RevokeKeys = z.object({ ids: z.array(z.string().min(1)).min(1).max(1000) });
export type RevokeKeys = z.input<typeof RevokeKeys>;
export const RevokeKeysResult = z.object({ revoked: z.number().int() });

export const RevokeAll = z.object({ confirm: z.literal(true) });
export const RevokeAllResult = z.object({ revoked: z.number().int(), owners: z.number().int() });
export type RevokeAllResult = z.output<typeof RevokeAllResult>;

const tags = ['keys'];

export const listKeys = endpoint({
  method: 'GET',
  url: '/keys',
  schema: {
    summary: 'List keys: admins see every team key, members their own',
    tags,
    querystring: ListKeysQuery,
    response: { 200: KeyPage, ...errors(400, ...authErrors, 403) },
  },
});

export const createKey = endpoint({
  method: 'POST',
  url: '/keys',
  schema: {
    summary: 'Generate a key (shown once). The team expiry, when set, overrides expiresAt; admins may issue it to someone else (ownerId)',
    description: '409 KEY_LIMIT_REACHED: the caller already has the most live (not revoked) keys one person may have (100).',
    tags,
    body: CreateKey,
    response: { 201: IssuedKey, ...errors(...bodyErrors, ...authErrors, 403, 404, 409) },
  },
});

export const getKey = endpoint({
  method: 'GET',
  url: '/keys/:id',
  schema: { summary: 'One key (members: only their own)', tags, params: IdParams, response: { 200: Key, ...errors(...authErrors, 404) } },
});

export const disableKey = endpoint({
  method: 'POST',
  url: '/keys/:id/disable',
  schema: {
    summary: 'Disable a key (refused until enabled again)',
    tags,
    params: IdParams,
    response: { 200: Key, ...errors(...bodyErrors, ...authErrors, 403, 404, 409) },
  },
});

export const enableKey = endpoint({
  method: 'POST',
  url: '/keys/:id/enable',
  schema: { summary: 'Enable a disabled key', tags, params: IdParams, response: { 200: Key, ...errors(...bodyErrors, ...authErrors, 403, 404, 409) } },
});

export const revokeKey = endpoint({
  method: 'POST',
  url: '/keys/:id/revoke',
  schema: {
    summary: 'Revoke (idempotent); emails the owner, resolves an exposure finding',
    tags,
    params: IdParams,
    response: { 200: Key, ...errors(...bodyErrors, ...authErrors, 403, 404) },
  },
});

export const revokeKeys = endpoint({
  method: 'POST',
  url: '/keys/revoke',
  schema: {
    summary: 'Bulk revoke (members: only their own keys)',
    tags,
    body: RevokeKeys,
    response: { 200: RevokeKeysResult, ...errors(...bodyErrors, ...authErrors, 403) },
  },
});

export const revokeAllKeys = endpoint({
  method: 'POST',
  url: '/keys/revoke-all',
  schema: {
    summary: 'Revoke every team key except the one making the request (admins); 400 CONFIRM_REQUIRED without { "confirm": true }',
    tags,
    body: RevokeAll,
    response: { 200: RevokeAllResult, ...errors(...bodyErrors, ...authErrors, 403) },
  },
});
