import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import pTimeout from 'p-timeout';
import type { Logger } from '@keyguard/logger';
import { permanent, retriable } from './errors.js';

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
   * written later: consumers are idempotent, so the sender's retry is safe). A message that
   * alone exceeds `maxRequestBytes` rejects its publish at once with the permanent code
   * MESSAGE_TOO_LARGE; nothing of that publish is written.
   */
  publish(topic: string, messages: OutgoingMessage[], options?: { timeoutMs?: number }): Promise<void>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  stats(): { batches: number; messages: number; producerResets: number };
}

/**
 * The broker refuses a record batch over `message.max.bytes` (1 MiB + 12 bytes by default,
 * Kafka's `max.message.bytes` per topic). One produce request carries one batch per
 * partition, so a request kept under this size never meets that limit, whatever the
 * partitioner does.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 900 * 1024;

/**
 * Longest a produce request (connect + send with kafkajs' own retries) may take before it
 * counts as failed: kafkajs's request timeout (10 s, createKafka) and a little more. Every later
 * publish waits behind the request in flight, so this bound is how long a wedged request holds
 * up the whole producer: with three brokers, one killed with -9, a produce left without an
 * answer kept an ingest receiver refusing webhooks (503) for the 30 s this used to be, long
 * after the cluster had moved the dead broker's partitions (6 s).
 */
export const DEFAULT_PRODUCE_TIMEOUT_MS = 12_000;
/** Per-record overhead in a v2 record batch (varints, attributes, offsets), rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

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
  /** Bytes of one produce request at most; larger publishes are sent in several requests. */
  maxRequestBytes?: number;
  /** Longest one produce request may take before the producer is replaced and the publish fails as retriable (default 12 s). */
  produceTimeoutMs?: number;
}

interface Encoded {
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
  bytes: number;
}

