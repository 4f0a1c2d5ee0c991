import type { ActorRef, AuditLogDoc, Store } from '@keyguard/store';
import { newId } from '@keyguard/keys';

export function createAuditRepository(store: Store) {
  const audit = store.collections.auditLog;
  return {
    async record(entry: { teamId: string; actor: ActorRef; action: string; target: AuditLogDoc['target']; details?: Record<string, unknown> }) {
      await audit.insertOne({ _id: newId('aud'), at: new Date(), details: {}, ...entry });
    },
    async list(teamId: string, { offset, limit, action }: { offset: number; limit: number; action?: string }) {
      const filter = { teamId, ...(action ? { action } : {}) };
      const items = await audit.find(filter).sort({ at: -1, _id: -1 }).skip(offset).limit(limit + 1).toArray();
      return { items: items.slice(0, limit), more: items.length > limit };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
