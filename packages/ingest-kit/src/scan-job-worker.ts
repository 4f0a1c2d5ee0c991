import { randomUUID } from 'node:crypto';
import { errorCode, type Kafka, retriable, type OutgoingMessage, type Publisher, type RunningConsumer, runConsumer } from '@keyguard/bus';
import { type Provider, ScanRequested, type ScanRequestedPayload } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';
import { createScanJobRepository, type ScanJobDoc, type Store } from '@keyguard/store';
import { sleep } from './upstream.js';

/** How a job ended, as its runner reports it. */
export interface ScanOutcome {
  status: 'done' | 'partial' | 'skipped';
  error?: { code: string; message: string };
}

/** What a provider's job runner gets: the request, its job (with the cursor to resume from), and where results go. */
export interface ScanJobContext {
  request: ScanRequestedPayload;
  job: ScanJobDoc;
  log: Logger;
  /** Aborted when this attempt lost its lease (another attempt took the job over) or the service stops. */
  signal: AbortSignal;
  /** Publishes exposures (resolves once Kafka acknowledged them). */
  publish(messages: OutgoingMessage[]): Promise<void>;
  /** Queues more scan jobs (e.g. one per repository of an App installation). */
  enqueue(messages: OutgoingMessage[]): Promise<void>;
  /** Saves progress, counts and the resume cursor: call it after publishing what they cover. */
  checkpoint(state: Pick<ScanJobDoc, 'progress' | 'counts' | 'cursor'>): Promise<void>;
}

export type ScanJobRunner = (context: ScanJobContext) => Promise<ScanOutcome>;

export interface ScanJobWorkerOptions {
  kafka: Kafka;
  provider: Provider;
  groupId: string;
  topic: string;
  exposuresTopic: string;
  /** Publishes exposures (and dead letters). */
  publisher: Publisher;
  /** Where requests that cannot be handled go (default `keyguard.dlq.v1`). */
  dlqTopic?: string;
  store: Store;
  logger: Logger;
  run: ScanJobRunner;
  /** How long a lock stays held without renewal (renewed every third of it). */
  leaseMs?: number;
  /** How long a redelivered request waits for an earlier, still-alive attempt of its job. */
  maxWaitMs?: number;
}

const safeMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);

/**
 * The scan-job consumer of one provider: its own consumer group on keyguard.scan-requests.v1,
 * one job at a time per process (a job can run for minutes; the consumer keeps heartbeating).
 * A job is recorded once (a redelivered request finds it), runs under its repository's lock
 * (another job of the same repository is `skipped`), renews the lock while it runs, and ends
 * `done`, `partial` (a limit stopped it), `skipped` or `failed` — a failure is recorded, not
 * retried forever. If the process dies, Kafka redelivers the request and the next attempt
 * takes the lock over once its lease lapses and resumes from the job's cursor.
 */
export async function startScanJobWorker(options: ScanJobWorkerOptions): Promise<RunningConsumer> {
  const leaseMs = options.leaseMs ?? 30_000;
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  const jobs = createScanJobRepository(options.store);
  const stopping = new AbortController();
  let queue: Promise<void> = Promise.resolve();

  async function handle(request: ScanRequestedPayload, log: Logger): Promise<void> {
    let job = await jobs.create({ id: request.jobId, provider: request.provider, kind: request.kind, target: request.target, reason: request.reason });
    if (jobs.isFinished(job)) {
      log.info({ status: job.status }, 'scan job already finished; request dropped');
      return;
    }
    const lockKey = `${request.provider}:${request.target}`;
    const holder = randomUUID();
    const waitUntil = Date.now() + maxWaitMs;
    for (;;) {
      const lock = await jobs.lock(lockKey, job._id, holder, leaseMs);
      if (lock.acquired) break;
      if (lock.heldBy !== job._id) {
        await jobs.finish(job._id, 'skipped', { code: 'ALREADY_RUNNING', message: `a scan of ${request.target} is already running (job ${lock.heldBy})` });
        log.info({ runningJob: lock.heldBy }, 'scan skipped: the repository is being scanned');
        return;
      }
      // an earlier attempt of this job still renews its lease: let it finish, or take over when it lapses
      if (Date.now() > waitUntil || stopping.signal.aborted) throw new Error('an earlier attempt of this scan job still holds its lock');
      await sleep(Math.min(2000, leaseMs / 3));
      job = (await jobs.get(job._id)) ?? job;
      if (jobs.isFinished(job)) return;
    }

    const lost = new AbortController();
    const signal = AbortSignal.any([lost.signal, stopping.signal]);
    const renewal = setInterval(() => {
      jobs
        .renew(lockKey, holder, leaseMs)
        .then((held) => {
          if (!held) lost.abort(new Error('lease lost'));
        })
        .catch((error: unknown) => log.warn({ err: error }, 'could not renew the scan lock'));
    }, leaseMs / 3);
    await jobs.start(job._id);
    log.info({ jobId: job._id, target: request.target, resumeAt: job.cursor?.commits ?? 0 }, 'scan job started');
    try {
      const outcome = await options.run({
        request,
        job,
        log,
        signal,
        publish: (messages) => options.publisher.publish(options.exposuresTopic, messages),
        enqueue: (messages) => options.publisher.publish(options.topic, messages),
        checkpoint: (state) => jobs.checkpoint(job._id, state),
      });
      if (lost.signal.aborted) return;
      // stopping: neither finished nor committed; the next process resumes from the cursor
      if (stopping.signal.aborted && outcome.status === 'partial') return;
      await jobs.finish(job._id, outcome.status, outcome.error ?? null);
      log.info({ status: outcome.status, error: outcome.error?.code }, 'scan job finished');
    } catch (error) {
      if (lost.signal.aborted) {
        log.warn('scan lock taken over by another attempt; this one stops');
        return;
      }
      if (stopping.signal.aborted) return;
      await jobs.finish(job._id, 'failed', { code: errorCode(error), message: safeMessage(error) });
      log.error({ err: error }, 'scan job failed');
    } finally {
      clearInterval(renewal);
      if (!lost.signal.aborted) await jobs.unlock(lockKey, holder).catch(() => {});
    }
  }

  const consumer = await runConsumer(options.kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    schema: ScanRequested,
    publisher: options.publisher,
    ...(options.dlqTopic ? { dlqTopic: options.dlqTopic } : {}),
    logger: options.logger,
    retry: { retries: 3, initialDelayMs: 1000, maxDelayMs: 10_000 },
    handler: async (message) => {
      if (message.value.payload.provider !== options.provider) return;
      // one job at a time per process (the consumer reads up to three partitions at once)
      const turn = queue.then(() => handle(message.value.payload, message.log.child({ jobId: message.value.payload.jobId })));
      queue = turn.catch(() => {});
      try {
        await turn;
      } catch (error) {
        // MongoDB unreachable and the like: retried with backoff by the consumer, never lost
        throw retriable(errorCode(error), safeMessage(error), error);
      }
    },
  });
  return {
    ...consumer,
    async stop() {
      stopping.abort();
      await consumer.stop();
    },
  };
}
