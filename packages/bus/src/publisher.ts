import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from '@keyguard/logger';
import { retriable } from './errors.js';

export interface OutgoingMessage {
  key: string | null;
  /** An envelope (serialised as JSON) or bytes already encoded. */
  value: unknown;
  headers?: Record<string, string>;
}

export interface Publisher {
  /**
   * Resolves once every message is acknowledged by all in-sync replicas. With `timeoutMs`,
   * rejects with code KAFKA_UNAVAILABLE when that takes longer (the messages may still be
   * written later: consumers are idempotent, so the sender's retry is safe).
   */
  publish(topic: string, messages: OutgoingMessage[], options?: { timeoutMs?: number }): Promise<void>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  stats(): { batches: number; messages: number };
}

export interface PublisherOptions {
  logger: Logger;
  /**
   * How long to gather concurrent publishes into one produce request. kafkajs has no
   * linger.ms of its own; a few milliseconds turn thousands of webhook requests a second
   * into a few hundred produce requests.
   */
  lingerMs?: number;
  /** Flush early when this many messages are waiting. */
  maxBatchMessages?: number;
}

interface Pending {
  topic: string;
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const encode = (value: unknown): Buffer | string =>
  Buffer.isBuffer(value) || typeof value === 'string' ? value : JSON.stringify(value);

/** An idempotent, acks=all producer that batches concurrent publishes itself. */
export function createPublisher(kafka: Kafka, options: PublisherOptions): Publisher {
  const lingerMs = options.lingerMs ?? 2;
  const maxBatchMessages = options.maxBatchMessages ?? 1000;
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let queue: Pending[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  let connected: Promise<void> | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let sending = false;
  const counters = { batches: 0, messages: 0 };

  async function send(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const p of batch) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), ...p.messages]);
    try {
      await connect();
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic,
          messages: messages.map((m) => ({ key: m.key, value: encode(m.value), headers: m.headers })),
        })),
      });
      counters.batches += 1;
      counters.messages += batch.reduce((n, p) => n + p.messages.length, 0);
      for (const p of batch) p.resolve();
    } catch (error) {
      options.logger.warn({ err: error }, 'publish failed');
      for (const p of batch) p.reject(error);
    }
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (sending || queue.length === 0) return;
    // One request at a time keeps the idempotent producer's ordering guarantee. Publishes that
    // arrive meanwhile wait in the queue and all go in the next request, taken when this one
    // finishes: batches grow under load instead of piling up as many small requests.
    let take = 0;
    for (let n = 0; take < queue.length && n < maxBatchMessages; take++) n += queue[take]?.messages.length ?? 0;
    const batch = queue.slice(0, take);
    queue = queue.slice(take);
    queued = queue.reduce((n, p) => n + p.messages.length, 0);
    sending = true;
    inFlight = send(batch).finally(() => {
      sending = false;
      flush();
    });
  }

  function connect(): Promise<void> {
    connected ??= producer.connect().catch((error) => {
      connected = undefined;
      throw error;
    });
    return connected;
  }

  return {
    connect,
    publish(topic, messages, publishOptions) {
      if (messages.length === 0) return Promise.resolve();
      const written = new Promise<void>((resolve, reject) => {
        queue.push({ topic, messages, resolve, reject });
        queued += messages.length;
        if (sending) return; // goes out with the request that follows the one in flight
        if (queued >= maxBatchMessages) flush();
        else timer ??= setTimeout(flush, lingerMs);
      });
      const timeoutMs = publishOptions?.timeoutMs;
      if (timeoutMs === undefined) return written;
      let deadline: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        deadline = setTimeout(
          () => reject(retriable('KAFKA_UNAVAILABLE', `Kafka did not acknowledge within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      written.catch(() => {}); // a late failure after the timeout is already reported
      return Promise.race([written, timedOut]).finally(() => clearTimeout(deadline));
    },
    async disconnect() {
      flush();
      while (sending) await inFlight;
      if (connected) await producer.disconnect();
      connected = undefined;
    },
    stats: () => ({ ...counters }),
  };
}
