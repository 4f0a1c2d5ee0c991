import { createKafka, createPublisher, type Publisher } from '@keyguard/bus';
import { startRevokeServer } from '@keyguard/testkit/alerts';
import { uniqueName } from '@keyguard/testkit/bus';
import { createSampleGenerator, hashToken } from '@keyguard/detectors';
import { createEnvelope, type ExposurePayload } from '@keyguard/events';
import { findingIdFor } from '@keyguard/keys';
import { eventually, uriWithDatabase } from '@keyguard/testkit/keys';
import { createLogger } from '@keyguard/logger';
import { generateRelayKeyPair, relayPublicKey, seal } from '@keyguard/seal';
import { connectStore, type Store } from '@keyguard/store';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';
import { createGithubIssuer } from '../src/issuers/github.js';
import { type RunningRelay, startService } from '../src/service.js';

const logger = createLogger({ name: 'relay-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });
const keys = generateRelayKeyPair();
const samples = createSampleGenerator(Date.now() % 2 ** 31);
const dbName = uniqueDbName('relay');
const exposures = uniqueName('keyguard.exposures');
let store: Store;
let publisher: Publisher;
let github: Awaited<ReturnType<typeof startRevokeServer>>;
let relay: RunningRelay;

/** A checksum-valid GitHub token found in public, sealed by the scanner, and its finding (as the policy writes it). */
async function exposeToken(prefix = 'ghp_', ruleId = 'github-pat-classic') {
  const token = samples.githubToken(prefix);
  const tokenHash = hashToken(token);
  const now = new Date();
  await store.collections.findings.insertOne({
    _id: findingIdFor(tokenHash),
    tokenHash,
    ruleId,
    redacted: `${prefix}…${token.slice(-4)}`,
    confidence: 'high',
    teamId: null,
    keyId: null,
    status: 'open',
    resolution: null,
    locations: [],
    firstSeen: now,
    lastSeen: now,
    history: [{ at: now, action: 'detected', actor: { type: 'system', id: 'policy' } }],
  });
  const payload: ExposurePayload = {
    tokenHash,
    ruleId,
    redacted: `${prefix}…${token.slice(-4)}`,
    confidence: 'high',
    detectedAt: now.toISOString(),
    location: { source: 'postman', kind: 'collection', url: 'https://www.postman.com/acme/collection/c-1', resourceType: 'collection', resourceId: 'c-1' },
    sealedToken: seal(relayPublicKey(keys.publicKey), token, tokenHash),
  };
  return { token, tokenHash, event: createEnvelope('exposure.detected', payload, { source: 'test' }) };
}

const publish = (events: { event: { payload: { tokenHash: string } } }[]) =>
  publisher.publish(
    exposures,
    events.map((e) => ({ key: e.event.payload.tokenHash, value: e.event })),
  );

async function setRelay(on: boolean) {
  await store.collections.teams.updateOne(
    { _id: 'team_relay' },
    {
      $set: {
        name: 'Relay team',
        settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false, relayThirdPartyTokens: on },
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    },
    { upsert: true },
  );
  await new Promise((r) => setTimeout(r, 2100)); // the relay reads the setting at most every 2 s
}

beforeAll(async () => {
  store = await connectStore({ uri: uriWithDatabase(process.env.MONGODB_URI!, dbName), logger });
  publisher = createPublisher(createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'relay-test', logger }), { logger });
  github = await startRevokeServer({ limit: 4, windowMs: 2000 });
  const config = Config.parse({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: uriWithDatabase(process.env.MONGODB_URI!, dbName),
    PORT: '0',
    LOG_LEVEL: 'silent',
    KEYGUARD_RELAY_PRIVATE_KEY: keys.privateKey,
    GITHUB_API_URL: github.url,
    RELAY_BATCH_WAIT_MS: '300',
    RELAY_TICK_MS: '100',
  });
  // GitHub's adapter as it ships, with a 2-second window instead of an hour; its own budget is
  // larger than the server's 4 calls, so the server's 403 rate limiting is what stops it.
  const issuer = { ...createGithubIssuer({ baseUrl: github.url }), windowMs: 2000 };
  relay = await startService(config, { logger, topics: { exposures }, groupId: uniqueName('relay'), issuers: [issuer] });
});
afterAll(async () => {
  await relay?.stop();
  await github?.stop();
  await publisher?.disconnect();
  await store?.db.dropDatabase();
  await store?.close();
});

const report = (tokenHash: string) => store.collections.relayReports.findOne({ _id: `github:${tokenHash}` });

