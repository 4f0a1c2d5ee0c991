import pMap, { pMapSkip } from 'p-map';
import type { Collection, Document, Filter, FindOptions, WithId } from 'mongodb';
import type { StoreCapabilities } from './capabilities.js';

/** `{_id}` reads in flight at once when a list is read one id at a time. */
const READS_AT_ONCE = 8;
/**
 * Past this many values one `$in` query is cheaper even where equalities are pushed down: each
 * equality costs FerretDB on PostgreSQL ~1–3 ms, so a policy batch of hundreds of hashes (1,000
 * exposures/s) spent seconds on them, where one `$in` decodes the collection once.
 */
const EQUALITIES_AT_MOST = 16;

/**
 * The documents with these `_id`s (unknown ids are left out; order is not kept).
 *
 * MongoDB answers `{_id: {$in: ids}}` from the `_id` index in one round trip. FerretDB 1.x
 * hands only a single `{_id: value}` equality to its storage: with `$in` it reads and decodes
 * every document of the collection itself (10 ids of 10,000 documents: 740 ms on SQLite,
 * 910 ms on PostgreSQL). One `{_id}` read is an index lookup on our SQLite launcher
 * (infra/ferretdb/id_index.go) and a filtered scan in PostgreSQL (~1 µs per row), so where the
 * capability says so the list is read one id at a time, READS_AT_ONCE in flight.
 */
export async function findByIds<T extends Document & { _id: string }>(
  collection: Collection<T>,
  capabilities: Pick<StoreCapabilities, 'idLists'>,
  ids: Iterable<string>,
  options: FindOptions = {},
): Promise<WithId<T>[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (capabilities.idLists === 'in') {
    return collection.find({ _id: { $in: unique } } as Filter<T>, options).toArray();
  }
  return pMap(unique, async (id) => (await collection.findOne({ _id: id } as Filter<T>, options)) ?? pMapSkip, { concurrency: READS_AT_ONCE });
}

/**
 * The documents whose `field` is one of `values` (an indexed field such as a key's `hash`):
 * one `$in` query, or one equality query per value where the capability says so (FerretDB on
 * PostgreSQL hands equalities to PostgreSQL, `$in` it evaluates itself over every document).
 */
export async function findByValues<T extends Document>(
  collection: Collection<T>,
  capabilities: Pick<StoreCapabilities, 'valueLists'>,
  field: string,
  values: Iterable<string>,
  options: FindOptions = {},
): Promise<WithId<T>[]> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return [];
  if (capabilities.valueLists === 'in' || unique.length > EQUALITIES_AT_MOST) {
    return collection.find({ [field]: { $in: unique } } as Filter<T>, options).toArray();
  }
  const found = await pMap(unique, (value) => collection.find({ [field]: value } as Filter<T>, options).toArray(), { concurrency: READS_AT_ONCE });
  return found.flat();
}
