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
  /**
   * How a list of values of another indexed field (a key's `hash`) is best matched: `in`, one
   * `{field: {$in: values}}` query (MongoDB, from the index; FerretDB on SQLite, which scans for
   * any filter but `_id` and so had better scan once); `each`, one `{field: value}` query per
   * value (FerretDB on PostgreSQL, which hands a plain equality to PostgreSQL as a filtered scan
   * but decodes the whole collection itself for `$in`: 5 hashes among 3,000 keys, ~15 ms
   * against ~250 ms). See `findByValues` in lookups.ts.
   */
  valueLists: 'in' | 'each';
  /** Where FerretDB keeps its data, from its startup log; absent for MongoDB. */
  storage?: 'sqlite' | 'postgresql';
}

/**
 * `concurrentWriters`: true/false as configured, or undefined to decide from the server:
 * MongoDB and FerretDB on PostgreSQL take concurrent writers; FerretDB on SQLite, or FerretDB
 * that does not say its storage, is taken for one writer.
 */
export async function detectCapabilities(db: Db, concurrentWriters?: boolean): Promise<StoreCapabilities> {
  const info = await db.admin().command({ buildInfo: 1 });
  if (typeof info.ferretdbVersion !== 'string') return { server: 'mongodb', concurrentWriters: concurrentWriters ?? true, idLists: 'in', valueLists: 'in' };
  const storage = await ferretDbStorage(db);
  return {
    server: 'ferretdb',
    concurrentWriters: concurrentWriters ?? storage === 'postgresql',
    idLists: 'each',
    valueLists: storage === 'postgresql' ? 'each' : 'in',
    ...(storage ? { storage } : {}),
  };
}

/**
 * FerretDB 1.x names its storage in its startup log ("Powered by FerretDB v1.24.2 and
 * PostgreSQL 15.18."), once it has connected to it: a listing first makes sure it has.
 */
async function ferretDbStorage(db: Db): Promise<StoreCapabilities['storage']> {
  try {
    await db.listCollections({}, { nameOnly: true }).toArray();
    const { log } = await db.admin().command({ getLog: 'startupWarnings' });
    const text = Array.isArray(log) ? log.join('\n') : '';
    if (/\bPostgreSQL\b/.test(text)) return 'postgresql';
    if (/\bSQLite\b/.test(text)) return 'sqlite';
  } catch {
    // An older FerretDB, or one that does not answer getLog: decide as for unknown storage.
  }
  return undefined;
}
