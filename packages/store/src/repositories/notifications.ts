import type { Store } from '../store.js';
import { isDuplicateKey } from '../errors.js';

/**
 * One notification per event, however often the event is redelivered: `claim` inserts the
 * event id (unique `_id`); a claim left in `sending` (the sender crashed mid-send) can be
 * taken over after `staleAfterMs`, so a crash never loses the email.
 */
export function createNotificationRepository(store: Store) {
  const notifications = store.collections.notifications;
  return {
    async claim(eventId: string, kind: string, to: string, { staleAfterMs = 60_000 } = {}): Promise<boolean> {
      const now = new Date();
      try {
        await notifications.insertOne({ _id: eventId, kind, to, status: 'sending', createdAt: now, sentAt: null });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const takeover = await notifications.updateOne(
        { _id: eventId, status: 'sending', createdAt: { $lt: new Date(now.getTime() - staleAfterMs) } },
        { $set: { createdAt: now } },
      );
      return takeover.modifiedCount === 1;
    },
    /** Whether the email of this event went out (`sent`), may be going out (`sending`), or was never claimed. */
    async status(eventId: string): Promise<'sending' | 'sent' | null> {
      const doc = await notifications.findOne({ _id: eventId }, { projection: { status: 1 } });
      return doc ? (doc.status as 'sending' | 'sent') : null;
    },
    async markSent(eventId: string): Promise<void> {
      await notifications.updateOne({ _id: eventId }, { $set: { status: 'sent', sentAt: new Date() } });
    },
    /** Gives the claim back so a retry can send (the send failed). */
    async release(eventId: string): Promise<void> {
      await notifications.deleteOne({ _id: eventId, status: 'sending' });
    },
  };
}
export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
