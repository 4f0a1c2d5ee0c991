import { type ActorRef, createKeyRepository, type Store } from '@keyguard/store';
import type { Revoker } from './revoke.js';

export const expirySweeperActor: ActorRef = { type: 'system', id: 'expiry-sweeper', name: 'Keyguard expiry sweeper' };

/**
 * Revokes every key past its expiry date (reason `expired`: Postman's "revoked due to
 * inactivity past its expiration date"), and finishes interrupted revocations. Idempotent:
 * each revocation is the revoker's conditional update, so two sweepers never double-revoke.
 */
export function createExpirySweeper({ store, revoker }: { store: Store; revoker: Revoker }) {
  const keys = createKeyRepository(store);
  return {
    async sweep(now = new Date(), scope: { teamId?: string } = {}): Promise<{ revoked: number; completed: number }> {
      let revoked = 0;
      for (;;) {
        const due = await keys.dueForExpiry(now, scope, 500);
        if (due.length === 0) break;
        const done = await revoker.revokeMany(due, { reason: 'expired', actor: expirySweeperActor });
        revoked += done.length;
        if (due.length < 500) break;
      }
      const completed = await revoker.completePending();
      return { revoked, completed };
    },
  };
}

export type ExpirySweeper = ReturnType<typeof createExpirySweeper>;
