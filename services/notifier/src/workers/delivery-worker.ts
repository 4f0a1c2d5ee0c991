import { SIGNATURE_HEADER, signatureHeader } from '@keyguard/channels';
import type { Logger } from '@keyguard/logger';
import type { SecretBox } from '@keyguard/seal';
import { type ChannelDeliveryDoc, type ChannelDeliveryRepository, isStoreBusy, type NotificationChannelDoc } from '@keyguard/store';
import pLimit from 'p-limit';
import pRetry from 'p-retry';

/** FerretDB refuses a write that meets another writer's lock (SQLITE_BUSY): wait and write again. */
const store = <T>(write: () => Promise<T>) => pRetry(write, { retries: 8, minTimeout: 50, maxTimeout: 2000, shouldRetry: ({ error }) => isStoreBusy(error) });
import type { WebhookClient } from '../adapters/webhook-client.js';
import { type BackoffPolicy, nextAttemptAt } from '../domain/backoff.js';

export interface DeliveryWorkerDeps {
  deliveries: ChannelDeliveryRepository;
  /** The channel by id (cached briefly by the caller); null when it was deleted. */
  channel: (id: string) => Promise<NotificationChannelDoc | null>;
  secrets: SecretBox | null;
  client: WebhookClient;
  backoff: BackoffPolicy;
  /** Attempts in flight at once (different order keys). */
  concurrency: number;
  leaseMs: number;
  /** How many unfinished deliveries one pass looks at. */
  window?: number;
  logger: Logger;
  /** Called when an attempt ended (the loop looks again: the key's next event may go now). */
  onSettled?: () => void;
  onAttempt?: (outcome: { delivery: ChannelDeliveryDoc; ok: boolean; ms: number }) => void;
}

/**
 * One pass of the delivery worker. Per channel and order key only the oldest unfinished
 * delivery may go (so one key's events arrive in order, even across a long outage); the heads
 * that are due are claimed (a lease: a crashed worker's claim expires) and POSTed, signed.
 * 2xx succeeds; anything else, a timeout or a refused address is retried with exponential
 * backoff until the retry period ends, then marked failed — and the key's next event goes.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const limit = pLimit(deps.concurrency);
  const inFlight = new Set<string>();

  async function attempt(head: ChannelDeliveryDoc): Promise<boolean> {
    const started = performance.now();
    const now = new Date();
    const delivery = await store(() => deps.deliveries.claim(head._id, now, deps.leaseMs));
    if (!delivery) return false;
    const channel = await deps.channel(delivery.channelId);
    if (!channel) {
      await store(() => deps.deliveries.attemptFailed(delivery._id, { httpStatus: null, error: 'the channel was deleted', retryAt: null }));
      return true;
    }
    let status: number | null = null;
    let error: string | null = null;
    try {
      const headers: Record<string, string> = { 'x-keyguard-event': delivery.event, 'x-keyguard-delivery': delivery._id };
      // Slack ignores the signature; a proxy in front of it may check it.
      if (!deps.secrets) throw new Error('KEYGUARD_CHANNEL_ENCRYPTION_KEY is not set: cannot sign');
      headers[SIGNATURE_HEADER] = signatureHeader(deps.secrets.decrypt(channel.secretEncrypted, channel._id), delivery.body);
      status = (await deps.client.post(channel.url, delivery.body, headers)).status;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      error = err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : 'request failed';
    }
    if (error === null) await store(() => deps.deliveries.succeeded(delivery._id, status!));
    else {
      const retryAt = nextAttemptAt(deps.backoff, delivery.attempts + 1, delivery.createdAt, new Date());
      await store(() => deps.deliveries.attemptFailed(delivery._id, { httpStatus: status, error, retryAt }));
      deps.logger.debug({ delivery: delivery._id, error, retryAt }, 'delivery attempt failed');
    }
    deps.onAttempt?.({ delivery, ok: error === null, ms: performance.now() - started });
    return true;
  }

  const running = new Set<Promise<unknown>>();

  /**
   * Starts the due heads' attempts and returns without waiting for them: a slow channel never
   * holds up another. Each attempt that ends calls `onSettled`.
   */
  async function pass(now = new Date()): Promise<boolean> {
    const unfinished = await deps.deliveries.unfinished(deps.window ?? 2000);
    const heads = new Map<string, ChannelDeliveryDoc>();
    for (const d of unfinished) {
      const lane = `${d.channelId}|${d.orderKey}`;
      if (!heads.has(lane)) heads.set(lane, d);
    }
    const due = [...heads.entries()].filter(([lane, d]) => {
      if (inFlight.has(lane)) return false;
      return d.status === 'pending' ? d.nextAttemptAt.getTime() <= now.getTime() : (d.leaseUntil?.getTime() ?? 0) < now.getTime();
    });
    for (const [lane, d] of due) {
      inFlight.add(lane);
      const task = limit(() => attempt(d))
        .catch((err: unknown) => deps.logger.warn({ err, delivery: d._id }, 'delivery attempt could not be recorded'))
        .finally(() => {
          inFlight.delete(lane);
          running.delete(task);
          deps.onSettled?.();
        });
      running.add(task);
    }
    return false;
  }

  /** Waits for the attempts in flight (a graceful stop). */
  const drain = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return { pass, drain };
}
