import { describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import { connectStore } from '../src/index.js';
import { uniqueDbName } from '@keyguard/testkit/store';

const logger = createLogger({ name: 'store-capabilities-test', level: 'silent' });

describe('store capabilities', () => {
  it('takes FerretDB (the dev and test database) for one writer unless told otherwise', async () => {
    const auto = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('caps'), logger, ensureIndexes: false });
    const told = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('caps'), logger, ensureIndexes: false, concurrentWriters: true });
    try {
      expect(auto.capabilities).toEqual({ server: 'ferretdb', concurrentWriters: false, idLists: 'each' });
      expect(told.capabilities).toEqual({ server: 'ferretdb', concurrentWriters: true, idLists: 'each' });
    } finally {
      await Promise.all([auto.close(), told.close()]);
    }
  });
});
