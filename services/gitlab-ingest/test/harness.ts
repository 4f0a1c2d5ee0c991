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
  const logger = createLogger({ name: 'gitlab-ingest', level: 'info', destination: logs });
  const kafka = createKafka({ brokers, clientId: 'gitlab-ingest-test', logger: createLogger({ name: 'test', level: 'silent' }) });
  const topics = {
    sourceEvents: await createTestTopic(kafka, 'gl-src', 3),
    exposures: await createTestTopic(kafka, 'gl-exp', 3),
    dlq: await createTestTopic(kafka, 'gl-dlq', 1),
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
    GITLAB_WEBHOOK_TOKEN: secret,
    GITLAB_URL: api.url,
    GITLAB_PARTNER_KEYS_URL: `${keys.url}/partner/keys`,
    SCAN_PRIVATE: false,
    INGEST_WORKER: true,
    PUBLISH_TIMEOUT_MS: 3000,
    ...overrides,
  };
  const service = await startService(config, { logger, topics, groupId: `gl-worker-${randomBytes(4).toString('hex')}`, dbName: uniqueDbName('gl') });
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

export function pushHook(init: { before: string; after: string; commits?: string[]; total?: number; visibility?: number; projectId?: number }) {
  const commits = init.commits ?? [init.after];
  return {
    object_kind: 'push',
    event_name: 'push',
    before: init.before,
    after: init.after,
    ref: 'refs/heads/main',
    checkout_sha: init.after,
    user_id: 4,
    user_name: 'John Smith',
    project_id: init.projectId ?? 42,
    project: {
      id: init.projectId ?? 42,
      name: 'Diaspora',
      path_with_namespace: 'mike/diaspora',
      web_url: 'https://gitlab.example.com/mike/diaspora',
      visibility_level: init.visibility ?? 20,
      default_branch: 'main',
    },
    commits: commits.slice(0, 20).map((id) => ({ id, message: 'change', timestamp: '2026-11-26T10:00:00+00:00', url: `https://gitlab.example.com/mike/diaspora/-/commit/${id}`, author: { name: 'J', email: 'j@example.com' }, added: [], modified: [], removed: [] })),
    total_commits_count: init.total ?? commits.length,
    repository: { name: 'Diaspora', homepage: 'https://gitlab.example.com/mike/diaspora' },
  };
}

/** A GitLab `diff` entry (commit diff / compare). */
export const diffEntry = (path: string, diff: string, extra: Record<string, unknown> = {}) => ({
  diff,
  new_path: path,
  old_path: path,
  a_mode: '100644',
  b_mode: '100644',
  new_file: false,
  renamed_file: false,
  deleted_file: false,
  ...extra,
});
