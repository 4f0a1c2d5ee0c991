import { SIGNATURE_HEADER, signatureHeader } from '@keyguard/channels';
import type { Logger } from '@keyguard/logger';
import type { SecretBox } from '@keyguard/seal';
import type { ChannelDeliveryDoc, ChannelDeliveryRepository, DeliveryOutcome, NotificationChannelDoc } from '@keyguard/store';
import pLimit from 'p-limit';
import type { WriteQueue } from '../adapters/write-queue.js';
import type { WebhookClient } from '../adapters/webhook-client.js';
import { type BackoffPolicy, nextAttemptAt } from '../domain/backoff.js';

export interface DeliveryWorkerDeps {
  deliveries: ChannelDeliveryRepository;
  writes: WriteQueue;
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
  /** Called when attempts were recorded (the loop looks again: a key's next event may go now). */
  onSettled?: () => void;
  onAttempt?: (outcome: { delivery: ChannelDeliveryDoc; ok: boolean; ms: number }) => void;
}

interface Finished {
  lane: string;
  delivery: ChannelDeliveryDoc;
  outcome: DeliveryOutcome;
  ms: number;
}

/**
 * The delivery worker. Per channel and order key only the oldest unfinished delivery may go
 * (so one key's events arrive in order, even across a long outage). A pass claims every due
 * head in one write (a lease: a crashed worker's claim expires) and POSTs them, signed,
 * concurrently; results are recorded in bulk as they come in (one write for whatever finished
 * while the previous write ran), and a key's next event goes only after its head's result is
 * recorded. 2xx succeeds; anything else, a timeout or a refused address is retried with
 * exponential backoff until the retry period ends, then marked failed — and the key's next
 * event goes.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const limit = pLimit(deps.concurrency);
  const inFlight = new Set<string>();
  const finished: Finished[] = [];
  let recording = false;
  let recorded: Promise<void> = Promise.resolve();
  const running = new Set<Promise<unknown>>();

  async function send(delivery: ChannelDeliveryDoc): Promise<DeliveryOutcome> {
    const base = { id: delivery._id, claimId: delivery.claimId ?? null, leaseUntil: delivery.leaseUntil };
    const channel = await deps.channel(delivery.channelId);
    if (!channel) return { ...base, ok: false, httpStatus: null, error: 'the channel was deleted', retryAt: null };
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
    if (error === null) return { ...base, ok: true, httpStatus: status };
    const retryAt = nextAttemptAt(deps.backoff, delivery.attempts + 1, delivery.createdAt, new Date());
    deps.logger.debug({ delivery: delivery._id, error, retryAt }, 'delivery attempt failed');
    return { ...base, ok: false, httpStatus: status, error, retryAt };
  }

  /**
   * Writes whatever finished, in one bulk write per round; frees the lanes once recorded. The
   * flag is cleared in the same tick the loop sees nothing left, so an attempt that finishes
   * during a write is always taken by the next round.
   */
  function record(): Promise<void> {
    if (recording) return recorded;
    recording = true;
    recorded = (async () => {
      try {
        while (finished.length > 0) {
          const round = finished.splice(0);
          try {
            await deps.writes.run('now', () => deps.deliveries.record(round.map((f) => f.outcome)));
            for (const f of round) deps.onAttempt?.({ delivery: f.delivery, ok: f.outcome.ok, ms: f.ms });
          } catch (err) {
            // Left `delivering`: the lease expires and the attempt is made again (at least once).
            deps.logger.warn({ err, deliveries: round.length }, 'delivery attempts could not be recorded');
          }
          for (const f of round) inFlight.delete(f.lane);
          deps.onSettled?.();
        }
      } finally {
        recording = false;
      }
    })();
    return recorded;
  }

  /**
   * Claims the due heads and starts their attempts, returning without waiting for them: a slow
   * channel never holds up another.
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
    if (due.length === 0) return false;
    for (const [lane] of due) inFlight.add(lane);
    let claimed: ChannelDeliveryDoc[] = [];
    try {
      claimed = await deps.writes.run('now', () =>
        deps.deliveries.claim(
          due.map(([, d]) => d._id),
          now,
          deps.leaseMs,
        ),
      );
    } finally {
      const taken = new Set(claimed.map((d) => d._id));
      for (const [lane, d] of due) if (!taken.has(d._id)) inFlight.delete(lane);
    }
    for (const delivery of claimed) {
      const lane = `${delivery.channelId}|${delivery.orderKey}`;
      const started = performance.now();
      const task = limit(() => send(delivery))
        .then((outcome) => {
          finished.push({ lane, delivery, outcome, ms: performance.now() - started });
          return record();
        })
        .catch((err: unknown) => {
          // Its lease expires and the attempt is made again.
          deps.logger.warn({ err, delivery: delivery._id }, 'delivery attempt failed unexpectedly');
          inFlight.delete(lane);
        })
        .finally(() => running.delete(task));
      running.add(task);
    }
    return false;
  }

  /** Waits for the attempts in flight and their records (a graceful stop). */
  const drain = async () => {
    while (running.size > 0 || recording) await Promise.allSettled([...running, recorded]);
  };
  return { pass, drain };
}
