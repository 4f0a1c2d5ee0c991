/**
 * An ingest service started for one test file: fresh topics, consumer group and database on
 * the real engines, fixture servers for the provider's API and its partner keys, and every
 * log line captured so tests can prove no raw token was logged.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createKafka, type Kafka } from '@keyguard/bus';
import { createTestTopic } from '@keyguard/bus/testing';
import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from '@keyguard/store/testing';
import type { IngestDeps, RunningService } from './service-runtime.js';
import { type FixtureServer, startFixtureServer } from './testing.js';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';

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
  topics: { sourceEvents: string; exposures: string; dlq: string };
  logs: LogCapture;
  /** The webhook secret (or GitLab token) the service was started with. */
  secret: string;
  stop(): Promise<void>;
}

export interface HarnessOptions<C> {
  /** The service's name, e.g. `github-ingest`. */
  name: string;
  /** Short prefix for topic, group and database names, e.g. `gh`. */
  prefix: string;
  start: (config: C, deps: IngestDeps) => Promise<RunningService>;
  /** The provider-specific part of the config, pointed at the fixtures. */
  config: (fixtures: { api: FixtureServer; keys: FixtureServer; secret: string }) => C;
}

export async function startHarness<C>(options: HarnessOptions<C>): Promise<Harness> {
  const logs = new LogCapture();
  const logger = createLogger({ name: options.name, level: 'info', destination: logs });
  const kafka = createKafka({ brokers, clientId: `${options.name}-test`, logger: createLogger({ name: 'test', level: 'silent' }) });
  const topics = {
    sourceEvents: await createTestTopic(kafka, `${options.prefix}-src`, 3),
    exposures: await createTestTopic(kafka, `${options.prefix}-exp`, 3),
    dlq: await createTestTopic(kafka, `${options.prefix}-dlq`, 1),
  };
  const api = await startFixtureServer();
  const keys = await startFixtureServer();
  const secret = randomBytes(24).toString('hex');
  const service = await options.start(options.config({ api, keys, secret }), {
    logger,
    topics,
    groupId: `${options.prefix}-worker-${randomBytes(4).toString('hex')}`,
    dbName: uniqueDbName(options.prefix),
  });
  return {
    service,
    url: `http://127.0.0.1:${service.port}`,
    api,
    keys,
    kafka,
    topics,
    logs,
    secret,
    async stop() {
      await service.stop();
      await api.stop();
      await keys.stop();
    },
  };
}
