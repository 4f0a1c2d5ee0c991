/**
 * The keys domain on the real engines, without a service around it: the one revoke operation,
 * the finding upserts and the expiry sweeper, each proven idempotent under the redeliveries and
 * races the services meet.
 */
import { createKafka, createPublisher, type Kafka, type Publisher } from '@keyguard/bus';
import { KeyRevoked } from '@keyguard/events';
import { createLogger } from '@keyguard/logger';
import { type ApiKeyDoc, connectStore, type LocationDoc, type Store } from '@keyguard/store';
import { createTestTopic, waitForMessages } from '@keyguard/testkit/bus';
import { uriWithDatabase } from '@keyguard/testkit/keys';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExpirySweeper,
  createFindingRecorder,
  createKeyStatePublisher,
  createRevoker,
  findingIdFor,
  issueApiKey,
  newId,
  type Revoker,
} from '../src/index.js';

const logger = createLogger({ name: 'keys-test', level: 'silent' });
const admin = { type: 'user' as const, id: 'usr_admin', name: 'Ada Admin' };
let store: Store;
let kafka: Kafka;
let publisher: Publisher;
let topic: string;
let revoker: Revoker;

beforeAll(async () => {
  const dbName = uniqueDbName('keys');
  store = await connectStore({ uri: uriWithDatabase(process.env.MONGODB_URI!, dbName), logger });
  kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'keys-test', logger });
  topic = await createTestTopic(kafka, 'keys-key-events', 1);
  publisher = createPublisher(kafka, { logger });
  const keyState = createKeyStatePublisher({ store, publisher, logger, topic: await createTestTopic(kafka, 'keys-key-state', 1) });
  revoker = createRevoker({ store, publisher, keyState, logger, source: 'keys-test', keyEventsTopic: topic });
  await store.collections.users.insertOne({
    _id: 'usr_owner',
    teamId: 'team_a',
    email: `owner.${dbName}@example.test`,
    name: 'Owen Owner',
    role: 'member',
    createdAt: new Date(),
  });
});
afterAll(async () => {
  await publisher?.disconnect();
  await store?.db.dropDatabase();
  await store?.close();
});

async function plantKey(overrides: Partial<ApiKeyDoc> = {}): Promise<ApiKeyDoc> {
  const material = issueApiKey();
  const key: ApiKeyDoc = {
    _id: newId('key'),
    hash: material.hash,
    preview: material.preview,
    name: 'CI key',
    teamId: 'team_a',
    createdBy: 'usr_owner',
    createdAt: new Date(),
    expiresAt: null,
    lastUsedAt: null,
    status: 'enabled',
    revokedAt: null,
    revocation: null,
    exposure: null,
    ...overrides,
  };
  await store.collections.apiKeys.insertOne(key);
  return key;
}

const revokedEventsOf = async (keyId: string) =>
  (await waitForMessages(kafka, topic, { until: (all) => all.some((m) => KeyRevoked.safeParse(m.json).data?.payload.keyId === keyId) }))
    .map((m) => KeyRevoked.parse(m.json))
    .filter((e) => e.payload.keyId === keyId);

describe('the revoker', () => {
  it('revokes once however often it is asked: one winner, one audit entry, one key.revoked event', async () => {
    const key = await plantKey();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await revoker.revoke(key._id, { reason: 'admin', actor: admin }));
    expect(results.map((r) => r.revoked)).toEqual([true, false, false]);
    const stored = await store.collections.apiKeys.findOne({ _id: key._id });
    expect(stored).toMatchObject({ status: 'revoked', revocation: { reason: 'admin', actor: admin } });
    expect(stored?.revocationPending).toBeUndefined();
    expect(await store.collections.auditLog.countDocuments({ 'target.id': key._id, action: 'key.revoked' })).toBe(1);
    const events = await revokedEventsOf(key._id);
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    expect(events[0]!.payload).toMatchObject({ owner: { name: 'Owen Owner' }, reason: 'admin', preview: key.preview });
  });

  it('asked concurrently, still writes one audit entry and publishes one event id', async () => {
    // FerretDB's findAndModify is not atomic under concurrent writers (several callers may be
    // told they revoked the key); the deterministic audit and event ids keep the effects single.
    const key = await plantKey();
    await Promise.all(Array.from({ length: 5 }, () => revoker.revoke(key._id, { reason: 'admin', actor: admin })));
    expect(await store.collections.auditLog.countDocuments({ 'target.id': key._id, action: 'key.revoked' })).toBe(1);
    expect(new Set((await revokedEventsOf(key._id)).map((e) => e.id)).size).toBe(1);
  });

  it('refuses a key outside the scope it is given (a member revoking a teammate key)', async () => {
    const key = await plantKey();
    const result = await revoker.revoke(key._id, { reason: 'admin', actor: admin, where: { createdBy: 'usr_someone_else' } });
    expect(result).toEqual({ revoked: false, key: null });
    expect((await store.collections.apiKeys.findOne({ _id: key._id }))?.status).toBe('enabled');
  });

  it('finishes a revocation a crash interrupted, when the same revocation comes again', async () => {
    const key = await plantKey();
    // Step 1 only, as if the process died before the audit entry, finding and event.
    expect(await revoker.begin(key._id, { reason: 'exposure_auto', actor: { type: 'system', id: 'policy' } })).not.toBeNull();
    expect((await store.collections.apiKeys.findOne({ _id: key._id }))?.revocationPending).toBe(true);
    const again = await revoker.revoke(key._id, { reason: 'exposure_auto', actor: { type: 'system', id: 'policy' } });
    expect(again.revoked).toBe(false);
    expect((await store.collections.apiKeys.findOne({ _id: key._id }))?.revocationPending).toBeUndefined();
    expect(await store.collections.auditLog.countDocuments({ 'target.id': key._id })).toBe(1);
    expect(await revokedEventsOf(key._id)).toHaveLength(1);
  });

  it('lets the sweeper finish revocations left pending', async () => {
    const key = await plantKey();
    await revoker.begin(key._id, { reason: 'admin', actor: admin });
    expect(await revoker.completePending(0)).toBeGreaterThanOrEqual(1);
    expect((await store.collections.apiKeys.findOne({ _id: key._id }))?.revocationPending).toBeUndefined();
    expect(await revokedEventsOf(key._id)).toHaveLength(1);
  });
});

