import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';

/**
 * Drops the oldest elements of the array `field` of one document while it holds more than
 * `max`: what MongoDB's `$push` with `$slice` does in the same write, and FerretDB silently
 * ignores. Reads the array and writes back its last `max` elements, on condition that its
 * length is still the one read (a concurrent push makes the write miss; it is then read
 * again), so nothing pushed meanwhile is lost. Returns how many elements were dropped.
 */
export async function dropOldestBeyond<T extends Document & { _id: string }>(
  collection: Collection<T>,
  id: string,
  field: string,
  max: number,
  attempts = 5,
): Promise<number> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const doc = await collection.findOne({ _id: id } as Filter<T>, { projection: { [field]: 1 } });
    const array: unknown = doc?.[field];
    if (!Array.isArray(array) || array.length <= max) return 0;
    const unchanged = { _id: id, [`${field}.${array.length - 1}`]: { $exists: true }, [`${field}.${array.length}`]: { $exists: false } } as Filter<T>;
    const result = await collection.updateOne(unchanged, { $set: { [field]: array.slice(-max) } } as UpdateFilter<T>);
    if (result.modifiedCount === 1) return array.length - max;
  }
  return 0;
}
