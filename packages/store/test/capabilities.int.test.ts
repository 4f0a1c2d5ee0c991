import { describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import { connectStore } from '../src/index.js';
import { findByValues } from '../src/lookups.js';
import { uniqueDbName } from '@keyguard/testkit/store';

const logger = createLogger({ name: 'store-capabilities-test', level: 'silent' });

describe('store capabilities', () => {
  it('takes FerretDB on SQLite (the dev and test database) for one writer unless told otherwise', async () => {
    const auto = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('caps'), logger, ensureIndexes: false });
    const told = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('caps'), logger, ensureIndexes: false, concurrentWriters: true });
    try {
      const sqlite = { server: 'ferretdb', storage: 'sqlite', idLists: 'each', valueLists: 'in' };
      expect(auto.capabilities).toEqual({ ...sqlite, concurrentWriters: false });
      expect(told.capabilities).toEqual({ ...sqlite, concurrentWriters: true });
    } finally {
      await Promise.all([auto.close(), told.close()]);
    }
  });

  it.skipIf(!process.env.MONGODB_PG_URI)('takes FerretDB on PostgreSQL for concurrent writers, matching value lists one value at a time', async () => {
    const pg = await connectStore({ uri: process.env.MONGODB_PG_URI!, dbName: uniqueDbName('caps'), logger, ensureIndexes: false });
    try {
      expect(pg.capabilities).toEqual({ server: 'ferretdb', storage: 'postgresql', concurrentWriters: true, idLists: 'each', valueLists: 'each' });
    } finally {
      await pg.close();
    }
  });
});

describe('findByValues', () => {
  it('finds the same documents one equality at a time (a few values) or by one $in (many)', async () => {
    const store = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('values'), logger, ensureIndexes: false });
    try {
      const docs = Array.from({ length: 40 }, (_, i) => ({ _id: `d${i}`, hash: `h${i}` }));
      const collection = store.db.collection<{ _id: string; hash: string }>('values');
      await collection.insertMany(docs);
      const ids = (found: { _id: string }[]) => found.map((d) => d._id).sort();
      for (const count of [3, 30]) {
        const wanted = [...docs.slice(0, count).map((d) => d.hash), 'absent', 'h0'];
        const expected = docs
          .slice(0, count)
          .map((d) => d._id)
          .sort();
        expect(ids(await findByValues(collection, { valueLists: 'each' }, 'hash', wanted))).toEqual(expected);
        expect(ids(await findByValues(collection, { valueLists: 'in' }, 'hash', wanted))).toEqual(expected);
      }
    } finally {
      await store.db.dropDatabase();
      await store.close();
    }
  });
});
