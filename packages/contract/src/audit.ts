import { z } from 'zod';
import { Actor, DateTime, pageOf, paging } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, errors } from './errors.js';

export const AuditEntry = z
  .object({
    id: z.string(),
    at: DateTime,
    actor: Actor,
    action: z.string().meta({ examples: ['key.revoked', 'settings.updated'] }),
    target: z.object({ type: z.enum(['key', 'finding', 'settings', 'user', 'scan', 'service_token', 'scim_token', 'scim_group', 'channel']), id: z.string() }),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.output<typeof AuditEntry>;

export const ListAuditQuery = z.object({
  /** An action (`key.revoked`), or every action of a kind with a trailing dot (`key.`). */
  action: z.string().min(1).max(100).optional(),
  /** Entries by this actor: a user id, a SCIM API key id, or a part of Keyguard (`policy`, `expiry-sweeper`). */
  actor: z.string().min(1).max(100).optional(),
  /** Entries at or after this instant. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Entries before this instant. */
  to: z.iso.datetime({ offset: true }).optional(),
  ...paging,
});
export type ListAuditQuery = z.input<typeof ListAuditQuery>;

export const AuditPage = pageOf(AuditEntry);

export const listAudit = endpoint({
  method: 'GET',
  url: '/audit',
  schema: {
    summary: 'Who did what, when (revocations by admins, the policy and the expiry sweeper included) (admins)',
    tags: ['audit'],
    querystring: ListAuditQuery,
    response: { 200: AuditPage, ...errors(400, ...authErrors, 403) },
  },
});
