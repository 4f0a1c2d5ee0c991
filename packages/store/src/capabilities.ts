import type { Db } from 'mongodb';

/**
 * What the connected server can do that code may plan around. The dev and test database
 * (FerretDB on SQLite) differs from production MongoDB; the difference lives here, as a
 * capability, and never as a rule in domain code.
 */
export interface StoreCapabilities {
  /**
   * Several writes can make progress at once. False for FerretDB's SQLite storage, which has
   * one write lock: concurrent writers only queue for it and back off (SQLITE_BUSY), so a
   * writer that knows does its writes one at a time. True for MongoDB and for FerretDB on
   * PostgreSQL.
   */
  concurrentWriters: boolean;
  /**
   * An update by `_id` is cheap whatever the collection's size. True for MongoDB (the `_id`
   * index) and, nearly, for FerretDB on PostgreSQL (no index either, but PostgreSQL filters the
   * rows itself: ~1 µs per document). False for FerretDB's SQLite storage, which compares an
   * expression its `_id` index does not cover and so scans the table for every update (~1 s at
   * 100,000 keys; infra/README.md): a writer that knows writes less often there.
   */
  indexedUpdates: boolean;
  /** What answered: `mongodb` or `ferretdb` (from buildInfo). */
  server: 'mongodb' | 'ferretdb';
  /**
   * How a list of `_id`s is best read: `in`, one `{_id: {$in: ids}}` query (MongoDB, from the
   * `_id` index); `each`, one `{_id: value}` read per id for a short list (FerretDB 1.x, which
   * uses no index for `$in` and decodes the whole collection). See `findByIds` in lookups.ts.
   */
  idLists: 'in' | 'each';
}

/**
 * `concurrentWriters`: true/false as configured, or undefined to decide from the server:
 * FerretDB (which does not say which storage it runs on) is taken to be the SQLite one that
 * `npm start` and `npm test` run, so FerretDB on PostgreSQL must be configured `true`
 * (`indexedUpdates` follows: both are properties of the storage).
 */
export async function detectCapabilities(db: Db, concurrentWriters?: boolean): Promise<StoreCapabilities> {
  const info = await db.admin().command({ buildInfo: 1 });
  const server = typeof info.ferretdbVersion === 'string' ? 'ferretdb' : 'mongodb';
  const multiWriter = concurrentWriters ?? server === 'mongodb';
  // Both are properties of the storage: FerretDB configured for concurrent writers is the PostgreSQL one.
  return { server, concurrentWriters: multiWriter, indexedUpdates: multiWriter, idLists: server === 'mongodb' ? 'in' : 'each' };
}