describe('relay to GitHub', () => {
  it('answers /healthz on its port and /readyz on its operations port', async () => {
    expect((await fetch(`http://127.0.0.1:${relay.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${relay.metricsPort}/readyz`)).status).toBe(200);
  });

  it('reports nothing while no team turned relayThirdPartyTokens on', async () => {
    await setRelay(false);
    const found = await exposeToken();
    await publish([found]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await report(found.tokenHash)).toBeNull();
    expect(github.state.accepted).not.toContain(found.token);
  });

  it('reports tokens in one batch, records "reported to GitHub" on each finding, and drops the sealed token', async () => {
    await setRelay(true);
    const found = await Promise.all([
      exposeToken('ghp_'),
      exposeToken('gho_', 'github-oauth-token'),
      exposeToken('ghu_', 'github-user-to-server-token'),
      exposeToken('ghr_', 'github-refresh-token'),
    ]);
    const calls = github.state.calls.length;
    await publish(found);
    await publish(found); // found again: still one report each
    await eventually(async () => found.every((f) => github.state.accepted.includes(f.token)) || undefined, { what: 'the tokens at GitHub' });
    expect(github.state.calls.slice(calls).filter((c) => c.status === 202)).toHaveLength(1);
    for (const f of found) {
      const finding = await eventually(
        async () => {
          const doc = await store.collections.findings.findOne({ _id: findingIdFor(f.tokenHash) });
          return doc?.reportedTo?.['github'] ? doc : undefined;
        },
        { what: 'the finding updated' },
      );
      expect(finding.history.at(-1)).toMatchObject({ action: 'reported_to_issuer', note: 'reported to GitHub for revocation' });
      expect(await report(f.tokenHash)).toMatchObject({ status: 'reported', sealed: null });
    }
    expect(github.state.accepted.filter((t) => t === found[0]!.token)).toHaveLength(1);
  });

  it('a 422 isolates the refused token by halving the batch; the others are reported', async () => {
    const found = await Promise.all([exposeToken(), exposeToken(), exposeToken()]);
    github.state.refused.add(found[1]!.token);
    await publish(found);
    const rejected = await eventually(
      async () => {
        const doc = await report(found[1]!.tokenHash);
        return doc?.status === 'rejected' ? doc : undefined;
      },
      { timeoutMs: 20_000, what: 'the refused token' },
    );
    expect(rejected).toMatchObject({ sealed: null, lastError: 'GitHub answered 422: validation failed' });
    for (const f of [found[0]!, found[2]!])
      await eventually(async () => (await report(f.tokenHash))?.status === 'reported' || undefined, { timeoutMs: 20_000 });
    await eventually(async () => {
      const doc = await store.collections.findings.findOne({ _id: findingIdFor(found[1]!.tokenHash) });
      return doc?.history.some((h) => h.action === 'issuer_rejected') || undefined;
    });
  });

  it('waits out rate limiting (429 retry-after, 403 with x-ratelimit-remaining 0) and then reports', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // a fresh window at the server
    github.state.tooManyNext = 1;
    const first = await exposeToken();
    await publish([first]);
    await eventually(async () => (await report(first.tokenHash))?.status === 'reported' || undefined, { timeoutMs: 20_000, what: 'reported after the 429' });
    expect(github.state.calls.some((c) => c.status === 429)).toBe(true);

    // The window used up by someone else: 403 with x-ratelimit-remaining 0, then reported after the reset.
    github.state.exhaust();
    const blocked = await exposeToken();
    await publish([blocked]);
    await eventually(async () => (await report(blocked.tokenHash))?.status === 'reported' || undefined, { timeoutMs: 20_000, what: 'reported after the 403' });
    expect(github.state.calls.some((c) => c.status === 403)).toBe(true);

    // Tokens one by one: the relay follows x-ratelimit-remaining and waits for resets by itself.
    const more = await Promise.all(Array.from({ length: 6 }, () => exposeToken()));
    for (const f of more) {
      await publish([f]);
      await new Promise((r) => setTimeout(r, 350));
    }
    await eventually(async () => (await Promise.all(more.map((f) => report(f.tokenHash)))).every((d) => d?.status === 'reported') || undefined, {
      timeoutMs: 30_000,
      what: 'every token reported across windows',
    });
    expect(github.state.calls.filter((c) => c.status === 403)).toHaveLength(1);
  });

  it('keeps no token in clear anywhere in MongoDB', async () => {
    const names = (await store.db.listCollections().toArray()).map((c) => c.name);
    const dump = JSON.stringify(await Promise.all(names.map((n) => store.db.collection(n).find({}).toArray())));
    for (const token of github.state.accepted) expect(dump).not.toContain(token);
  });
});
