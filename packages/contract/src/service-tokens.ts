import { z } from 'zod';
import { DateTime, IdParams } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';
import { UserRef } from './keys.js';

/** What a service token may do. `keys:verify`: call POST /keys/verify. */
export const ServiceTokenScope = z.enum(['keys:verify']);
export type ServiceTokenScope = z.output<typeof ServiceTokenScope>;

/** A team's machine credential; Keyguard keeps only its SHA-256 and this preview. */
export const ServiceToken = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ServiceTokenScope),
    preview: z.string().meta({ examples: ['kgst_…a1b2'] }),
    createdBy: UserRef,
    createdAt: DateTime,
    lastUsedAt: DateTime.nullable(),
  })
  .meta({ id: 'ServiceToken' });
export type ServiceToken = z.output<typeof ServiceToken>;

/** A token just created: the only answer that carries the token itself. */
export const IssuedServiceToken = ServiceToken.extend({
  token: z.string().describe('The full token (`kgst_` + 30 base62 + a 6-character CRC-32 checksum). Shown this once; Keyguard keeps only its SHA-256.'),
}).meta({ id: 'IssuedServiceToken' });
export type IssuedServiceToken = z.output<typeof IssuedServiceToken>;

export const CreateServiceToken = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(ServiceTokenScope).min(1).max(10),
});
export type CreateServiceToken = z.input<typeof CreateServiceToken>;

export const ServiceTokenList = z.object({ items: z.array(ServiceToken) });
export type ServiceTokenList = z.output<typeof ServiceTokenList>;

const tags = ['service-tokens'];

export const createServiceToken = endpoint({
  method: 'POST',
  url: '/service-tokens',
  schema: {
    summary: 'Create a service token for machines, e.g. scope keys:verify (shown once) (admins)',
    tags,
    body: CreateServiceToken,
    response: { 201: IssuedServiceToken, ...errors(...bodyErrors, ...authErrors, 403) },
  },
});

export const listServiceTokens = endpoint({
  method: 'GET',
  url: '/service-tokens',
  schema: { summary: "The team's service tokens (previews only) (admins)", tags, response: { 200: ServiceTokenList, ...errors(...authErrors, 403) } },
});

export const deleteServiceToken = endpoint({
  method: 'DELETE',
  url: '/service-tokens/:id',
  schema: {
    summary: 'Delete a service token: it stops working at once (within a second on every keys-api process) (admins)',
    tags,
    params: IdParams,
    response: { 204: z.undefined().describe('Deleted'), ...errors(...authErrors, 403, 404) },
  },
});
