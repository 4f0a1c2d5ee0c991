import { randomUUID } from 'node:crypto';
import type { ChannelDeliveryDoc } from '../documents.js';
import { bulkWriteInChunks, insertNew, insertNewPositions } from '../bulk.js';
import { findByIds } from '../lookups.js';
import type { Store } from '../store.js';

/** One attempt's result, as the delivery worker records it (with the claim it was made under). */
export type DeliveryOutcome = { id: string; claimId?: string | null; leaseUntil?: Date | null; httpStatus: number | null } & (
  | { ok: true; error?: undefined; retryAt?: undefined }
  | { ok: false; error: string; retryAt: Date | null }
);

/**
 * How long before its lease ends a claim still records by `_id` alone: no other worker can
 * claim the delivery before the lease ends, and this covers the write and clocks apart.
 */
const LEASE_MARGIN_MS = 10_000;

/**
 * The delivery worker's persisted schedule, in two collections:
 *
 * - `channelDeliveries`, the log: one document per channel and event (unique id, so a
 *   redelivered event enqueues nothing), kept for the API's and the dashboard's delivery log
 *   until pruned, with each attempt's result;
 * - `channelQueue`, the deliveries not finished yet (a copy of each, deleted once it succeeded
 *   or failed for good): what the worker reads every pass and claims.
 *
 * The queue stays as small as the backlog. On FerretDB, which decodes every document of a
 * collection for any filter but a single `_id`, a pass over the log cost ~100 µs per delivery
 * of the past week on SQLite, growing until the prune; over the queue it costs nothing at
 * steady state. On one-writer storage the queue lives in the ledger database
 * (`<db>_deliveries`, its own file and write lock, see store.ts), so claims and results do not
 * wait for the policy's writes. Claims are one conditional update with a lease; results are
 * recorded in bulk, the log first, so the log never says pending for a delivery the queue has
 * forgotten. (FerretDB applies each document of a write one at a time under one lock: the writes
 * are few, not small.)
 */
