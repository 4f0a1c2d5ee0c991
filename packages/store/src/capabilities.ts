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
  /** What answered: `mongodb` or `ferretdb` (from buildInfo). */
  server: 'mongodb' | 'ferretdb';
  /**
   * How a list of `_id`s is best read: `in`, one `{_id: {$in: ids}}` query (MongoDB, from the
   * `_id` index); `each`, one `{_id: value}` read per id (FerretDB 1.x, which hands only a
   * single `_id` equality to its storage and decodes the whole collection for `$in`). See
   * `findByIds` in lookups.ts.
   */
  idLists: 'in' | 'each';
}

/**
 * `concurrentWriters`: true/false as configured, or undefined to decide from the server:
 * FerretDB (which does not say which storage it runs on) is taken to be the SQLite one that
 * `npm start` and `npm test` run, so FerretDB on PostgreSQL must be configured `true`.
 */
export async function detectCapabilities(db: Db, concurrentWriters?: boolean): Promise<StoreCapabilities> {
  const info = await db.admin().command({ buildInfo: 1 });
  const server = typeof info.ferretdbVersion === 'string' ? 'ferretdb' : 'mongodb';
  return { server, concurrentWriters: concurrentWriters ?? server === 'mongodb', idLists: server === 'mongodb' ? 'in' : 'each' };
}
