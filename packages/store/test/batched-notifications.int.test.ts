import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelDeliveryDoc, connectStore, createChannelDeliveryRepository, createDigestRepository, type Store } from '../src/index.js';

const logger = createLogger({ name: 'store-test', level: 'silent' });
let store: Store;

beforeAll(async () => {
  store = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('batched'), logger });
});
afterAll(async () => {
  await store.db.dropDatabase();
  await store.client.db(store.collections.channelQueue.dbName).dropDatabase();
  await store.close();
});

const item = (event: string, email: string) => ({ id: `${event}|t1|${email}`, teamId: 't1', email, item: { event } });

describe('digest items, grouped per person and batch', () => {
  it('stores a batch as one document per person, and a redelivery in other batches adds nothing to the next email', async () => {
    const digests = createDigestRepository(store);
    const now = new Date();
    await digests.add([item('e1', 'a@x.test'), item('e2', 'a@x.test'), item('e1', 'b@x.test')], now, now);
    expect(await store.collections.digestItems.countDocuments({ digestKey: { $in: ['t1|a@x.test', 't1|b@x.test'] } })).toBe(2);
    // The same batch again: nothing new.
    await digests.add([item('e1', 'a@x.test'), item('e2', 'a@x.test'), item('e1', 'b@x.test')], now, now);
    expect(await store.collections.digestItems.countDocuments({ digestKey: 't1|a@x.test' })).toBe(1);

    const first = await digests.claim(new Date(Date.now() + 1), 60_000);
    const taken = await digests.take(first.due);
    expect(taken.items.filter((i) => i.digestKey === 't1|a@x.test').map((i) => i._id)).toEqual(['e1|t1|a@x.test', 'e2|t1|a@x.test']);
    await digests.finish(
      first.claimId,
      first.due.map((d) => ({ key: d._id, added: d.added, sentAt: new Date(), groupIds: taken.groups.get(d._id) ?? [] })),
    );

    // e2 redelivered in another batch (with a new event e3), and e1 in a batch of its own: only e3 is new.
    await digests.add([item('e2', 'a@x.test'), item('e3', 'a@x.test')], now, now);
    await digests.add([item('e1', 'a@x.test')], now, now);
    const second = await digests.claim(new Date(Date.now() + 1), 60_000);
    expect(second.due.map((d) => d._id)).toEqual(['t1|a@x.test']);
    const again = await digests.take(second.due);
    expect(again.items.map((i) => i._id)).toEqual(['e3|t1|a@x.test']);
    // The group holding only e1 is finished too, so nothing stays waiting (no re-arm loop).
    expect(again.groups.get('t1|a@x.test')).toHaveLength(2);
    await digests.finish(
      second.claimId,
      second.due.map((d) => ({ key: d._id, added: d.added, sentAt: new Date(), groupIds: again.groups.get(d._id) ?? [] })),
    );
    const a = await store.collections.digests.findOne({ _id: 't1|a@x.test' });
    expect(a?.sentGroups).toHaveLength(3);
    const third = await digests.claim(new Date(Date.now() + 1), 60_000);
    expect(third.due).toEqual([]);
  });

  it('re-arms a schedule whose person got items while the flush ran', async () => {
    const digests = createDigestRepository(store);
    const now = new Date();
    await digests.add([item('r1', 'r@x.test')], now, now);
    const { claimId, due } = await digests.claim(new Date(Date.now() + 1), 60_000);
    const taken = await digests.take(due);
    await digests.add([item('r2', 'r@x.test')], now, now); // arrives mid-flush
    await digests.finish(
      claimId,
      due.map((d) => ({ key: d._id, added: d.added, sentAt: new Date(), groupIds: taken.groups.get(d._id) ?? [] })),
    );
    const next = await digests.claim(new Date(Date.now() + 1), 60_000);
    expect((await digests.take(next.due)).items.map((i) => i._id)).toEqual(['r2|t1|r@x.test']);
  });

  it('prunes emailed groups after the guard period, and only those', async () => {
    const digests = createDigestRepository(store);
    const now = new Date();
    await digests.add([item('p1', 'p@x.test')], now, now);
    const { claimId, due } = await digests.claim(new Date(Date.now() + 1), 60_000);
    const taken = await digests.take(due);
    await digests.finish(
      claimId,
      due.map((d) => ({ key: d._id, added: d.added, sentAt: new Date(), groupIds: taken.groups.get(d._id) ?? [] })),
    );
    await digests.add([item('p2', 'p@x.test')], now, now);
    await digests.prune(new Date(Date.now() + 1000));
    expect((await store.collections.digestItems.find({ digestKey: 't1|p@x.test' }).toArray()).flatMap((g) => g.itemIds)).toEqual(['p2|t1|p@x.test']);
    expect((await store.collections.digests.findOne({ _id: 't1|p@x.test' }))?.sentGroups).toEqual([]);
  });

  it('records the emails about to go for many people in one write', async () => {
    const digests = createDigestRepository(store);
    const now = new Date();
    await digests.add([item('s1', 'c@x.test'), item('s1', 'd@x.test')], now, now);
    const { claimId, due } = await digests.claim(new Date(Date.now() + 1), 60_000);
    await digests.markSending(
      claimId,
      due.map((d) => ({ key: d._id, messageId: `<${d._id}@keyguard>`, itemIds: [`s1|${d._id}`] })),
    );
    const docs = await store.collections.digests.find({ _id: { $in: ['t1|c@x.test', 't1|d@x.test'] } }).toArray();
    expect(docs.map((d) => d.sending?.messageId).sort()).toEqual(['<t1|c@x.test@keyguard>', '<t1|d@x.test@keyguard>']);
  });
});