interface Pending {
  topic: string;
  messages: Encoded[];
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const encodeValue = (value: unknown): Buffer | string => (Buffer.isBuffer(value) || typeof value === 'string' ? value : JSON.stringify(value));

function encode(message: OutgoingMessage): Encoded {
  const value = encodeValue(message.value);
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(value) + (message.key === null ? 0 : Buffer.byteLength(message.key));
  for (const [name, v] of Object.entries(message.headers ?? {})) bytes += Buffer.byteLength(name) + Buffer.byteLength(v) + 8;
  return { key: message.key, value, headers: message.headers, bytes };
}

/** Splits one publish's messages into runs that each fit one produce request. */
function chunks(messages: Encoded[], maxBytes: number, maxMessages: number): Encoded[][] {
  const out: Encoded[][] = [];
  let current: Encoded[] = [];
  let bytes = 0;
  for (const m of messages) {
    if (current.length > 0 && (bytes + m.bytes > maxBytes || current.length >= maxMessages)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += m.bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * An idempotent, acks=all producer that batches concurrent publishes itself, keeps every
 * produce request under `maxRequestBytes`, and never lets one publish fail another:
 * - a publish too large for one request goes out alone, in several requests;
 * - after any produce error the kafkajs producer is replaced by a fresh one. kafkajs rolls
 *   its idempotence sequence numbers back for every partition of a failed request, even for
 *   partitions the broker had written; from then on the broker answers "out of order
 *   sequence number" to every produce, for good. A new producer gets a new producer id and
 *   starts its sequences afresh;
 * - when a request that gathered several publishes is refused for a reason that is not
 *   transient (one of them broke a broker-side limit), each publish is tried again alone, so
 *   only the one at fault fails. A publish written by the refused request may be written
 *   twice: consumers are idempotent.
 */
export function createPublisher(kafka: Kafka, options: PublisherOptions): Publisher {
  const lingerMs = options.lingerMs ?? 2;
  const maxBatchMessages = options.maxBatchMessages ?? 1000;
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const produceTimeoutMs = options.produceTimeoutMs ?? DEFAULT_PRODUCE_TIMEOUT_MS;
  const newProducer = (): Producer =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  let producer = newProducer();
  let queue: Pending[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  let connected: Promise<void> | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let sending = false;
  const counters = { batches: 0, messages: 0, producerResets: 0 };

  async function produce(topicMessages: { topic: string; messages: Encoded[] }[]): Promise<void> {
    // Bounded: after a broker restart a kafkajs produce can wait for good (seen in the chaos
    // suite: no answer and no error for minutes), and every later publish queues behind it.
    // Past the bound the request counts as failed: the producer is replaced (send) and the
    // caller's retry goes out on a fresh one; if the old one was written after all, the
    // consumers are idempotent.
    const sent = (async () => {
      await connect();
      await producer.sendBatch({
        acks: -1,
        topicMessages: topicMessages.map(({ topic, messages }) => ({
          topic,
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    })();
    sent.catch(() => {}); // a late failure after the bound is already reported
    await pTimeout(sent, {
      milliseconds: produceTimeoutMs,
      message: retriable('KAFKA_UNAVAILABLE', `Kafka did not answer a produce request within ${produceTimeoutMs} ms`),
    });
    counters.batches += 1;
    counters.messages += topicMessages.reduce((n, t) => n + t.messages.length, 0);
  }

  /** A fresh idempotent producer: the old one's sequence numbers may no longer match the broker's. */
  function reset(): void {
    const stale = producer;
    const wasConnected = connected;
    producer = newProducer();
    connected = undefined;
    counters.producerResets += 1;
    if (wasConnected) void wasConnected.then(() => stale.disconnect()).catch(() => {});
  }

  async function sendTogether(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Encoded[]>();
    for (const p of batch) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), ...p.messages]);
    await produce([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  }

  async function sendAlone(p: Pending): Promise<void> {
    for (const chunk of chunks(p.messages, maxRequestBytes, maxBatchMessages)) await produce([{ topic: p.topic, messages: chunk }]);
  }

  async function send(batch: Pending[]): Promise<void> {
    try {
      if (batch.length === 1) await sendAlone(batch[0]!);
      else await sendTogether(batch);
      for (const p of batch) p.resolve();
      return;
    } catch (error) {
      reset();
      options.logger.warn({ err: error, publishes: batch.length }, 'publish failed; producer replaced');
      const transient = (error as { retriable?: unknown }).retriable === true;
      if (batch.length === 1 || transient) {
        for (const p of batch) p.reject(error);
        return;
      }
    }
    // Refused for a reason one of them may have caused: each alone, so only that one fails.
    for (const p of batch) {
      try {
        await sendAlone(p);
        p.resolve();
      } catch (error) {
        reset();
        p.reject(error);
      }
    }
  }

  /** Whole publishes, in order, while they fit one request; a publish too large for one goes alone. */
  function take(): Pending[] {
    let count = 0;
    let messages = 0;
    let bytes = 0;
    for (const p of queue) {
      const fits = messages + p.messages.length <= maxBatchMessages && bytes + p.bytes <= maxRequestBytes;
      if (count > 0 && !fits) break;
      count += 1;
      messages += p.messages.length;
      bytes += p.bytes;
      if (!fits) break;
    }
    const batch = queue.slice(0, count);
    queue = queue.slice(count);
    queued = queue.reduce((n, p) => n + p.messages.length, 0);
    return batch;
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (sending || queue.length === 0) return;
    // One request at a time keeps the idempotent producer's ordering guarantee. Publishes that
    // arrive meanwhile wait in the queue and all go in the next request, taken when this one
    // finishes: batches grow under load instead of piling up as many small requests.
    const batch = take();
    sending = true;
    inFlight = send(batch).finally(() => {
      sending = false;
      flush();
    });
  }

  function connect(): Promise<void> {
    const current = producer;
    connected ??= current.connect().catch((error) => {
      if (producer === current) connected = undefined;
      throw error;
    });
    return connected;
  }

  return {
    connect,
    publish(topic, messages, publishOptions) {
      if (messages.length === 0) return Promise.resolve();
      const encoded = messages.map(encode);
      const oversized = encoded.find((m) => m.bytes > maxRequestBytes);
      if (oversized) {
        return Promise.reject(
          permanent('MESSAGE_TOO_LARGE', `a message of ${oversized.bytes} bytes exceeds the ${maxRequestBytes}-byte produce limit (topic ${topic})`),
        );
      }
      const bytes = encoded.reduce((n, m) => n + m.bytes, 0);
      const written = new Promise<void>((resolve, reject) => {
        queue.push({ topic, messages: encoded, bytes, resolve, reject });
        queued += messages.length;
        if (sending) return; // goes out with the request that follows the one in flight
        if (queued >= maxBatchMessages) flush();
        else timer ??= setTimeout(flush, lingerMs);
      });
      const timeoutMs = publishOptions?.timeoutMs;
      if (timeoutMs === undefined) return written;
      let deadline: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        deadline = setTimeout(() => reject(retriable('KAFKA_UNAVAILABLE', `Kafka did not acknowledge within ${timeoutMs} ms`)), timeoutMs);
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
