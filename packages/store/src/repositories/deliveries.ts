import type { Store } from '../store.js';
import { isDuplicateKey } from '../errors.js';

/** Which provider deliveries were already accepted: the webhook dedup ledger. */
export function createDeliveryRepository(store: Store) {
  const deliveries = store.collections.deliveries;
  return {
    /** Records the delivery; false when it was seen before (a redelivery to drop). */
    async claim(provider: string, deliveryId: string, at = new Date()): Promise<boolean> {
      try {
        await deliveries.insertOne({ _id: `${provider}:${deliveryId}`, receivedAt: at });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** Forgets a claim, e.g. when the event could not be published and the sender will retry. */
    async release(provider: string, deliveryId: string): Promise<void> {
      await deliveries.deleteOne({ _id: `${provider}:${deliveryId}` });
    },
  };
}
export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
