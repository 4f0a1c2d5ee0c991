import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createKafka, type Kafka } from '@keyguard/bus';
import { createTestTopic } from '@keyguard/bus/testing';
import { createLogger } from '@keyguard/logger';
import { type FixtureServer, startFixtureServer } from '@keyguard/ingest-kit/testing';
import { uniqueDbName } from '@keyguard/store/testing';
import type { ServiceConfig as Config } from '../src/service.js';
import { type RunningService, startService } from '../src/service.js';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';

/** Every log line the service wrote, for "no raw token in any log line" assertions. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
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
  api: FixtureServer;
  keys: FixtureServer;
  kafka: Kafka;
  topics: { sourceEvents: string; exposures: string; dlq: string };
  logs: LogCapture;
  secret: string;
  stop(): Promise<void>;
}

export async function startHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const logs = new LogCapture();
  const logger = createLogger({ name: 'postman-ingest', level: 'info', destination: logs });
  const kafka = createKafka({ brokers, clientId: 'postman-ingest-test', logger: createLogger({ name: 'test', level: 'silent' }) });
  const topics = {
    sourceEvents: await createTestTopic(kafka, 'pm-src', 3),
    exposures: await createTestTopic(kafka, 'pm-exp', 3),
    dlq: await createTestTopic(kafka, 'pm-dlq', 1),
  };
  const api = await startFixtureServer();
  const keys = await startFixtureServer();
  const secret = randomBytes(24).toString('hex');
  const config: Config = {
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'info',
    KAFKA_BROKERS: brokers,
    MONGODB_URI: mongoUri,
    POSTMAN_WEBHOOK_SECRET: secret,
    POSTMAN_API_URL: api.url,
    POSTMAN_API_KEY: 'test-api-key-for-the-fixture',
    SCAN_PRIVATE: false,
    INGEST_WORKER: true,
    PUBLISH_TIMEOUT_MS: 3000,
    ...overrides,
  };
  const service = await startService(config, { logger, topics, groupId: `pm-worker-${randomBytes(4).toString('hex')}`, dbName: uniqueDbName('pm') });
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

export const sha = () => randomBytes(20).toString('hex');
export const postmanKey = () => `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;

