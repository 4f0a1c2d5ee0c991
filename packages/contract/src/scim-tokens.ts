import { z } from 'zod';
import { DateTime, IdParams, Role } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';
import { UserRef } from './keys.js';

/** A SCIM API key: the bearer token a team's identity provider calls /scim/v2 with. Keyguard keeps only its SHA-256 and this preview. */
export const ScimToken = z
  .object({
    id: z.string(),
    name: z.string(),
    preview: z.string().meta({ examples: ['kgscim_…a1b2'] }),
    /** The highest role groups pushed with this key can give (its creator's role). */
    grantsUpTo: Role,
    createdBy: UserRef,
    createdAt: DateTime,
    lastUsedAt: DateTime.nullable(),
  })
  .meta({ id: 'ScimToken' });
export type ScimToken = z.output<typeof ScimToken>;

/** A SCIM API key just created: the only answer that carries the token itself. */
export const IssuedScimToken = ScimToken.extend({
  token: z.string().describe('The full token (`kgscim_` + 30 base62 + a 6-character CRC-32 checksum). Shown this once; Keyguard keeps only its SHA-256.'),
}).meta({ id: 'IssuedScimToken' });
export type IssuedScimToken = z.output<typeof IssuedScimToken>;

export const CreateScimToken = z.object({ name: z.string().trim().min(1).max(100) });
export type CreateScimToken = z.input<typeof CreateScimToken>;

export const ScimTokenList = z.object({ items: z.array(ScimToken) });
export type ScimTokenList = z.output<typeof ScimTokenList>;

const tags = ['scim-tokens'];

export const createScimToken = endpoint({
  method: 'POST',
  url: '/scim-tokens',
  schema: {
    summary: "Create a SCIM API key for the team's identity provider (shown once) (admins)",
    tags,
    body: CreateScimToken,
    response: { 201: IssuedScimToken, ...errors(...bodyErrors, ...authErrors, 403) },
  },
});

export const listScimTokens = endpoint({
  method: 'GET',
  url: '/scim-tokens',
  schema: { summary: "The team's SCIM API keys (previews only) (admins)", tags, response: { 200: ScimTokenList, ...errors(...authErrors, 403) } },
});

export const deleteScimToken = endpoint({
  method: 'DELETE',
  url: '/scim-tokens/:id',
  schema: {
    summary: 'Revoke a SCIM API key: the identity provider can no longer provision with it (admins)',
    tags,
    params: IdParams,
    response: { 204: z.undefined().describe('Deleted'), ...errors(...authErrors, 403, 404) },
  },
});
