import type { Store } from '../store.js';

/** Jobs that ran to the end once (a backfill): set when done, cleared when they must run again. */
export function createMarkerRepository(store: Store) {
  const markers = store.collections.markers;
  return {
    async isSet(id: string): Promise<boolean> {
      return (await markers.countDocuments({ _id: id }, { limit: 1 })) > 0;
    },
    /** When the marker was set, or null. */
    async at(id: string): Promise<Date | null> {
      return (await markers.findOne({ _id: id }))?.at ?? null;
    },
    async set(id: string, at = new Date()): Promise<void> {
      await markers.updateOne({ _id: id }, { $set: { at } }, { upsert: true });
    },
    async clear(id: string): Promise<void> {
      await markers.deleteOne({ _id: id });
    },
  };
}
export type MarkerRepository = ReturnType<typeof createMarkerRepository>;
