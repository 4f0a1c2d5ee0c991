import { createHash, randomUUID } from 'node:crypto';
import { createPublisher } from '@keyguard/bus';
import { readAll, waitForMessages } from '@keyguard/testkit/bus';
import { createEnvelope, DeadLetter } from '@keyguard/events';
import { createPartnerKeyPair, githubDocumentedSample, publicKeysDocument, signGithubWebhook } from '@keyguard/testkit/ingest';
import { connectStore } from '@keyguard/store';
import { createLogger } from '@keyguard/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, locationOf, mongoUri, patchAdding, payloadOf, pushPayload, sha, startHarness } from './harness.js';

let h: Harness;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function deliver(event: string, payload: unknown, init: { deliveryId?: string; secret?: string; signature?: string | null; contentType?: string } = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': init.contentType ?? 'application/json',
    'x-github-event': event,
    'x-github-delivery': init.deliveryId ?? randomUUID(),
    'user-agent': 'GitHub-Hookshot/test',
  };
  if (init.signature !== null) headers['x-hub-signature-256'] = init.signature ?? signGithubWebhook(init.secret ?? h.secret, body);
  const res = await fetch(`${h.url}/webhooks/github`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The value of a series of the service's /metrics whose labels include all of `labels`. */
async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${h.service.metricsPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('POST /webhooks/github', () => {
  it('turns a push into exposures with new line numbers and permalinks, acknowledged after Kafka', async () => {
    const [before, after] = [sha(), sha()];
    const key = h.plantKey();
    h.api.route(`GET /repos/octo/hello/compare/${before}...${after}`, {
      body: {
        total_commits: 1,
        commits: [{ sha: after }],
        files: [
          { filename: 'config/app.env', status: 'modified', changes: 2, patch: patchAdding([`POSTMAN_KEY=${key}`, 'DEBUG=1'], 10) },
          { filename: 'node_modules/lib/key.js', status: 'added', changes: 1, patch: patchAdding([`k="${h.plantKey()}"`]) },
          { filename: 'old.txt', status: 'removed', changes: 1, patch: `@@ -1,1 +0,0 @@\n-${h.plantKey()}` },
        ],
      },
    });
    const res = await deliver('push', pushPayload({ before, after }));
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('accepted');

    const [exposure] = await h.exposuresWhere((p) => (p.location as { commit?: string }).commit === after, 1);
    const payload = payloadOf(exposure!);
    expect(exposure!.key).toBe(sha256(key));
    expect(payload).toMatchObject({ tokenHash: sha256(key), ruleId: 'postman-api-key', confidence: 'high' });
    expect(payload.redacted).toMatch(/^PMAK-…/);
    expect(locationOf(exposure!)).toEqual({
      source: 'github',
      kind: 'commit',
      url: `https://github.com/octo/hello/blob/${after}/config/app.env#L11`,
      repository: 'octo/hello',
      commit: after,
      path: 'config/app.env',
      line: 11,
      publishedAt: expect.any(String), // the push's time: its first public appearance
    });
    // Prometheus: webhook received → exposures published, and the event's outcome, by source.
    await expect.poll(() => metric('keyguard_detection_latency_seconds_count', { source: 'github' })).toBeGreaterThan(0);
    await expect.poll(() => metric('keyguard_ingest_events_total', { source: 'github', outcome: 'exposures' })).toBeGreaterThan(0);
    expect(await metric('keyguard_ingest_exposures_total', { source: 'github' })).toBeGreaterThan(0);
  });

  it('acknowledges and drops a duplicate delivery or a replayed body under a new id; reprocessing gives the same exposure ids', async () => {
    const [before, after] = [sha(), sha()];
    const key = h.plantKey();
    h.api.route(`GET /repos/octo/hello/compare/${before}...${after}`, {
      body: {
        total_commits: 1,
        commits: [{ sha: after }],
        files: [{ filename: 'a.js', status: 'added', changes: 1, patch: `@@ -0,0 +1,1 @@\n+const k = "${key}";` }],
      },
    });
    const deliveryId = randomUUID();
    expect((await deliver('push', pushPayload({ before, after }), { deliveryId })).status).toBe(202);
    const again = await deliver('push', pushPayload({ before, after }), { deliveryId });
    expect(again).toEqual({ status: 200, body: { status: 'duplicate', deliveryId } });
    // the same signed body replayed under a new delivery id is a duplicate too (issue 10, item 13)
    const replay = await deliver('push', pushPayload({ before, after }), { deliveryId: randomUUID() });
    expect(replay).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    // the same push in another body (another hook, a resend after the hook changed) is processed again
    const resent = { ...pushPayload({ before, after }), hook_id: 2 };
    expect((await deliver('push', resent)).status).toBe(202);

    const exposures = await h.exposuresWhere((p) => p.tokenHash === sha256(key), 2);
    const ids = exposures.map((m) => (m.json as { id: string }).id);
    expect(ids[0]).toBe(ids[1]);
    const compareCalls = h.api.requests.filter((r) => r.path === `/repos/octo/hello/compare/${before}...${after}`);
    expect(compareCalls).toHaveLength(2);
  });

  it('scans a new branch of 30 commits commit by commit', async () => {
    const commits = Array.from({ length: 30 }, () => sha());
    const keys = commits.map(() => h.plantKey());
    for (const [i, c] of commits.entries()) {
      h.api.route(`GET /repos/octo/hello/commits/${c}`, {
        body: {
          sha: c,
          files: [{ filename: `src/file${i}.ts`, status: 'modified', changes: 1, patch: `@@ -5,1 +5,2 @@\n line five\n+export const key${i} = '${keys[i]}';` }],
        },
      });
    }
    const res = await deliver('push', pushPayload({ before: '0'.repeat(40), after: commits.at(-1)!, commits }));
    expect(res.status).toBe(202);
    const hashes = new Set(keys.map(sha256));
    const exposures = await h.exposuresWhere((p) => hashes.has(p.tokenHash as string), 30);
    expect(new Set(exposures.map((m) => payloadOf(m).tokenHash)).size).toBe(30);
    const third = exposures.find((m) => payloadOf(m).tokenHash === sha256(keys[2]!))!;
    expect(locationOf(third)).toMatchObject({ commit: commits[2], path: 'src/file2.ts', line: 6 });
  });

  it('falls back to per-commit scanning when the compare is truncated, and fetches files whose diff is too large', async () => {
    const [before, c1, c2] = [sha(), sha(), sha()];
    const bigKey = h.plantKey();
    const filler = Array.from({ length: 40_000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    filler.splice(31_337, 0, `token: ${bigKey}`);
    h.api.route(`GET /repos/octo/hello/compare/${before}...${c2}`, { body: { total_commits: 300, commits: [{ sha: c1 }], files: [] } });
    h.api.route(`GET /repos/octo/hello/commits/${c1}`, { body: { sha: c1, files: [] } });
    h.api.route(`GET /repos/octo/hello/commits/${c2}`, { body: { sha: c2, files: [{ filename: 'data/big.yaml', status: 'added', changes: 40_001 }] } });
    h.api.route('GET /repos/octo/hello/contents/data/big.yaml', (req) =>
      req.query.get('ref') === c2
        ? { body: filler.join('\n'), headers: { 'content-type': 'application/vnd.github.raw' } }
        : { status: 404, body: { message: 'Not Found' } },
    );
    expect((await deliver('push', pushPayload({ before, after: c2, commits: [c1, c2] }))).status).toBe(202);
    const [exposure] = await h.exposuresWhere((p) => p.tokenHash === sha256(bigKey), 1);
    expect(locationOf(exposure!)).toMatchObject({ commit: c2, path: 'data/big.yaml', line: 31_338 });
  });

  it('retries transient upstream failures and commits past a deleted repository', async () => {
    const [b1, a1, b2, a2] = [sha(), sha(), sha(), sha()];
    const key = h.plantKey();
    let calls = 0;
    h.api.route(`GET /repos/gone/repo/compare/${b1}...${a1}`, { status: 404, body: { message: 'Not Found' } });
    h.api.route(`GET /repos/octo/flaky/compare/${b2}...${a2}`, () =>
      ++calls < 3
        ? { status: 502, body: { message: 'Server Error' } }
        : {
            body: {
              total_commits: 1,
              commits: [{ sha: a2 }],
              files: [{ filename: 'x.py', status: 'added', changes: 1, patch: `@@ -0,0 +1 @@\n+KEY = "${key}"` }],
            },
          },
    );
    expect((await deliver('push', pushPayload({ before: b1, after: a1, repository: 'gone/repo' }))).status).toBe(202);
    expect((await deliver('push', pushPayload({ before: b2, after: a2, repository: 'octo/flaky' }))).status).toBe(202);
    const [exposure] = await h.exposuresWhere((p) => p.tokenHash === sha256(key), 1);
    expect(locationOf(exposure!).repository).toBe('octo/flaky');
    expect(calls).toBe(3);
  });

  it("parses its topic's messages with the GitHub source-event schema: another shape goes to the DLQ, the worker goes on", async () => {
    const resourceId = `odd/${randomUUID()}`;
    const gitlabShaped = createEnvelope(
      'source.event.received',
      { provider: 'gitlab', kind: 'push', deliveryId: randomUUID(), resourceId, receivedAt: new Date().toISOString(), data: { project: resourceId } },
      { source: 'a-test' },
    );
    const publisher = createPublisher(h.kafka, { logger: createLogger({ name: 'test', level: 'silent' }) });
    try {
      await publisher.publish(h.topics.sourceEvents, [{ key: `github:${resourceId}`, value: gitlabShaped }]);
    } finally {
      await publisher.disconnect();
    }
    // Dead letters go to the DLQ topic the service was given (the harness's own, for this file).
    const letters = await waitForMessages(h.kafka, h.topics.dlq, {
      until: (all) => all.some((m) => DeadLetter.safeParse(m.json).data?.payload.key === `github:${resourceId}`),
      timeoutMs: 30_000,
    });
    const letter = letters.map((m) => DeadLetter.parse(m.json)).find((l) => l.payload.key === `github:${resourceId}`)!;
    expect(letter.payload).toMatchObject({ originalTopic: h.topics.sourceEvents, reason: 'invalid' });
    await expect.poll(() => metric('keyguard_ingest_events_total', { source: 'github', outcome: 'dead_lettered' })).toBeGreaterThan(0);

    const [before, after] = [sha(), sha()];
    const key = h.plantKey();
    h.api.route(`GET /repos/octo/after-poison/compare/${before}...${after}`, {
      body: { total_commits: 1, commits: [{ sha: after }], files: [{ filename: 'k.env', status: 'added', changes: 1, patch: `@@ -0,0 +1 @@\n+KEY=${key}` }] },
    });
    expect((await deliver('push', pushPayload({ before, after, repository: 'octo/after-poison' }))).status).toBe(202);
    expect(await h.exposuresWhere((p) => p.tokenHash === sha256(key), 1)).toHaveLength(1);
  });

  it('waits for the rate-limit reset GitHub announces, then goes on', async () => {
    const [before, after] = [sha(), sha()];
    const key = h.plantKey();
    let calls = 0;
    h.api.route(`GET /repos/octo/limited/compare/${before}...${after}`, () => {
      calls += 1;
      if (calls === 1) {
        return {
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) },
          body: { message: 'API rate limit exceeded' },
        };
      }
      return {
        body: { total_commits: 1, commits: [{ sha: after }], files: [{ filename: 'k.txt', status: 'added', changes: 1, patch: `@@ -0,0 +1 @@\n+${key}` }] },
      };
    });
    const sentAt = Date.now();
    expect((await deliver('push', pushPayload({ before, after, repository: 'octo/limited' }))).status).toBe(202);
    await h.exposuresWhere((p) => p.tokenHash === sha256(key), 1);
    expect(calls).toBe(2);
    const second = h.api.requests.filter((r) => r.path === `/repos/octo/limited/compare/${before}...${after}`);
    expect(second).toHaveLength(2);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(200);
  });

  it('answers ping, ignores private repositories and deleted branches', async () => {
    expect(await deliver('ping', { zen: 'Keep it logically awesome.', hook_id: 1 })).toEqual({ status: 200, body: { status: 'pong' } });
    const priv = await deliver('push', pushPayload({ before: sha(), after: sha(), private: true }));
    expect(priv).toMatchObject({ status: 202, body: { status: 'ignored', reason: 'private_repository' } });
    const deleted = await deliver('push', { ...pushPayload({ before: sha(), after: '0'.repeat(40) }), deleted: true });
    expect(deleted.body).toMatchObject({ status: 'ignored', reason: 'branch_deleted' });
  });

  it('rejects bad signatures, unsupported events and content types, and oversized bodies', async () => {
    const payload = pushPayload({ before: sha(), after: sha() });
    expect(await deliver('push', payload, { signature: null })).toMatchObject({ status: 401, body: { error: 'missing_signature' } });
    expect(await deliver('push', payload, { secret: 'not-the-secret-at-all' })).toMatchObject({ status: 401, body: { error: 'invalid_signature' } });
    expect(await deliver('push', payload, { signature: 'sha256=00' })).toMatchObject({ status: 401, body: { error: 'invalid_signature' } });
    expect(await deliver('issues', { action: 'opened' })).toMatchObject({ status: 400, body: { error: 'unsupported_event' } });
    const form = await deliver('push', `payload=${encodeURIComponent(JSON.stringify(payload))}`, { contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const huge = `{"pad":"${'a'.repeat(25 * 1024 * 1024)}"}`;
    const big = await deliver('push', huge, { signature: 'sha256=00' });
    expect(big).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
  });
});

describe('POST /secret-scanning/github', () => {
  const partner = createPartnerKeyPair('a'.repeat(64));
  const rotated = createPartnerKeyPair('b'.repeat(64));

  async function alert(body: string, init: { keyId?: string; signature?: string } = {}) {
    const res = await fetch(`${h.url}/secret-scanning/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Github-Public-Key-Identifier': init.keyId ?? partner.keyIdentifier,
        'Github-Public-Key-Signature': init.signature ?? partner.sign(body),
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it("accepts GitHub's documented sample request and public key", async () => {
    h.keys.route('GET /meta/public_keys/secret_scanning', {
      body: publicKeysDocument({ keyIdentifier: githubDocumentedSample.keyIdentifier, publicKeyPem: githubDocumentedSample.publicKeyPem }),
    });
    const res = await alert(githubDocumentedSample.body, { keyId: githubDocumentedSample.keyIdentifier, signature: githubDocumentedSample.signature });
    expect(res).toEqual({ status: 200, body: [{ token_hash: sha256('some_token'), token_type: 'some_type', label: 'false_positive' }] });
  });

  it('labels keys we issued (even one already revoked) and checksum-valid tokens true_positive and publishes hashed, redacted exposures', async () => {
    h.keys.route('GET /meta/public_keys/secret_scanning', { body: publicKeysDocument(partner) });
    await new Promise((r) => setTimeout(r, 1100)); // an unknown identifier refetches at most once a second
    const live = h.plantKey();
    const revoked = h.plantKey();
    const unknown = h.plantKey();
    const store = await connectStore({ uri: mongoUri, dbName: h.service.context.store.db.databaseName, logger: createLogger({ name: 't', level: 'silent' }) });
    const issued = (key: string, status: 'enabled' | 'revoked') => ({
      _id: randomUUID(),
      hash: sha256(key),
      preview: 'PMAK-…',
      name: 'ci',
      teamId: 't1',
      createdBy: 'u1',
      createdAt: new Date(),
      expiresAt: null,
      lastUsedAt: null,
      status,
      revokedAt: status === 'revoked' ? new Date() : null,
      revocation: status === 'revoked' ? { reason: 'exposure_auto' as const, actor: { type: 'system' as const, id: 'policy' } } : null,
      exposure: null,
    });
    await store.collections.apiKeys.insertMany([issued(live, 'enabled'), issued(revoked, 'revoked')]);
    await store.close();
    const url = 'https://github.com/octo/leaky/blob/12345600b9cbe38a219f39a9941c9319b600c002/foo/bar.txt';
    const body = JSON.stringify([
      { token: live, type: 'postman_api_key', url, source: 'content' },
      { token: revoked, type: 'postman_api_key', url, source: 'content' },
      { token: unknown, type: 'postman_api_key', url: '', source: 'npm' },
    ]);
    const res = await alert(body);
    expect(res).toEqual({
      status: 200,
      body: [
        { token_hash: sha256(live), token_type: 'postman_api_key', label: 'true_positive' },
        { token_hash: sha256(revoked), token_type: 'postman_api_key', label: 'true_positive' },
        { token_hash: sha256(unknown), token_type: 'postman_api_key', label: 'false_positive' },
      ],
    });
    const [exposure] = await h.exposuresWhere((p) => p.tokenHash === sha256(live), 1);
    expect(payloadOf(exposure!)).toMatchObject({ ruleId: 'postman-api-key', confidence: 'high' });
    expect(locationOf(exposure!)).toEqual({
      source: 'github',
      kind: 'partner_alert',
      url,
      repository: 'octo/leaky',
      commit: '12345600b9cbe38a219f39a9941c9319b600c002',
      path: 'foo/bar.txt',
      resourceType: 'content',
    });
  });

  it('refetches the keys for an unknown identifier and rejects forged or unsigned alerts', async () => {
    h.keys.route('GET /meta/public_keys/secret_scanning', { body: publicKeysDocument(partner) });
    const body = JSON.stringify([{ token: 'x'.repeat(20), type: 't', url: '', source: 'commit' }]);
    expect((await alert(body)).status).toBe(200); // identifier cached by the previous test
    const before = h.keys.requests.length;
    expect((await alert(body)).status).toBe(200);
    expect(h.keys.requests.length).toBe(before);

    h.keys.route('GET /meta/public_keys/secret_scanning', { body: publicKeysDocument(partner, rotated) });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await alert(body, { keyId: rotated.keyIdentifier, signature: rotated.sign(body) })).status).toBe(200);
    expect(h.keys.requests.length).toBe(before + 1);

    expect(await alert(body, { signature: partner.sign(`${body} `) })).toMatchObject({ status: 401, body: { error: 'invalid_signature' } });
    expect(await alert(body, { keyId: 'c'.repeat(64) })).toMatchObject({ status: 401, body: { error: 'unknown_key_identifier' } });
    const unsigned = await fetch(`${h.url}/secret-scanning/github`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: 'missing_signature' });
  });

  it('never lets a raw token reach Kafka or a log line', async () => {
    const all = [...(await readAll(h.kafka, h.topics.exposures)), ...(await readAll(h.kafka, h.topics.sourceEvents))];
    expect(all.length).toBeGreaterThan(40);
    const everything = all.map((m) => m.value).join('\n') + h.logs.text();
    expect(h.planted.length).toBeGreaterThan(30);
    for (const token of h.planted) expect(everything).not.toContain(token);
    for (const token of h.planted) expect(everything).not.toContain(token.slice(5, 29));
  });
});
