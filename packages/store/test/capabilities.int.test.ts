import { describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import { connectStore } from '../src/index.js';
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
