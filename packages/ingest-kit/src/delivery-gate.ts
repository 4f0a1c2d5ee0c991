import { HttpError } from '@keyguard/runtime';
import pTimeout from 'p-timeout';
import type { OutgoingMessage, Publisher } from '@keyguard/bus';
import type { Logger } from '@keyguard/logger';
import { createDeliveryRepository, type Store } from '@keyguard/store';

export interface DeliveryClaims {
  /**
   * True when this delivery id is new; false for a redelivery (acknowledge and drop it). Once
   * `signal` aborts (the caller answered 503) a claim not yet written is dropped unwritten and
   * rejects.
   */
  claim(provider: string, deliveryId: string, signal?: AbortSignal): Promise<boolean>;
  release(provider: string, deliveryId: string): Promise<void>;
}

/**
 * The deliveries ledger (`createDeliveryRepository`'s `_id = provider:id` documents), with
 * concurrent claims gathered for `lingerMs` into one unordered insertMany: one round trip per
 * batch instead of one per webhook, which is what lets a receiver take thousands a second
 * (`npm run bench:ingest`: ~7,000 req/s receiver-only, test/bench/ingest.md). Hand-written on
 * purpose: the batch grows while a write is in flight and the duplicates of one insertMany map
 * back to their callers, which no general-purpose batching package does.
 * A duplicate-key write error marks exactly that claim as a redelivery.
 */
export function createDeliveryClaims(store: Store, { lingerMs = 0, maxBatch = 500 } = {}): DeliveryClaims {
  const repository = createDeliveryRepository(store);
  let queue: { id: string; signal?: AbortSignal; resolve: (claimed: boolean) => void; reject: (error: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing = false;
  let scheduled = false;

  async function write(batch: typeof queue): Promise<void> {
    try {
      const claimed = await repository.claimMany(batch.map((c) => c.id));
      for (const [i, c] of batch.entries()) c.resolve(claimed[i]!);
    } catch (error) {
      for (const c of batch) c.reject(error);
    }
  }

  /**
   * One insertMany at a time (concurrent writers contend for the same lock in FerretDB's
   * SQLite backend). Claims that arrive while a write is in flight wait in the queue and go
   * out together as soon as it finishes, so batches grow with load instead of queueing up.
   */
  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (writing) return;
    // Claims whose senders were already answered 503 are not written: after an outage of the
    // store the queue holds thousands of them, and writing (then releasing) each kept the
    // fresh claims behind them waiting past their timeout too, for a minute after FerretDB was
    // back (chaos suite, ferretdb-stop: 4,675 sender retries).
    const abandoned = queue.filter((c) => c.signal?.aborted);
    if (abandoned.length > 0) {
      queue = queue.filter((c) => !c.signal?.aborted);
      for (const c of abandoned) c.reject(new Error('delivery claim abandoned: the sender was answered already'));
    }
    if (queue.length === 0) return;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    writing = true;
    void write(batch).finally(() => {
      writing = false;
      flush();
    });
  }

  return {
    claim(provider, deliveryId, signal) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ id: `${provider}:${deliveryId}`, signal, resolve, reject });
        if (writing) return; // taken by the flush that follows the write in flight
        if (queue.length >= maxBatch) flush();
        else if (lingerMs <= 0) {
          if (!scheduled) {
            scheduled = true;
            setImmediate(() => {
              scheduled = false;
              flush();
            });
          }
        } else timer ??= setTimeout(flush, lingerMs);
      });
    },
    release: (provider, deliveryId) => repository.release(provider, deliveryId),
  };
}

export interface Publication {
  topic: string;
  messages: OutgoingMessage[];
}

export interface DeliveryGateOptions {
  claims: DeliveryClaims;
  publisher: Publisher;
  logger: Logger;
  /**
   * How long the ledger, then Kafka, may each take before the sender gets a 503: two of these
   * stay inside GitHub's 10 s.
   */
  publishTimeoutMs?: number;
}

export type Acceptance = 'accepted' | 'duplicate';

/**
 * Publish-then-acknowledge with dedup: claim the delivery id, publish, and only then let the
 * caller answer 2xx. If Kafka does not acknowledge in time the claim is released (so the
 * sender's retry is not dropped as a duplicate) and the caller gets a 503.
 */
export function createDeliveryGate(options: DeliveryGateOptions) {
  const timeoutMs = options.publishTimeoutMs ?? 3000;

  async function publishAll(publications: Publication[]): Promise<void> {
    try {
      await Promise.all(publications.map((p) => options.publisher.publish(p.topic, p.messages, { timeoutMs })));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'MESSAGE_TOO_LARGE') {
        throw new HttpError(413, 'event_too_large', 'the event is too large to be queued');
      }
      options.logger.warn({ err: error }, 'Kafka did not acknowledge the source event');
      throw new HttpError(503, 'kafka_unavailable', 'the event could not be queued; retry later');
    }
  }

  /** Claims every id at once; resolves which were new, or throws (503) when the ledger is too slow. */
  async function claimAll(provider: string, ids: string[]): Promise<boolean[]> {
    const givenUp = new AbortController();
    const claims = ids.map((id) => options.claims.claim(provider, id, givenUp.signal));
    try {
      return await pTimeout(Promise.all(claims), { milliseconds: timeoutMs, message: `delivery ledger did not answer within ${timeoutMs} ms` });
    } catch (error) {
      givenUp.abort(); // claims still queued are dropped unwritten
      // A claim that lands after we gave up must not turn the sender's retry into a "duplicate".
      for (const [i, claim] of claims.entries()) {
        claim.then((late) => (late ? options.claims.release(provider, ids[i]!) : undefined)).catch(() => {});
      }
      options.logger.error({ err: error }, 'delivery ledger unavailable');
      throw new HttpError(503, 'store_unavailable', 'the delivery could not be recorded; retry later');
    }
  }

  return {
    /**
     * Dedups on `deliveryId` and, with `bodyDigest`, on the body too: a signed body replayed
     * under a new delivery id (the signature covers the body only) is a duplicate. Publishes,
     * and resolves once Kafka acknowledged everything.
     */
    async accept(provider: string, deliveryId: string, publications: Publication[], dedup: { bodyDigest?: string } = {}): Promise<Acceptance> {
      const ids = dedup.bodyDigest ? [deliveryId, `body:${dedup.bodyDigest}`] : [deliveryId];
      const claimed = await claimAll(provider, ids);
      if (claimed.some((c) => !c)) return 'duplicate';
      try {
        await publishAll(publications);
      } catch (error) {
        for (const id of ids) {
          await options.claims.release(provider, id).catch((e: unknown) => options.logger.error({ err: e }, 'could not release a delivery claim'));
        }
        throw error;
      }
      return 'accepted';
    },
    /** For deliveries without a dedup id (partner alerts: exposure ids are deterministic instead). */
    publish: publishAll,
  };
}
export type DeliveryGate = ReturnType<typeof createDeliveryGate>;
