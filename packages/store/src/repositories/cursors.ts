import { isDuplicateKey } from '../errors.js';
import type { Store } from '../store.js';

/**
 * A periodic job's position between runs (the delivery reconciler's newest delivery seen per
 * hook), with a lease so that of several processes one runs the job at a time.
 */
export function createCursorRepository(store: Store) {
  const cursors = store.collections.cursors;
  return {
    /** Takes the lease when it is free or expired; returns the stored value, or undefined when someone else holds it. */
    async acquire(id: string, holder: string, leaseMs: number): Promise<Record<string, unknown> | undefined> {
      const now = new Date();
      try {
        const doc = await cursors.findOneAndUpdate(
          { _id: id, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }, { holder }] },
          { $set: { holder, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now }, $setOnInsert: { value: {} } },
          { upsert: true, returnDocument: 'after' },
        );
        return doc?.value ?? {};
      } catch (error) {
        if (isDuplicateKey(error)) return undefined;
        throw error;
      }
    },
    /** Stores the new position and gives the lease back. */
    async release(id: string, holder: string, value: Record<string, unknown>): Promise<void> {
      await cursors.updateOne({ _id: id, holder }, { $set: { value, holder: null, leaseUntil: null, updatedAt: new Date() } });
    },
  };
}
export type CursorRepository = ReturnType<typeof createCursorRepository>;
