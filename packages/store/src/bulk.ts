import type { AnyBulkWriteOperation, BulkWriteOptions, Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { duplicatesIn } from './errors.js';

/**
 * Statements per `update` command. FerretDB on PostgreSQL takes a pooled connection per
 * statement of a command and gives them back only when the command ends: a bulk write of 51
 * updates exhausted its pool of 50 and hung the server for every client (seen with
 * bench:alerts), and so did a 24-statement write while the policy's own bulk writes ran beside
 * it (the pool is shared by every client). So bulk writes go in commands of at most this many
 * statements, in order.
 */
export const MAX_STATEMENTS = 8;

/** A bulk write of any size, as consecutive commands of at most `MAX_STATEMENTS` (ordered across them). */
export async function bulkWriteInChunks<T extends Document>(
  collection: Collection<T>,
  operations: AnyBulkWriteOperation<T>[],
  options: BulkWriteOptions & { ordered: boolean },
): Promise<void> {
  for (let i = 0; i < operations.length; i += MAX_STATEMENTS) await collection.bulkWrite(operations.slice(i, i + MAX_STATEMENTS), options);
}

/** Inserts in one unordered write what is new; a duplicate `_id` (a redelivery) is not an error. Returns how many were new. */
export async function insertNew<T extends { _id: string }>(collection: Collection<T>, docs: T[]): Promise<number> {
  return docs.length - (await insertNewPositions(collection, docs)).size;
}

/** As `insertNew`, returning the positions (in `docs`) of those that existed already. */
export async function insertNewPositions<T extends { _id: string }>(collection: Collection<T>, docs: T[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await collection.insertMany(docs as OptionalUnlessRequiredId<T>[], { ordered: false });
    return new Set();
  } catch (error) {
    return duplicatesIn(error);
  }
}
