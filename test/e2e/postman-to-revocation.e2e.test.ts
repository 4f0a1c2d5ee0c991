/**
 * The issuer's side end to end, in this process against the real engines: postman-ingest,
 * policy, notifier and keys-api share a fresh database and fresh topics. A live team key shows
 * up in a public place → the policy auto-revokes it → the API refuses it with 401 → the owner
 * receives one email at the SMTP sink; and the customer's own API (sample-api, verifying
 * in-process with @keyguard/verify) refuses it too.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka, createPublisher, type Kafka, type Publisher } from '@keyguard/bus';
import { createTestTopic, uniqueName, waitForCommitted } from '@keyguard/testkit/bus';
import { createEnvelope } from '@keyguard/events';
import { hashApiKey } from '@keyguard/keys';
import { eventually, randomPmak } from '@keyguard/testkit/keys';
import { createLogger } from '@keyguard/logger';
import { startService as startPostmanIngest } from '@keyguard/postman-ingest/service';
import { startService as startSampleApi } from '@keyguard/sample-api/service';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, startIssuer } from './support/issuer.js';

const logger = createLogger({ name: 'issuer-e2e', level: (process.env['E2E_LOG_LEVEL'] as 'info' | undefined) ?? 'silent' });
const brokers = process.env['KAFKA_BROKERS']!.split(',');
const sink = process.env['SMTP_SINK_URL']!;

interface SinkMessage {
  subject: string;
  text: string;
}
const mailTo = async (to: string) => (await (await fetch(`${sink}/messages?to=${encodeURIComponent(to)}`)).json()) as SinkMessage[];

let stopAll: () => Promise<void>;
// biome-ignore lint/suspicious/noExplicitAny: JSON answers asserted field by field
let api: (key: string, method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
let publisher: Publisher;
let exposuresTopic: string;
let kafka: Kafka;
let topics: { exposures: string; keyEvents: string };
let issuer: Issuer;
let adminKey: string;
let postmanUrl: string;
let sampleUrl: string;
const webhookSecret = randomBytes(24).toString('hex');

beforeAll(async () => {
  kafka = createKafka({ brokers, clientId: 'issuer-e2e', logger });
  const dbName = uniqueDbName('issuer_e2e');
  exposuresTopic = await createTestTopic(kafka, 'e2e-exposures', 1);
  topics = { exposures: exposuresTopic, keyEvents: await createTestTopic(kafka, 'e2e-key-events', 1) };
  adminKey = randomPmak();
  issuer = await startIssuer({ logger, logLevel: 'silent', dbName, topics, adminKey, notifier: true });
  const { common } = issuer;
  const postman = await startPostmanIngest(
    { ...common, POSTMAN_WEBHOOK_SECRET: webhookSecret, KEYGUARD_HASH_KEY: randomBytes(32).toString('hex'), POSTMAN_API_URL: 'http://127.0.0.1:9/' },
    { logger, topics: { sourceEvents: await createTestTopic(kafka, 'e2e-source-events', 1), exposures: exposuresTopic }, groupId: uniqueName('e2e-postman') },
  );
  await postman.workerReady;
  postmanUrl = `http://127.0.0.1:${postman.port}`;
  const sample = await startSampleApi(
    {
      HOST: '127.0.0.1',
      PORT: 0,
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: brokers,
      KEY_STATE_TOPIC: issuer.topics.keyState,
      KEY_USAGE_TOPIC: issuer.topics.keyUsage,
      VERIFY_MAX_STALENESS_MS: 30_000,
      VERIFY_FAIL_OPEN: false,
      VERIFY_REVOKED_FILE: join(tmpdir(), `keyguard-e2e-${uniqueName('verify')}.revoked`),
    },
    { logger },
  );
  await sample.verifier.ready();
  sampleUrl = `http://127.0.0.1:${sample.port}`;
  publisher = createPublisher(kafka, { logger });
  api = async (key, method, path, body) => {
    const res = await fetch(`${issuer.keysApiUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  stopAll = async () => {
    await publisher.disconnect();
    await sample.stop();
    await postman.stop();
    await issuer.stop();
  };
});
afterAll(async () => {
  await stopAll?.();
});

/** A member whose live key the test will leak. */
async function memberWithKey() {
  const email = `${uniqueName('owner')}@example.test`;
  const created = await api(adminKey, 'POST', '/users', { email, name: 'Key Owner', role: 'member' });
  expect(created.status).toBe(201);
  return { email, key: created.body.key.key as string, keyId: created.body.key.id as string };
}

