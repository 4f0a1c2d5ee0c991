import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { createKafka } from '@keyguard/bus';
import { waitForMessages } from '@keyguard/testkit/bus';
import { signGithubWebhook, startFixtureServer } from '@keyguard/testkit/ingest';
import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, expect, it } from 'vitest';
import { type RunningService, startService } from '../src/service.js';
import { mongoUri, postmanKey, pushPayload, sha } from './harness.js';

/** The broker tooling `npm start` uses (jars cached under the infra cache). */
interface KafkaLib {
  ensureKafka(log?: (m: string) => void): Promise<string>;
  startKafka(o: { libs: string; dir: string; port: number; controllerPort: number; heap?: string }): Promise<ChildProcess>;
}
const kafkaLibPath = resolve(import.meta.dirname, '../../../infra/lib/kafka.mjs');

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

let broker: ChildProcess | undefined;
let service: RunningService | undefined;
let dir: string | undefined;
afterAll(async () => {
  await service?.stop();
  if (broker && broker.exitCode === null) {
    await new Promise<void>((done) => {
      broker?.once('exit', () => done());
      broker?.kill('SIGTERM');
      setTimeout(() => broker?.kill('SIGKILL'), 10_000).unref();
    });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('answers 503 while Kafka is down, and accepts the sender retry once it is back', { timeout: 180_000 }, async () => {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const secret = randomBytes(24).toString('hex');
  const api = await startFixtureServer();
  const [before, after] = [sha(), sha()];
  const key = postmanKey();
  api.route(`GET /repos/octo/hello/compare/${before}...${after}`, {
    body: {
      total_commits: 1,
      commits: [{ sha: after }],
      files: [{ filename: '.env', status: 'added', changes: 1, patch: `@@ -0,0 +1 @@\n+POSTMAN_API_KEY=${key}` }],
    },
  });
  service = await startService(
    {
      HOST: '127.0.0.1',
      PORT: 0,
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: [`127.0.0.1:${port}`],
      MONGODB_URI: mongoUri,
      GITHUB_WEBHOOK_SECRET: secret,
      KEYGUARD_HASH_KEY: randomBytes(32).toString('hex'),
      GITHUB_API_URL: api.url,
      GITHUB_PARTNER_KEYS_URL: `${api.url}/keys`,
      SCAN_PRIVATE: false,
      INGEST_WORKER: true,
      PUBLISH_TIMEOUT_MS: 1500,
    },
    {
      logger: createLogger({ name: 'github-ingest', level: 'silent' }),
      dbName: uniqueDbName('gh-down'),
      topics: { sourceEvents: 'down.source', exposures: 'down.exposures', dlq: 'down.dlq' },
    },
  );
  const body = JSON.stringify(pushPayload({ before, after }));
  const deliveryId = randomUUID();
  const deliver = async () => {
    const res = await fetch(`http://127.0.0.1:${service!.port}/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signGithubWebhook(secret, body),
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const started = Date.now();
  const down = await deliver();
  expect(down).toMatchObject({ status: 503, body: { error: 'kafka_unavailable' } });
  expect(Date.now() - started).toBeLessThan(10_000); // inside GitHub's 10 s

  const kafkaLib = (await import(kafkaLibPath)) as KafkaLib;
  dir = mkdtempSync(join(tmpdir(), 'keyguard-kafka-down-'));
  broker = await kafkaLib.startKafka({ libs: await kafkaLib.ensureKafka(() => {}), dir, port, controllerPort, heap: '256m' });

  // The sender retries (GitLab does on its own; GitHub by redelivery): the released claim lets it through.
  let accepted: Awaited<ReturnType<typeof deliver>> | undefined;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    const attempt = await deliver();
    if (attempt.status === 202) {
      accepted = attempt;
      break;
    }
    expect(attempt.status).toBe(503);
    await new Promise((r) => setTimeout(r, 1000));
  }
  expect(accepted).toMatchObject({ status: 202, body: { status: 'accepted', deliveryId } });
  expect((await deliver()).body).toMatchObject({ status: 'duplicate' });

  const kafka = createKafka({ brokers: [`127.0.0.1:${port}`], clientId: 'down-reader', logger: createLogger({ name: 't', level: 'silent' }) });
  const [exposure] = await waitForMessages(kafka, 'down.exposures', { count: 1, timeoutMs: 60_000 });
  expect((exposure!.json as { payload: { location: { path: string } } }).payload.location.path).toBe('.env');
  await api.stop();
});
