import type { Store } from '../store.js';
import { duplicatePositions, duplicatesIn, isDuplicateKey } from '../errors.js';

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
    /**
     * Claims many delivery ids (`provider:id`) in one unordered write: true for each new one,
     * false for a redelivery. If the write fails otherwise, the claims it made are forgotten
     * (the senders' retries must not be dropped as duplicates) and the error is thrown.
     */
    async claimMany(ids: string[], at = new Date()): Promise<boolean[]> {
      try {
        await deliveries.insertMany(
          ids.map((_id) => ({ _id, receivedAt: at })),
          { ordered: false },
        );
        return ids.map(() => true);
      } catch (error) {
        let duplicates: Set<number>;
        try {
          duplicates = duplicatesIn(error);
        } catch {
          const known = duplicatePositions(error);
          const written = ids.filter((_, i) => !known.has(i));
          await deliveries.deleteMany({ _id: { $in: written } }).catch(() => {});
          throw error;
        }
        return ids.map((_, i) => !duplicates.has(i));
      }
    },
    /** Which of these delivery ids were accepted (a webhook the sender thinks failed may still have arrived). */
    async received(provider: string, deliveryIds: readonly string[]): Promise<Set<string>> {
      if (deliveryIds.length === 0) return new Set();
      const docs = await deliveries.find({ _id: { $in: deliveryIds.map((id) => `${provider}:${id}`) } }, { projection: { _id: 1 } }).toArray();
      return new Set(docs.map((d) => d._id.slice(provider.length + 1)));
    },
    /** Forgets a claim, e.g. when the event could not be published and the sender will retry. */
    async release(provider: string, deliveryId: string): Promise<void> {
      await deliveries.deleteOne({ _id: `${provider}:${deliveryId}` });
    },
  };
}
export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