describe('channel deliveries, claimed and recorded in bulk', () => {
  const delivery = (id: string, seq: number): ChannelDeliveryDoc => ({
    _id: id,
    channelId: 'nch_1',
    teamId: 't1',
    event: 'exposure.detected',
    eventId: id,
    orderKey: id,
    seq,
    body: '{}',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(),
    leaseUntil: null,
    lastStatus: null,
    lastError: null,
    createdAt: new Date(),
    deliveredAt: null,
  });

  it('claims once per lease, and only the claim that made an attempt records it', async () => {
    const deliveries = createChannelDeliveryRepository(store);
    await deliveries.enqueue([delivery('d1', 1), delivery('d2', 2), delivery('d3', 3)]);
    const now = new Date();
    const mine = await deliveries.claim(['d1', 'd2', 'd3'], now, 60_000);
    expect(mine.map((d) => d._id).sort()).toEqual(['d1', 'd2', 'd3']);
    expect(await deliveries.claim(['d1', 'd2'], now, 60_000)).toEqual([]);
    // d3's lease expires and another worker takes it over: the first worker's late result is ignored.
    const later = new Date(now.getTime() + 120_000);
    const theirs = await deliveries.claim(['d3'], later, 60_000);
    expect(theirs).toHaveLength(1);
    const claimOf = (id: string) => {
      const claimed = mine.find((d) => d._id === id)!;
      return { claimId: claimed.claimId, leaseUntil: claimed.leaseUntil };
    };
    // Within their lease (recorded by _id alone)…
    await deliveries.record(
      [
        { id: 'd1', ...claimOf('d1'), ok: true, httpStatus: 204 },
        { id: 'd2', ...claimOf('d2'), ok: false, httpStatus: 500, error: 'HTTP 500', retryAt: later },
      ],
      now,
    );
    // …and after it (the claim must still be the delivery's).
    await deliveries.record([{ id: 'd3', ...claimOf('d3'), ok: true, httpStatus: 204 }], later);
    const byId = new Map((await store.collections.channelDeliveries.find({ _id: { $in: ['d1', 'd2', 'd3'] } }).toArray()).map((d) => [d._id, d]));
    expect(byId.get('d1')).toMatchObject({ status: 'succeeded', attempts: 1, lastStatus: 204 });
    expect(byId.get('d2')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500', nextAttemptAt: later });
    // The log shows an attempt once it is made; the queue holds what is not finished.
    expect(byId.get('d3')).toMatchObject({ status: 'pending', attempts: 0 });
    const queued = new Map((await store.collections.channelQueue.find({}).toArray()).map((d) => [d._id, d]));
    expect([...queued.keys()].sort()).toEqual(['d2', 'd3']);
    expect(queued.get('d2')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: later });
    expect(queued.get('d3')).toMatchObject({ status: 'delivering', claimId: theirs[0]!.claimId });
  });

  it('queues an event once, however often it is enqueued, and adopts what the log left unfinished', async () => {
    const deliveries = createChannelDeliveryRepository(store);
    expect(await deliveries.enqueue([delivery('e1', 11), delivery('e2', 12)])).toBe(2);
    const [e1] = await deliveries.claim(['e1'], new Date(), 60_000);
    await deliveries.record([{ id: 'e1', claimId: e1!.claimId, leaseUntil: e1!.leaseUntil, ok: true, httpStatus: 204 }]);
    // A redelivered batch: e1 was delivered, e2 is still queued: nothing is queued again.
    expect(await deliveries.enqueue([delivery('e1', 11), delivery('e2', 12)])).toBe(0);
    // A process that died between its two writes left e3 logged but not queued: the next
    // enqueue of its event, or adoption at start, queues it.
    await store.collections.channelDeliveries.insertMany([delivery('e3', 13), delivery('e4', 14)]);
    expect(await deliveries.enqueue([delivery('e3', 13)])).toBe(1);
    expect(await deliveries.adoptUnfinished()).toBe(1);
    expect((await deliveries.unfinished(10)).map((d) => d._id).filter((id) => id.startsWith('e'))).toEqual(['e2', 'e3', 'e4']);
    await deliveries.removeChannel('nch_1');
    expect(await deliveries.unfinished(10)).toEqual([]);
  });
});
