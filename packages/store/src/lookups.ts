import pMap, { pMapSkip } from 'p-map';
import type { Collection, Document, Filter, FindOptions, WithId } from 'mongodb';
import type { StoreCapabilities } from './capabilities.js';

/** `{_id}` reads in flight at once when a list is read one id at a time, and the longest list read so. */
const READS_AT_ONCE = 8;

/**
 * The documents with these `_id`s (unknown ids are left out; order is not kept).
 *
 * MongoDB answers `{_id: {$in: ids}}` from the `_id` index in one round trip. FerretDB 1.x
 * hands only a single `{_id: value}` equality to its storage: with `$in` it reads and decodes
 * every document of the collection itself (10 ids of 10,000 documents: 740 ms on SQLite,
 * 910 ms on PostgreSQL, against 2–10 ms for one `{_id}` read). Its storage scans for an `{_id}`
 * read too, only ~10× cheaper per document, so where the capability says so a short list
 * (at most READS_AT_ONCE ids) is read one id at a time, all at once, and a longer one with `$in`:
 * one decoding scan then costs less than that many storage scans.
 */
export async function findByIds<T extends Document & { _id: string }>(
  collection: Collection<T>,
  capabilities: Pick<StoreCapabilities, 'idLists'>,
  ids: Iterable<string>,
  options: FindOptions = {},
): Promise<WithId<T>[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (capabilities.idLists === 'in' || unique.length > READS_AT_ONCE) {
    return collection.find({ _id: { $in: unique } } as Filter<T>, options).toArray();
  }
  return pMap(unique, async (id) => (await collection.findOne({ _id: id } as Filter<T>, options)) ?? pMapSkip, { concurrency: READS_AT_ONCE });
}
