/**
 * "No raw secret at rest", proven end to end. Secrets are planted through every way one can
 * enter Keyguard — a signed Postman event with inline content, a GitHub partner alert that
 * carries raw tokens, a search by key value, a customer API verifying keys with
 * @keyguard/verify — with all seven services running in this process against the real engines
 * (the relay reporting third-party tokens to a local GitHub, a webhook channel and security
 * contacts set). Then everything Keyguard keeps or says is searched for them: every message on
 * every topic it wrote, every document in its database, every log line (at debug level), every
 * API response, every email and every webhook body. Only hashes, previews and the relay's sealed
 * boxes may appear; the one place a raw GitHub token may go is GitHub's revocation endpoint.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createKafka } from '@keyguard/bus';
import { mailTo } from '@keyguard/testkit/alerts';
import { createTestTopic, readAll, uniqueName } from '@keyguard/testkit/bus';
import { createSampleGenerator, hashToken, keyedHashToken } from '@keyguard/detectors';
import { startService as startGithubIngest } from '@keyguard/github-ingest/service';
import { createPartnerKeyPair, publicKeysDocument, startFixtureServer } from '@keyguard/testkit/ingest';
import { hashApiKey } from '@keyguard/keys';
import { eventually, randomPmak, uriWithDatabase } from '@keyguard/testkit/keys';
import { createLogger } from '@keyguard/logger';
import { startService as startPostmanIngest } from '@keyguard/postman-ingest/service';
import { startService as startRelay } from '@keyguard/relay/service';
import { generateRelayKeyPair } from '@keyguard/seal';
import { startService as startSampleApi } from '@keyguard/sample-api/service';
import { connectStore } from '@keyguard/store';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIssuer } from './support/issuer.js';

const brokers = process.env['KAFKA_BROKERS']!.split(',');

/** Every line any service logs, at debug level, collected here. */
const logLines: string[] = [];
const logger = createLogger({
  name: 'no-secret-e2e',
  level: 'debug',
  destination: new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
});

/** Every body Keyguard answered during the test, except the one that shows a new key once. */
const apiBodies: string[] = [];
const stops: (() => Promise<unknown>)[] = [];
const partnerKey = createPartnerKeyPair('keyguard-test-key-1');
const postmanSecret = randomBytes(24).toString('hex');
const hashKey = randomBytes(32).toString('hex');
const dbName = uniqueDbName('no_secret_e2e');
const kafka = createKafka({ brokers, clientId: 'no-secret-e2e', logger: createLogger({ name: 'e2e', level: 'silent' }) });
let topics: { postmanSourceEvents: string; exposures: string; keyEvents: string; findings: string; keyState?: string; keyUsage?: string };
const relayKeys = generateRelayKeyPair();
/** What the webhook channel received, and what "GitHub" received. */
const webhookBodies: string[] = [];
let revokeRequests: { body: string }[] = [];
let webhookUrl: string;
let keysApiUrl: string;
let postmanUrl: string;
let githubUrl: string;
let sampleUrl: string;
const adminKey = randomPmak();

