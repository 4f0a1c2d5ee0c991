import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import {
  type ApiKeyDoc,
  connectStore,
  createDeliveryRepository,
  createNotificationRepository,
  DuplicateKeyError,
  mapDuplicate,
  type Store,
} from '../src/index.js';
import { uniqueDbName } from '@keyguard/testkit/store';

const logger = createLogger({ name: 'store-test', level: 'silent' });
let store: Store;

beforeAll(async () => {
  store = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('store'), logger });
});
afterAll(async () => {
  await store.client.db(store.collections.deliveries.dbName).dropDatabase();
  await store.db.dropDatabase();
  await store.close();
});

const key = (id: string, hash: string): ApiKeyDoc => ({
  _id: id,
  hash,
  preview: 'PMAK-…0001',
  name: id,
  teamId: 'team-1',
  createdBy: 'user-1',
  createdAt: new Date(),
  expiresAt: null,
  lastUsedAt: null,
  status: 'enabled',
  revokedAt: null,
  revocation: null,
  exposure: null,
});

describe('store against the real MongoDB wire-protocol server', () => {
  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });

  it('rejects a duplicate key hash through the unique index, as a typed error', async () => {
    const hash = 'a'.repeat(64);
    await store.collections.apiKeys.insertOne(key('k1', hash));
    const error = await mapDuplicate('apiKeys', () => store.collections.apiKeys.insertOne(key('k2', hash))).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error).toMatchObject({ code: 'DUPLICATE_KEY', collection: 'apiKeys', retriable: false });
    expect(await store.collections.apiKeys.countDocuments({ hash })).toBe(1);
  });

  it('enforces one finding per token hash', async () => {
    const doc = {
      tokenHash: 'b'.repeat(64),
      ruleId: 'postman-api-key',
      redacted: 'PMAK-…0002',
      confidence: 'high' as const,
      teamId: null,
      keyId: null,
      status: 'open' as const,
      resolution: null,
      locations: [],
      firstSeen: new Date(),
      lastSeen: new Date(),
      history: [],
    };
    await store.collections.findings.insertOne({ _id: 'f1', ...doc });
    await expect(mapDuplicate('findings', () => store.collections.findings.insertOne({ _id: 'f2', ...doc }))).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('claims a delivery once', async () => {
    const deliveries = createDeliveryRepository(store);
    expect(await deliveries.claim('github', 'd-1')).toBe(true);
    expect(await deliveries.claim('github', 'd-1')).toBe(false);
    expect(await deliveries.claim('gitlab', 'd-1')).toBe(true);
    await deliveries.release('github', 'd-1');
    expect(await deliveries.claim('github', 'd-1')).toBe(true);
  });

  it('keeps the delivery ledger in a database of its own on one-writer storage (its own SQLite lock), else beside the rest', async () => {
    const single = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('ledger'), logger, concurrentWriters: false });
    const concurrent = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('ledger'), logger, concurrentWriters: true });
    try {
      expect(single.collections.deliveries.dbName).toBe(`${single.db.databaseName}_deliveries`);
      expect(concurrent.collections.deliveries.dbName).toBe(concurrent.db.databaseName);
      const deliveries = createDeliveryRepository(single);
      expect(await deliveries.claimMany(['postman:a', 'postman:b'])).toEqual([true, true]);
      expect(await deliveries.claimMany(['postman:b', 'postman:c'])).toEqual([false, true]);
      expect(await deliveries.received('postman', ['a', 'c', 'z'])).toEqual(new Set(['a', 'c']));
    } finally {
      await single.client.db(single.collections.deliveries.dbName).dropDatabase();
      for (const s of [single, concurrent]) {
        await s.db.dropDatabase();
        await s.close();
      }
    }
  });

  it('claims a notification once, and lets a stale claim be taken over', async () => {
    const notifications = createNotificationRepository(store);
    expect(await notifications.claim('evt-1', 'key.revoked', 'a@example.com')).toBe(true);
    expect(await notifications.claim('evt-1', 'key.revoked', 'a@example.com')).toBe(false);
    expect(await notifications.claim('evt-1', 'key.revoked', 'a@example.com', { staleAfterMs: -1 })).toBe(true);
    await notifications.markSent('evt-1');
    expect(await notifications.claim('evt-1', 'key.revoked', 'a@example.com', { staleAfterMs: -1 })).toBe(false);
  });

  it('keeps an email unique within a team, not across teams (issue 10, item 10)', async () => {
    const user = (id: string, teamId: string) => ({ _id: id, teamId, email: 'same@example.test', name: id, role: 'member' as const, createdAt: new Date() });
    await store.collections.users.insertOne(user('u-a1', 'team-a'));
    await store.collections.users.insertOne(user('u-b1', 'team-b'));
    const error = await mapDuplicate('users', () => store.collections.users.insertOne(user('u-a2', 'team-a'))).catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(await store.collections.users.countDocuments({ email: 'same@example.test' })).toBe(2);
  });

  it('drops the earlier global email index of an existing database', async () => {
    const dbName = uniqueDbName('store-legacy');
    const legacy = await connectStore({ uri: process.env.MONGODB_URI!, dbName, logger, ensureIndexes: false });
    await legacy.collections.users.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
    await legacy.close();
    const upgraded = await connectStore({ uri: process.env.MONGODB_URI!, dbName, logger });
    try {
      const names = (await upgraded.collections.users.indexes()).map((i) => i.name);
      expect(names).toContain('team_email_unique');
      expect(names).not.toContain('email_unique');
    } finally {
      await upgraded.db.dropDatabase();
      await upgraded.close();
    }
  });
});
