import { randomBytes } from 'node:crypto';
import type { AuditLogDoc } from '../documents.js';
import { isDuplicateKey } from '../errors.js';
import type { Store } from '../store.js';

export type AuditEntryInput = Pick<AuditLogDoc, 'teamId' | 'actor' | 'action' | 'target'> & Partial<Pick<AuditLogDoc, '_id' | 'at' | 'details'>>;

/** The audit log: who did what, when. */
export function createAuditRepository(store: Store) {
  const audit = store.collections.auditLog;
  return {
    /** Appends an entry. With an `_id`, writing it again is a no-op (a redelivered step). */
    async record(entry: AuditEntryInput): Promise<void> {
      try {
        await audit.insertOne({ _id: `aud_${randomBytes(10).toString('hex')}`, at: new Date(), details: {}, ...entry });
      } catch (error) {
        if (!(entry._id && isDuplicateKey(error))) throw error;
      }
    },

    /** A page, newest first: `action` exact or a prefix ending in `.` (`key.`), `actorId` the actor's id, `from`/`to` a time range. */
    async list(
      teamId: string,
      { offset, limit, action, actorId, from, to }: { offset: number; limit: number; action?: string; actorId?: string; from?: Date; to?: Date },
    ) {
      const filter = {
        teamId,
        ...(action ? (action.endsWith('.') ? { action: { $regex: `^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` } } : { action }) : {}),
        ...(actorId ? { 'actor.id': actorId } : {}),
        ...(from || to ? { at: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {}),
      };
      const items = await audit
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .skip(offset)
        .limit(limit + 1)
        .toArray();
      return { items: items.slice(0, limit), more: items.length > limit };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