async function api(key: string, method: string, path: string, body?: unknown, { showsKeyOnce = false } = {}) {
  const res = await fetch(`${keysApiUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  if (!showsKeyOnce) apiBodies.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  topics = {
    // One source-events topic per provider, as in production (each worker parses its provider's
    // schema). GitHub's stays empty here (a partner alert publishes exposures directly).
    postmanSourceEvents: await createTestTopic(kafka, 'nsar-source-postman', 1),
    exposures: await createTestTopic(kafka, 'nsar-exposures', 1),
    keyEvents: await createTestTopic(kafka, 'nsar-key-events', 1),
    findings: await createTestTopic(kafka, 'nsar-findings', 1),
  };
  const issuer = await startIssuer({
    logger,
    logLevel: 'debug',
    dbName,
    topics,
    adminKey,
    notifier: true,
    channelEncryptionKey: randomBytes(32).toString('hex'),
    // The security contact hears of the third-party tokens and the team's key in one email only
    // when policy records them within the notifier's settle time (500 ms); on a loaded machine
    // they can come seconds apart, and the second email must then arrive within this test.
    digestWindowMs: 5_000,
  });
  stops.push(issuer.stop);
  const { common } = issuer;
  keysApiUrl = issuer.keysApiUrl;
  topics = { ...topics, keyState: issuer.topics.keyState, keyUsage: issuer.topics.keyUsage };
  const sample = await startSampleApi(
    {
      HOST: '127.0.0.1',
      PORT: 0,
      LOG_LEVEL: 'debug',
      KAFKA_BROKERS: brokers,
      KEY_STATE_TOPIC: issuer.topics.keyState,
      KEY_USAGE_TOPIC: issuer.topics.keyUsage,
      VERIFY_MAX_STALENESS_MS: 30_000,
      VERIFY_FAIL_OPEN: false,
      VERIFY_REVOKED_FILE: join(tmpdir(), `${dbName}.revoked`),
    },
    { logger },
  );
  stops.push(sample.stop);
  await sample.verifier.ready();
  sampleUrl = `http://127.0.0.1:${sample.port}`;

  const partnerKeys = await startFixtureServer({ 'GET /meta/public_keys/secret_scanning': { body: publicKeysDocument(partnerKey) } });
  stops.push(partnerKeys.stop);
  const githubApi = await startFixtureServer({ 'POST /credentials/revoke': { status: 202, body: {} } });
  stops.push(githubApi.stop);
  revokeRequests = githubApi.requests;
  const hooks = await startFixtureServer(
    {},
    {
      fallback: (request) => {
        webhookBodies.push(request.body);
        return { status: 204 };
      },
    },
  );
  stops.push(hooks.stop);
  webhookUrl = `${hooks.url}/keyguard`;
  const relay = await startRelay(
    { ...common, KEYGUARD_RELAY_PRIVATE_KEY: relayKeys.privateKey, GITHUB_API_URL: githubApi.url, RELAY_BATCH_WAIT_MS: 200, RELAY_TICK_MS: 100 },
    { logger, topics: { exposures: topics.exposures }, groupId: uniqueName('nsar-relay') },
  );
  stops.push(relay.stop);
  const github = await startGithubIngest(
    {
      ...common,
      GITHUB_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
      KEYGUARD_HASH_KEY: hashKey,
      GITHUB_API_URL: partnerKeys.url,
      GITHUB_PARTNER_KEYS_URL: `${partnerKeys.url}/meta/public_keys/secret_scanning`,
      KEYGUARD_RELAY_PUBLIC_KEY: relayKeys.publicKey,
    },
    {
      logger,
      topics: { sourceEvents: await createTestTopic(kafka, 'nsar-source-github', 1), exposures: topics.exposures },
      groupId: uniqueName('nsar-github'),
    },
  );
  stops.push(github.stop);
  githubUrl = `http://127.0.0.1:${github.port}`;

  const postman = await startPostmanIngest(
    {
      ...common,
      POSTMAN_WEBHOOK_SECRET: postmanSecret,
      KEYGUARD_HASH_KEY: hashKey,
      POSTMAN_API_URL: 'http://127.0.0.1:9/',
      KEYGUARD_RELAY_PUBLIC_KEY: relayKeys.publicKey,
    },
    { logger, topics: { sourceEvents: topics.postmanSourceEvents, exposures: topics.exposures }, groupId: uniqueName('nsar-postman') },
  );
  stops.push(postman.stop);
  await Promise.all([github.workerReady, postman.workerReady]);
  postmanUrl = `http://127.0.0.1:${postman.port}`;
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

describe('no raw secret at rest', () => {
  // Seven services, the relay and a channel in one process: on a loaded 2-core machine the waits below add up past the default minute.
  it('plants secrets through every entry point and finds them nowhere Keyguard keeps or says anything', { timeout: 180_000 }, async () => {
    const contact = `${uniqueName('security')}@example.test`;
    expect(
      (
        await api(adminKey, 'PATCH', '/settings', {
          autoRevokeExposed: true,
          existingExposed: 'ignore',
          securityContacts: [contact],
          relayThirdPartyTokens: true,
          confirm: true,
        })
      ).status,
    ).toBe(200);
    // The signing secret is the one credential this answer shows once.
    const channel = await api(
      adminKey,
      'POST',
      '/notification-channels',
      { type: 'webhook', url: webhookUrl, events: ['exposure.detected', 'key.revoked', 'finding.created', 'finding.resolved'] },
      { showsKeyOnce: true },
    );
    expect(channel.status).toBe(201);
    await new Promise((r) => setTimeout(r, 2100)); // the notifier and the relay read channels and settings at most every 2 s
    const ownerEmail = `${uniqueName('owner')}@example.test`;
    // The one answer that carries a raw key, by design: a new user's first key, shown once.
    const created = await api(adminKey, 'POST', '/users', { email: ownerEmail, name: 'Key Owner', role: 'member' }, { showsKeyOnce: true });
    expect(created.status).toBe(201);
    const liveKey: string = created.body.key.key;
    const samples = createSampleGenerator(Date.now() % 2 ** 31);
    const githubToken = samples.githubToken('ghp_'); // checksum-valid, generated at run time
    const foreignPmak = randomPmak(); // a Postman key that is not one of ours
    const objectKey = randomPmak(); // a key used as a JSON object key (issue 10, item 5)
    const urlPassword = `Autumn${randomUUID().slice(0, 6)}!`; // guessable: keyed hash only (issue 10, item 6)
    const planted = { liveKey, githubToken, foreignPmak, objectKey, urlPassword };
    const hashOf = (secret: string) => (secret === urlPassword ? keyedHashToken(secret, hashKey) : hashToken(secret));

    // A SCIM API key (shown once) an identity provider provisions and deactivates someone with;
    // Okta sends a password too, which Keyguard must not keep at all.
    const scimToken: string = (await api(adminKey, 'POST', '/scim-tokens', { name: 'Okta' }, { showsKeyOnce: true })).body.token;
    const scimPassword = `Winter${randomUUID().slice(0, 6)}!`;
    const scim = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${keysApiUrl}/scim/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${scimToken}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      apiBodies.push(text);
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const provisioned = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `${uniqueName('scim')}@example.test`,
      password: scimPassword,
      active: true,
    });
    expect(provisioned.status).toBe(201);
    const deactivate = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] };
    expect((await scim('PATCH', `/Users/${provisioned.body.id}`, deactivate)).status).toBe(200);
    expect((await api(adminKey, 'GET', '/scim-tokens')).status).toBe(200);

    // 0. The customer's API is used with the live key (usage is reported) and a foreign one.
    const atSample = async (key: string) => {
      const res = await fetch(`${sampleUrl}/v1/me`, { headers: { 'x-api-key': key } });
      apiBodies.push(await res.text());
      return res.status;
    };
    await eventually(async () => (await atSample(liveKey)) === 200 || undefined, { what: 'the live key at the sample api' });
    expect(await atSample(foreignPmak)).toBe(401);

    // 1. A Postman public collection carrying all three, inline.
    const collectionId = randomUUID();
    const event = JSON.stringify({
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
          info: { _postman_id: collectionId, name: 'Leaky API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          auth: { type: 'apikey', apikey: [{ key: 'value', value: liveKey, type: 'string' }] },
          variable: [
            { key: 'gh', value: githubToken },
            { key: 'db', value: `postgres://app:${urlPassword}@db.acme-corp.io:5432/app` },
          ],
          item: [{ name: 'call', request: { method: 'GET', url: 'https://api.example.com', header: [{ key: 'X-Api-Key', value: foreignPmak }] } }],
          [objectKey]: { note: 'a secret as an object key' },
        },
      },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const postmanRes = await fetch(`${postmanUrl}/webhooks/postman`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-postman-timestamp': timestamp,
        'x-postman-signature': `sha256=${createHmac('sha256', postmanSecret).update(`${timestamp}.${event}`).digest('hex')}`,
      },
      body: event,
    });
    expect(postmanRes.status).toBeLessThan(300);
    apiBodies.push(await postmanRes.text());

    // 2. A GitHub partner alert: GitHub sends the raw tokens themselves.
    const alert = JSON.stringify([
      { token: liveKey, type: 'postman_api_key', url: 'https://github.com/octo/leaky/blob/abc/.env', source: 'content' },
      { token: githubToken, type: 'github_token', url: 'https://github.com/octo/leaky/blob/abc/ci.yml', source: 'commit' },
    ]);
    const alertRes = await fetch(`${githubUrl}/secret-scanning/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'github-public-key-identifier': partnerKey.keyIdentifier,
        'github-public-key-signature': partnerKey.sign(alert),
      },
      body: alert,
    });
    expect(alertRes.status).toBe(200);
    const feedback = await alertRes.text();
    apiBodies.push(feedback);
    expect(JSON.parse(feedback)).toContainEqual(expect.objectContaining({ token_hash: hashToken(liveKey), label: 'true_positive' }));

    // 3. The security team searches for the key by its value (its SHA-256: never the key in a URL).
    const search = await api(adminKey, 'GET', `/keys?keyHash=${hashToken(liveKey)}`);
    expect(search.body.items.map((k: { id: string }) => k.id)).toEqual([created.body.key.id]);

    // The pipeline did its work: the key is refused, findings exist for all three, one email went out.
    await eventually(async () => (await api(liveKey, 'GET', '/me')).status === 401 || undefined, { timeoutMs: 30_000, what: 'the live key refused' });
    await eventually(async () => (await atSample(liveKey)) === 401 || undefined, { what: 'the live key refused by the sample api' });
    const findings = await eventually(
      async () => {
        const items = (await api(adminKey, 'GET', '/findings')).body.items as { tokenHash: string }[];
        return Object.values(planted).every((s) => items.some((f) => f.tokenHash === hashOf(s))) ? items : undefined;
      },
      { timeoutMs: 30_000, what: 'findings for every planted secret' },
    );
    expect(findings.length).toBeGreaterThanOrEqual(5);
    const ownerMail = await eventually(async () => ((await mailTo(ownerEmail)).length > 0 ? mailTo(ownerEmail) : undefined), {
      timeoutMs: 30_000,
      what: 'the revocation email',
    });
    // The security contact hears about the team's key and the third-party tokens.
    const contactMail = await eventually(
      async () => {
        const list = await mailTo(contact);
        return list.some((m) => m.text.includes('not one of your keys')) && list.some((m) => m.text.includes(`PMAK-…${liveKey.slice(-4)}`)) ? list : undefined;
      },
      { timeoutMs: 30_000, what: 'the security contact emails' },
    );
    const mail = [...ownerMail, ...contactMail];
    await eventually(
      async () => (webhookBodies.some((b) => b.includes('"exposure.detected"')) && webhookBodies.some((b) => b.includes('"key.revoked"'))) || undefined,
      { timeoutMs: 30_000, what: 'the webhooks' },
    );
    // The relay reported the GitHub token to GitHub (the one place it may go) and said so on the finding.
    await eventually(async () => revokeRequests.some((r) => r.body.includes(githubToken)) || undefined, { timeoutMs: 30_000, what: 'the token at GitHub' });
    await eventually(
      async () =>
        ((await api(adminKey, 'GET', '/findings')).body.items as { tokenHash: string; reportedTo?: Record<string, string> }[]).some(
          (f) => f.tokenHash === hashToken(githubToken) && f.reportedTo?.['github'],
        ) || undefined,
      { timeoutMs: 60_000, what: 'reported to GitHub on the finding' },
    );
    for (const path of ['/keys', '/exposures', '/findings', '/audit', `/keys/${created.body.key.id}`]) {
      expect((await api(adminKey, 'GET', path)).status).toBe(200);
    }

    // Everything Keyguard wrote to Kafka (key states and usage reports included)…
    // Usage reports are coalesced and flushed on a timer, so a busy machine may not have written
    // them yet: wait until every topic has something, and name the one that never does.
    const written = await eventually(
      async () => {
        const all = await Promise.all(Object.values(topics).map((t) => readAll(kafka, t!)));
        return all.every((w) => w.length > 0) ? all : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: `messages on every topic (${Object.keys(topics).join(', ')})` },
    );
    const kafkaText = written.flat().map((m) => `${m.key} ${m.value}`);
    // …to MongoDB…
    const store = await connectStore({
      uri: uriWithDatabase(process.env['MONGODB_URI']!, dbName),
      logger: createLogger({ name: 'e2e', level: 'silent' }),
      ensureIndexes: false,
    });
    const collections = await store.db.listCollections().toArray();
    const documents: string[] = [];
    for (const { name } of collections) {
      for (const doc of await store.db.collection(name).find().toArray()) documents.push(`${name} ${JSON.stringify(doc)}`);
    }
    // On one-writer storage the ingest ledger and the channel delivery queue have a database of their own.
    const ledger = store.client.db(store.collections.deliveries.dbName);
    if (ledger.databaseName !== store.db.databaseName) {
      for (const { name } of await ledger.listCollections().toArray()) {
        for (const doc of await ledger.collection(name).find().toArray()) documents.push(`${ledger.databaseName}.${name} ${JSON.stringify(doc)}`);
      }
    }
    await store.close();
    // …and what it logged, answered and emailed.
    const places = {
      kafka: kafkaText,
      mongodb: documents,
      logs: logLines,
      'api responses': apiBodies,
      email: mail.map((m) => `${m.subject}\n${m.text}\n${m.html ?? ''}`),
      webhooks: webhookBodies,
    };
    expect(kafkaText.length).toBeGreaterThan(0);
    expect(collections.map((c) => c.name)).toEqual(expect.arrayContaining(['apiKeys', 'findings', 'auditLog']));
    expect(logLines.length).toBeGreaterThan(0);
    // Positive control for the relay: the exposure carried the GitHub token sealed, and the seal is gone from MongoDB.
    expect(kafkaText.some((t) => t.includes('"sealedToken":"ks1.'))).toBe(true);
    expect(documents.filter((d) => d.startsWith('relayReports ')).every((d) => d.includes('"sealed":null'))).toBe(true);

    for (const [name, secret] of Object.entries(planted)) {
      for (const [place, texts] of Object.entries(places)) {
        const leaked = texts.filter((t) => t.includes(secret));
        expect(leaked, `${name} appears in ${place}`).toEqual([]);
      }
      // Positive control: the secret did travel, as its hash.
      expect(
        documents.some((d) => d.includes(hashOf(secret))),
        `${name}'s hash is in MongoDB`,
      ).toBe(true);
    }
    for (const [name, secret] of Object.entries({ scimToken, scimPassword })) {
      for (const [place, texts] of Object.entries(places))
        expect(
          texts.filter((t) => t.includes(secret)),
          `${name} appears in ${place}`,
        ).toEqual([]);
    }
    expect(
      documents.some((d) => d.includes(hashToken(scimToken))),
      "the SCIM API key's hash is in MongoDB",
    ).toBe(true);
    // The channel's signing secret: shown once, then only encrypted (and as signatures).
    const channelSecret: string = channel.body.secret;
    for (const [place, texts] of Object.entries(places))
      expect(
        texts.filter((t) => t.includes(channelSecret)),
        `the channel secret appears in ${place}`,
      ).toEqual([]);
    // The guessable password's plain SHA-256, which a word list would reverse, is nowhere.
    for (const [place, texts] of Object.entries(places))
      expect(
        texts.filter((t) => t.includes(hashToken(urlPassword))),
        `plain hash in ${place}`,
      ).toEqual([]);
    expect(hashApiKey(liveKey)).toBe(hashToken(liveKey));
  });
});
