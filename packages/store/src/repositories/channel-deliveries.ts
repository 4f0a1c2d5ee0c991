import { MongoBulkWriteError } from 'mongodb';
import type { ChannelDeliveryDoc } from '../documents.js';
import type { Store } from '../store.js';

/**
 * The delivery worker's persisted schedule: one document per channel and event (unique id,
 * so a redelivered event enqueues nothing), claimed with a lease by a conditional update,
 * retried until it succeeds or its retry period ends.
 */
export function createChannelDeliveryRepository(store: Store) {
  const deliveries = store.collections.channelDeliveries;
  return {
    /** Inserts the deliveries that are new; returns how many were. */
    async enqueue(docs: ChannelDeliveryDoc[]): Promise<number> {
      if (docs.length === 0) return 0;
      try {
        await deliveries.insertMany(docs, { ordered: false });
        return docs.length;
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
        if (errors.some((e) => e.code !== 11000)) throw error;
        return docs.length - errors.length;
      }
    },
    /** Deliveries not finished yet, oldest first: the worker picks each order key's head among them. */
    unfinished: (limit: number) =>
      deliveries
        .find({ status: { $in: ['pending', 'delivering'] } }, { projection: { body: 0 } })
        .sort({ seq: 1 })
        .limit(limit)
        .toArray(),
    /** Takes a delivery for one attempt; false when another worker has it. */
    async claim(id: string, now: Date, leaseMs: number): Promise<ChannelDeliveryDoc | null> {
      return deliveries.findOneAndUpdate(
        { _id: id, $or: [{ status: 'pending' }, { status: 'delivering', leaseUntil: { $lt: now } }] },
        { $set: { status: 'delivering', leaseUntil: new Date(now.getTime() + leaseMs) } },
        { returnDocument: 'after' },
      );
    },
    async succeeded(id: string, httpStatus: number, now = new Date()): Promise<void> {
      await deliveries.updateOne(
        { _id: id },
        { $set: { status: 'succeeded', deliveredAt: now, lastStatus: httpStatus, lastError: null, leaseUntil: null }, $inc: { attempts: 1 } },
      );
    },
    /** A failed attempt: retried at `retryAt`, or `failed` for good when that is null. */
    async attemptFailed(id: string, outcome: { httpStatus: number | null; error: string; retryAt: Date | null }): Promise<void> {
      await deliveries.updateOne(
        { _id: id },
        {
          $set: {
            status: outcome.retryAt ? 'pending' : 'failed',
            nextAttemptAt: outcome.retryAt ?? new Date(),
            lastStatus: outcome.httpStatus,
            lastError: outcome.error.slice(0, 500),
            leaseUntil: null,
          },
          $inc: { attempts: 1 },
        },
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