describe('exposure → revocation → refusal → email', () => {
  it('an ExposureDetected for a live key gets it refused (401) and emails the owner once, even when redelivered', async () => {
    expect((await api(adminKey, 'PATCH', '/settings', { autoRevokeExposed: true })).status).toBe(200);
    const owner = await memberWithKey();
    expect((await api(owner.key, 'GET', '/me')).status).toBe(200);

    const tokenHash = hashApiKey(owner.key);
    const exposure = createEnvelope(
      'exposure.detected',
      {
        tokenHash,
        ruleId: 'postman-api-key',
        redacted: `PMAK-…${owner.key.slice(-4)}`,
        confidence: 'high' as const,
        detectedAt: new Date().toISOString(),
        location: {
          source: 'postman' as const,
          kind: 'collection',
          url: 'https://www.postman.com/acme/workspace/public/collection/c-42',
          resourceType: 'collection',
          resourceId: 'c-42',
          jsonPath: '$.auth.apikey',
        },
      },
      { source: 'e2e', id: `exp-${randomBytes(6).toString('hex')}` },
    );
    const published = Date.now();
    for (let i = 0; i < 3; i++) await publisher.publish(exposuresTopic, [{ key: tokenHash, value: exposure }]);

    await eventually(async () => (await api(owner.key, 'GET', '/me')).status === 401 || undefined, { intervalMs: 20, what: 'the key refused' });
    const refusedAfterMs = Date.now() - published;
    expect(refusedAfterMs).toBeLessThan(5000);

    const key = await api(adminKey, 'GET', `/keys/${owner.keyId}`);
    expect(key.body).toMatchObject({
      status: 'revoked',
      revocation: { reason: 'exposure_auto', actor: { id: 'policy' } },
      exposure: { location: { resourceId: 'c-42' } },
    });
    // The audit entry, the finding and the event follow the refusal (finished after the batch).
    const finding = await eventually(
      async () => {
        const items = (await api(adminKey, 'GET', '/findings?ruleId=postman-api-key')).body.items as { tokenHash: string; status: string }[];
        return items.find((f) => f.tokenHash === tokenHash && f.status === 'resolved');
      },
      { what: 'the finding resolved' },
    );
    expect(finding).toMatchObject({ status: 'resolved', resolution: 'revoked' });
    await eventually(
      async () => {
        const audit = await api(adminKey, 'GET', '/audit?action=key.revoked');
        return (
          audit.body.items.some((a: { target: { id: string }; actor: { id: string } }) => a.target.id === owner.keyId && a.actor.id === 'policy') || undefined
        );
      },
      { what: 'the audit entry of the revocation' },
    );

    const [mail] = await eventually(async () => ((await mailTo(owner.email)).length ? mailTo(owner.email) : undefined), { what: 'the email' });
    expect(mail!.subject).toContain('revoked');
    expect(mail!.text).toContain(`PMAK-…${owner.key.slice(-4)}`);
    expect(mail!.text).toContain('https://www.postman.com/acme/workspace/public/collection/c-42');
    expect(mail!.text).not.toContain(owner.key);
    // Every redelivery handled and every key event sent: still one email.
    await waitForCommitted(kafka, issuer.groups.policy, topics.exposures);
    await waitForCommitted(kafka, issuer.groups.notifier!, topics.keyEvents);
    expect(await mailTo(owner.email)).toHaveLength(1);
  });

  it('a signed Postman public-resource event containing a live key → the key is refused with 401, at Keyguard and at the customer’s API, and the owner emailed', async () => {
    expect((await api(adminKey, 'PATCH', '/settings', { autoRevokeExposed: true, existingExposed: 'ignore' })).status).toBe(200);
    const owner = await memberWithKey();
    expect((await api(owner.key, 'GET', '/me')).status).toBe(200);
    const atSample = () => fetch(`${sampleUrl}/v1/me`, { headers: { 'x-api-key': owner.key } }).then(async (r) => ({ status: r.status, body: await r.json() }));
    await eventually(async () => (await atSample()).status === 200 || undefined, { what: 'the new key at the sample api' });

    const collectionId = randomUUID();
    const event = {
      id: randomUUID(),
      type: 'collection.updated',
      occurredAt: new Date().toISOString(),
      resource: {
        type: 'collection',
        id: collectionId,
        workspaceId: 'ws-public',
        url: `https://www.postman.com/acme/ws-public/collection/${collectionId}`,
        visibility: 'public',
      },
      content: {
        collection: {
          info: { _postman_id: collectionId, name: 'Payments API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          auth: {
            type: 'apikey',
            apikey: [
              { key: 'value', value: owner.key, type: 'string' },
              { key: 'key', value: 'X-Api-Key', type: 'string' },
            ],
          },
          item: [],
        },
      },
    };
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `sha256=${createHmac('sha256', webhookSecret).update(`${timestamp}.${body}`).digest('hex')}`;
    const sent = Date.now();
    const res = await fetch(`${postmanUrl}/webhooks/postman`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-postman-timestamp': timestamp, 'x-postman-signature': signature },
      body,
    });
    expect(res.status).toBeLessThan(300);

    await eventually(async () => (await api(owner.key, 'GET', '/me')).status === 401 || undefined, {
      intervalMs: 20,
      timeoutMs: 30_000,
      what: 'the key refused',
    });
    expect(Date.now() - sent).toBeLessThan(10_000);
    await eventually(async () => (await atSample()).status === 401 || undefined, { intervalMs: 10, what: 'the sample api to refuse the key' });
    expect(await atSample()).toEqual({ status: 401, body: { code: 'REVOKED' } });
    const key = await api(adminKey, 'GET', `/keys/${owner.keyId}`);
    expect(key.body).toMatchObject({
      status: 'revoked',
      revocation: { reason: 'exposure_auto' },
      exposure: { location: { source: 'postman', resourceId: collectionId } },
    });

    const [mail] = await eventually(async () => ((await mailTo(owner.email)).length ? mailTo(owner.email) : undefined), {
      timeoutMs: 30_000,
      what: 'the email',
    });
    expect(mail!.text).toContain(collectionId);
    expect(mail!.text).not.toContain(owner.key);
  });
});
