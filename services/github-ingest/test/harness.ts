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
  const logger = createLogger({ name: 'github-ingest', level: 'info', destination: logs });
  const kafka = createKafka({ brokers, clientId: 'github-ingest-test', logger: createLogger({ name: 'test', level: 'silent' }) });
  const topics = {
    sourceEvents: await createTestTopic(kafka, 'gh-src', 3),
    exposures: await createTestTopic(kafka, 'gh-exp', 3),
    dlq: await createTestTopic(kafka, 'gh-dlq', 1),
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
    GITHUB_WEBHOOK_SECRET: secret,
    GITHUB_API_URL: api.url,
    GITHUB_PARTNER_KEYS_URL: `${keys.url}/meta/public_keys/secret_scanning`,
    SCAN_PRIVATE: false,
    INGEST_WORKER: true,
    PUBLISH_TIMEOUT_MS: 3000,
    ...overrides,
  };
  const service = await startService(config, { logger, topics, groupId: `gh-worker-${randomBytes(4).toString('hex')}`, dbName: uniqueDbName('gh') });
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

export function pushPayload(init: { before: string; after: string; commits?: string[]; repository?: string; private?: boolean }) {
  const repository = init.repository ?? 'octo/hello';
  return {
    ref: 'refs/heads/main',
    before: init.before,
    after: init.after,
    created: /^0+$/.test(init.before),
    deleted: false,
    forced: false,
    compare: `https://github.com/${repository}/compare/x...y`,
    commits: (init.commits ?? [init.after]).map((id) => ({ id, distinct: true, message: 'change', added: [], modified: [], removed: [] })),
    head_commit: { id: init.after },
    repository: { id: 1, full_name: repository, html_url: `https://github.com/${repository}`, private: init.private ?? false, default_branch: 'main' },
    pusher: { name: 'octocat' },
    sender: { login: 'octocat', id: 1 },
  };
}

/** A unified diff adding `lines` at the top of a file that had 3 lines (new lines 1..n). */
export function patchAdding(lines: string[], startLine = 1): string {
  return [`@@ -${startLine},2 +${startLine},${lines.length + 2} @@`, ' context one', ...lines.map((l) => `+${l}`), ' context two'].join('\n');
}
