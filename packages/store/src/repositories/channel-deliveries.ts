import { randomUUID } from 'node:crypto';
import type { ChannelDeliveryDoc } from '../documents.js';
import { bulkWriteInChunks, insertNew } from '../bulk.js';
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
 * The delivery worker's persisted schedule: one document per channel and event (unique id,
 * so a redelivered event enqueues nothing), claimed in batches with a lease by one conditional
 * update, its attempts recorded in one bulk write, retried until it succeeds or its retry
 * period ends. (FerretDB applies each document of a write one at a time under one lock: the
 * writes are few, not small.)
 */
export function createChannelDeliveryRepository(store: Store) {
  const deliveries = store.collections.channelDeliveries;
  return {
    /** Inserts the deliveries that are new; returns how many were. */
    enqueue: (docs: ChannelDeliveryDoc[]): Promise<number> => insertNew(deliveries, docs),
    /** Deliveries not finished yet, oldest first: the worker picks each order key's head among them. */
    unfinished: (limit: number) =>
      deliveries
        .find({ status: { $in: ['pending', 'delivering'] } }, { projection: { body: 0 } })
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
      await deliveries.updateMany(
        { _id: { $in: ids }, $or: [{ status: 'pending' }, { status: 'delivering', leaseUntil: { $lt: now } }] },
        { $set: { status: 'delivering', leaseUntil: new Date(now.getTime() + leaseMs), claimId } },
      );
      return (await findByIds(deliveries, store.capabilities, ids)).filter((d) => d.claimId === claimId);
    },
    /**
     * Records attempts in one write: success, a retry at `retryAt`, or `failed` for good when
     * that is null. Only the claim that made the attempt records it: while its lease holds
     * nobody else can have claimed the delivery, so the filter is `_id` alone (the cheap one on
     * FerretDB); once the lease is (nearly) over, the claim id is part of the condition.
     */
    async record(outcomes: DeliveryOutcome[], now = new Date()): Promise<void> {
      if (outcomes.length === 0) return;
      const held = (o: DeliveryOutcome) => o.leaseUntil != null && o.leaseUntil.getTime() - now.getTime() > LEASE_MARGIN_MS;
      await bulkWriteInChunks(
        deliveries,
        outcomes.map((o) => ({
          updateOne: {
            filter: { _id: o.id, ...(o.claimId && !held(o) ? { claimId: o.claimId } : {}) },
            update: o.ok
              ? { $set: { status: 'succeeded', deliveredAt: now, lastStatus: o.httpStatus, lastError: null, leaseUntil: null }, $inc: { attempts: 1 } }
              : {
                  $set: {
                    status: o.retryAt ? 'pending' : 'failed',
                    nextAttemptAt: o.retryAt ?? now,
                    lastStatus: o.httpStatus,
                    lastError: (o.error ?? 'failed').slice(0, 500),
                    leaseUntil: null,
                  },
                  $inc: { attempts: 1 },
                },
          },
        })),
        { ordered: false },
      );
    },
    /** A channel's latest deliveries (the API's and the dashboard's delivery log). */
    list: (channelId: string, limit: number) => deliveries.find({ channelId }).sort({ createdAt: -1, seq: -1 }).limit(limit).toArray(),
    /** Forgets finished deliveries older than `before`. */
    async prune(before: Date): Promise<number> {
      return (await deliveries.deleteMany({ status: { $in: ['succeeded', 'failed'] }, createdAt: { $lt: before } })).deletedCount;
    },
    async removeChannel(channelId: string): Promise<void> {
      await deliveries.deleteMany({ channelId });
    },
  };
}
export type ChannelDeliveryRepository = ReturnType<typeof createChannelDeliveryRepository>;