describe('the finding recorder', () => {
  const recorder = () => createFindingRecorder(store);
  const at = (offsetMs: number) => new Date(Date.UTC(2026, 10, 20) + offsetMs);
  const place = (path: string, detectedAt: Date): LocationDoc => ({
    source: 'github',
    kind: 'commit',
    url: `https://github.com/o/r/blob/c/${path}`,
    repository: 'o/r',
    commit: 'c',
    path,
    line: 1,
    detectedAt,
  });
  const exposure = (tokenHash: string, location: LocationDoc) => ({
    tokenHash,
    ruleId: 'postman-api-key',
    redacted: 'PMAK-…a1b2',
    confidence: 'high' as const,
    location,
  });

  it('records a new secret once, adds new places, and ignores a redelivered place', async () => {
    const { hash } = issueApiKey();
    const first = exposure(hash, place('a.env', at(0)));
    expect(await recorder().recordExposures([first, first], new Map())).toMatchObject([{ created: true, added: [first.location] }]);
    expect(await recorder().recordExposures([first], new Map())).toMatchObject([{ created: false, added: [] }]);
    const second = exposure(hash, place('b.env', at(1000)));
    expect(await recorder().recordExposures([second], new Map())).toMatchObject([{ created: false, added: [second.location], reopened: false }]);
    const finding = await store.collections.findings.findOne({ _id: findingIdFor(hash) });
    expect(finding?.locations.map((l) => l.path)).toEqual(['a.env', 'b.env']);
    expect(finding?.history.map((h) => h.action)).toEqual(['detected', 'location_added']);
    expect([finding?.firstSeen, finding?.lastSeen]).toEqual([at(0), at(1000)]);
  });

  it('reopens a resolved finding found somewhere new, unless the key is already revoked', async () => {
    const alive = issueApiKey().hash;
    const dead = issueApiKey().hash;
    for (const hash of [alive, dead]) {
      await recorder().recordExposures([exposure(hash, place('a.env', at(0)))], new Map());
      await store.collections.findings.updateOne({ _id: findingIdFor(hash) }, { $set: { status: 'resolved', resolution: 'wont_fix' } });
    }
    const matches = new Map([[dead, { keyId: 'key_dead', teamId: 'team_a', revoked: true }]]);
    const outcomes = await recorder().recordExposures([exposure(alive, place('new.env', at(5))), exposure(dead, place('new.env', at(5)))], matches);
    expect(outcomes.map((o) => o.reopened)).toEqual([true, false]);
    expect((await store.collections.findings.findOne({ _id: findingIdFor(alive) }))?.status).toBe('open');
    expect((await store.collections.findings.findOne({ _id: findingIdFor(dead) }))?.status).toBe('resolved');
  });
});

describe('the expiry sweeper', () => {
  it('revokes keys past their expiry (reason expired) and leaves the others', async () => {
    const expired = await plantKey({ expiresAt: new Date(Date.now() - 60_000), teamId: 'team_sweep' });
    const alive = await plantKey({ expiresAt: new Date(Date.now() + 86_400_000), teamId: 'team_sweep' });
    const sweeper = createExpirySweeper({ store, revoker });
    expect((await sweeper.sweep(new Date(), { teamId: 'team_sweep' })).revoked).toBe(1);
    expect(await store.collections.apiKeys.findOne({ _id: expired._id })).toMatchObject({
      status: 'revoked',
      revocation: { reason: 'expired', actor: { id: 'expiry-sweeper' } },
    });
    expect((await store.collections.apiKeys.findOne({ _id: alive._id }))?.status).toBe('enabled');
    expect((await sweeper.sweep(new Date(), { teamId: 'team_sweep' })).revoked).toBe(0);
  });
});
