/**
 * An ingest service started for one test file: fresh topics, consumer group and database on
 * the real engines, fixture servers for the provider's API and its partner keys, and every
 * log line captured so tests can prove no raw token was logged.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createKafka, type Kafka } from '@keyguard/bus';
import { createTestTopic, type ReadMessage, waitForMessages } from './bus.js';
import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from './store.js';
import type { IngestDeps, RunningService } from '@keyguard/ingest-kit';
import { type FixtureServer, startFixtureServer } from './ingest.js';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';

/** A Postman-format key generated at run time (no realistic literal token is committed). */
export const postmanKey = () => `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;

/** The payload and location of an exposure message read back from Kafka. */
export const payloadOf = (m: ReadMessage) => (m.json as { payload: Record<string, unknown> }).payload;
export const locationOf = (m: ReadMessage) => payloadOf(m).location as Record<string, unknown>;

/** Every log line the service wrote. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void) {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  text() {
    return this.lines.join('');
  }
}

export interface Harness {
  service: RunningService;
  url: string;
  /** Replays the provider's API. */
  api: FixtureServer;
  /** Serves the partner program's public keys. */
  keys: FixtureServer;
  kafka: Kafka;
  topics: { sourceEvents: string; exposures: string; dlq: string; scanRequests: string };
  logs: LogCapture;
  /** The webhook secret (or GitLab token) the service was started with. */
  secret: string;
  /** The service's KEYGUARD_HASH_KEY. */
  hashKey: string;
  /** Every key `plantKey` made, to prove none reached Kafka or a log line. */
  planted: string[];
  plantKey(): string;
  /** The exposures whose payload matches, once `count` of them arrived. */
  exposuresWhere(predicate: (payload: Record<string, unknown>) => boolean, count: number, timeoutMs?: number): Promise<ReadMessage[]>;
  /** The exposures of these token hashes, once each has at least one. */
  exposuresOf(tokenHashes: string[], timeoutMs?: number): Promise<ReadMessage[]>;
  stop(): Promise<void>;
}

export interface HarnessOptions<C> {
  /** The service's name, e.g. `github-ingest`. */
  name: string;
  /** Short prefix for topic, group and database names, e.g. `gh`. */
  prefix: string;
  start: (config: C, deps: IngestDeps) => Promise<RunningService>;
  /** The provider-specific part of the config, pointed at the fixtures. */
  config: (fixtures: { api: FixtureServer; keys: FixtureServer; secret: string; hashKey: string }) => C;
  /** More overrides for the service (on top of fresh topics, group and database). */
  deps?: Partial<IngestDeps>;
}

export async function startHarness<C>(options: HarnessOptions<C>): Promise<Harness> {
  const logs = new LogCapture();
  const logger = createLogger({ name: options.name, level: 'info', destination: logs });
  const kafka = createKafka({ brokers, clientId: `${options.name}-test`, logger: createLogger({ name: 'test', level: 'silent' }) });
  const topics = {
    sourceEvents: await createTestTopic(kafka, `${options.prefix}-src`, 3),
    exposures: await createTestTopic(kafka, `${options.prefix}-exp`, 3),
    dlq: await createTestTopic(kafka, `${options.prefix}-dlq`, 1),
    scanRequests: await createTestTopic(kafka, `${options.prefix}-scan`, 3),
  };
  const api = await startFixtureServer();
  const keys = await startFixtureServer();
  const secret = randomBytes(24).toString('hex');
  const hashKey = randomBytes(32).toString('hex');
  const service = await options.start(options.config({ api, keys, secret, hashKey }), {
    logger,
    topics,
    groupId: `${options.prefix}-worker-${randomBytes(4).toString('hex')}`,
    dbName: uniqueDbName(options.prefix),
    ...options.deps,
  });
  // Tests start once the worker has joined its group (bounded, with a message, by the service):
  // on a busy broker a join takes seconds, and it used to come out of the first test's wait for
  // its exposures (a flake in fresh clones).
  await service.workerReady;
  const planted: string[] = [];
  const exposuresWhere = (match: (m: ReadMessage) => boolean, until: (matching: ReadMessage[]) => boolean, timeoutMs: number) =>
    waitForMessages(kafka, topics.exposures, { timeoutMs, until: (all) => until(all.filter(match)) }).then((all) => all.filter(match));
  return {
    service,
    url: `http://127.0.0.1:${service.port}`,
    api,
    keys,
    kafka,
    topics,
    logs,
    secret,
    hashKey,
    planted,
    plantKey() {
      const key = postmanKey();
      planted.push(key);
      return key;
    },
    exposuresWhere: (predicate, count, timeoutMs = 20_000) =>
      exposuresWhere(
        (m) => predicate(payloadOf(m)),
        (matching) => matching.length >= count,
        timeoutMs,
      ),
    exposuresOf(tokenHashes, timeoutMs = 20_000) {
      const wanted = new Set(tokenHashes);
      return exposuresWhere(
        (m) => wanted.has(payloadOf(m).tokenHash as string),
        (matching) => new Set(matching.map((m) => payloadOf(m).tokenHash)).size >= wanted.size,
        timeoutMs,
      );
    },
    async stop() {
      await service.stop();
      await api.stop();
      await keys.stop();
    },
  };
}