export function createChannelDeliveryRepository(store: Store) {
  const log = store.collections.channelDeliveries;
  const queue = store.collections.channelQueue;
  const unfinishedInLog = { status: { $in: ['pending', 'delivering'] as ChannelDeliveryDoc['status'][] } };
  /** Of these logged deliveries, those the log says are still waiting for an attempt. */
  const stillPending = async (ids: string[]) => {
    const logged = await findByIds(log, store.capabilities, ids, { projection: { status: 1 } });
    return new Set(logged.filter((d) => d.status === 'pending').map((d) => d._id));
  };
  return {
    /**
     * Logs the deliveries and queues those that are new, or that a crash left logged but not
     * queued (the log still says pending). Returns how many were queued.
     */
    async enqueue(docs: ChannelDeliveryDoc[]): Promise<number> {
      if (docs.length === 0) return 0;
      const known = await insertNewPositions(log, docs);
      const pending = await stillPending(docs.filter((_, i) => known.has(i)).map((d) => d._id));
      return insertNew(
        queue,
        docs.filter((d, i) => !known.has(i) || pending.has(d._id)),
      );
    },
    /**
     * Queues what the log says is unfinished and the queue does not hold: deliveries logged
     * before the queue existed, or by a process that died between the two writes. Run at start.
     */
    async adoptUnfinished(): Promise<number> {
      const waiting = await log.find(unfinishedInLog).toArray();
      return insertNew(
        queue,
        waiting.map((d) => ({ ...d, status: 'pending' as const, leaseUntil: null, claimId: null })),
      );
    },
    /** Deliveries not finished yet, oldest first: the worker picks each order key's head among them. */
    unfinished: (limit: number) =>
      queue
        .find({}, { projection: { body: 0 } })
        .sort({ seq: 1 })
        .limit(limit)
        .toArray(),
    /**
     * Takes these deliveries for one attempt each, in one write: those another worker holds (a
     * live lease) or that finished meanwhile are left out. Returns the ones taken, with bodies.
     */
    async claim(ids: string[], now: Date, leaseMs: number): Promise<ChannelDeliveryDoc[]> {
      if (ids.length === 0) return [];
      const claimId = randomUUID();
      await queue.updateMany(
        { _id: { $in: ids }, $or: [{ status: 'pending' }, { status: 'delivering', leaseUntil: { $lt: now } }] },
        { $set: { status: 'delivering', leaseUntil: new Date(now.getTime() + leaseMs), claimId } },
      );
      return (await findByIds(queue, store.capabilities, ids)).filter((d) => d.claimId === claimId);
    },
    /**
     * Records attempts: success, a retry at `retryAt`, or `failed` for good when that is null;
     * a finished delivery leaves the queue. Only the claim that made the attempt records it:
     * while its lease holds nobody else can have claimed the delivery, so the writes go by `_id`
     * alone, in bulk (the cheap filter on FerretDB); once the lease is (nearly) over, the queue
     * is changed only if the claim still holds, and the log only then.
     */
    async record(outcomes: DeliveryOutcome[], now = new Date()): Promise<void> {
      if (outcomes.length === 0) return;
      const held = (o: DeliveryOutcome) => !o.claimId || (o.leaseUntil != null && o.leaseUntil.getTime() - now.getTime() > LEASE_MARGIN_MS);
      const inLease = outcomes.filter(held);
      await bulkWriteInChunks(
        log,
        inLease.map((o) => ({ updateOne: { filter: { _id: o.id }, update: resultUpdate(o, now) } })),
        { ordered: false },
      );
      await bulkWriteInChunks(
        queue,
        inLease.map((o) => (finished(o) ? { deleteOne: { filter: { _id: o.id } } } : { updateOne: { filter: { _id: o.id }, update: resultUpdate(o, now) } })),
        { ordered: false },
      );
      for (const o of outcomes.filter((o) => !held(o))) {
        const mine = { _id: o.id, claimId: o.claimId };
        const changed = finished(o) ? (await queue.deleteOne(mine)).deletedCount : (await queue.updateOne(mine, resultUpdate(o, now))).matchedCount;
        if (changed > 0) await log.updateOne({ _id: o.id }, resultUpdate(o, now));
      }
    },
    /** A channel's latest deliveries (the API's and the dashboard's delivery log). */
    list: (channelId: string, limit: number) => log.find({ channelId }).sort({ createdAt: -1, seq: -1 }).limit(limit).toArray(),
    /** Forgets finished deliveries older than `before`. */
    async prune(before: Date): Promise<number> {
      return (await log.deleteMany({ status: { $in: ['succeeded', 'failed'] }, createdAt: { $lt: before } })).deletedCount;
    },
    async removeChannel(channelId: string): Promise<void> {
      await queue.deleteMany({ channelId });
      await log.deleteMany({ channelId });
    },
  };
}
export type ChannelDeliveryRepository = ReturnType<typeof createChannelDeliveryRepository>;

/** Succeeded, or failed with no retry left: the delivery leaves the queue. */
const finished = (o: DeliveryOutcome) => o.ok || !o.retryAt;

/** An attempt's result: in the log always, in the queue while a retry lies ahead. */
function resultUpdate(o: DeliveryOutcome, now: Date) {
  return o.ok
    ? { $set: { status: 'succeeded' as const, deliveredAt: now, lastStatus: o.httpStatus, lastError: null, leaseUntil: null }, $inc: { attempts: 1 } }
    : {
        $set: {
          status: o.retryAt ? ('pending' as const) : ('failed' as const),
          nextAttemptAt: o.retryAt ?? now,
          lastStatus: o.httpStatus,
          lastError: (o.error ?? 'failed').slice(0, 500),
          leaseUntil: null,
        },
        $inc: { attempts: 1 },
      };
}
