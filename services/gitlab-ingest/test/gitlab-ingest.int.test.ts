import { createHash, randomUUID } from 'node:crypto';
import { readAll } from '@keyguard/testkit/bus';
import { createPartnerKeyPair, publicKeysDocument } from '@keyguard/testkit/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffEntry, type Harness, locationOf, payloadOf, pushHook, sha, startHarness } from './harness.js';

let h: Harness;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function hook(payload: unknown, init: { event?: string; token?: string | null; idempotencyKey?: string; uuid?: string } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-gitlab-event': init.event ?? 'Push Hook',
    'x-gitlab-event-uuid': init.uuid ?? randomUUID(),
  };
  if (init.token !== null) headers['x-gitlab-token'] = init.token ?? h.secret;
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  const res = await fetch(`${h.url}/webhooks/gitlab`, { method: 'POST', headers, body: JSON.stringify(payload) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const compareRoute = (before: string, after: string, body: unknown) =>
  h.api.route('GET /api/v4/projects/42/repository/compare', (req) =>
    req.query.get('from') === before && req.query.get('to') === after ? { body } : { status: 404, body: { message: '404 Not Found' } },
  );

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('POST /webhooks/gitlab', () => {
  it('scans a push through the compare API and publishes exposures with permalinks', async () => {
    const [before, after] = [sha(), sha()];
    const key = h.plantKey();
    compareRoute(before, after, {
      commit: { id: after },
      commits: [{ id: after }],
      diffs: [
        diffEntry('config/settings.yml', `@@ -3,2 +3,3 @@\n a: 1\n+postman_key: ${key}\n b: 2`),
        diffEntry('vendor/x.rb', `@@ -0,0 +1 @@\n+k = "${h.plantKey()}"`),
      ],
      compare_timeout: false,
      compare_same_ref: false,
    });
    const res = await hook(pushHook({ before, after }));
    expect(res).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const [exposure] = await h.exposuresOf([sha256(key)]);
    expect(payloadOf(exposure!)).toMatchObject({ ruleId: 'postman-api-key', tokenHash: sha256(key) });
    expect(locationOf(exposure!)).toEqual({
      source: 'gitlab',
      kind: 'commit',
      url: `https://gitlab.example.com/mike/diaspora/-/blob/${after}/config/settings.yml#L4`,
      repository: 'mike/diaspora',
      commit: after,
      path: 'config/settings.yml',
      line: 4,
      publishedAt: expect.any(String), // the push's time: its first public appearance
    });
  });

  it('falls back to per-commit diffs for a push of 30 commits and when compare times out', async () => {
    const before = sha();
    const commits = Array.from({ length: 30 }, () => sha());
    const keys = commits.map(() => h.plantKey());
    compareRoute(before, commits.at(-1)!, {
      commit: { id: commits.at(-1) },
      commits: commits.map((id) => ({ id })),
      diffs: [],
      compare_timeout: false,
      compare_same_ref: false,
    });
    for (const [i, c] of commits.entries()) {
      h.api.route(`GET /api/v4/projects/42/repository/commits/${c}/diff`, {
        body: [diffEntry(`lib/f${i}.js`, `@@ -1,1 +1,2 @@\n x\n+const k${i} = "${keys[i]}";`)],
      });
    }
    expect((await hook(pushHook({ before, after: commits.at(-1)!, commits, total: 30 }))).status).toBe(202);
    const exposures = await h.exposuresOf(keys.map(sha256));
    const last = exposures.find((m) => payloadOf(m).tokenHash === sha256(keys[29]!))!;
    expect(locationOf(last)).toMatchObject({ commit: commits[29], path: 'lib/f29.js', line: 2 });

    const [b2, a2] = [sha(), sha()];
    const key = h.plantKey();
    compareRoute(b2, a2, { commit: { id: a2 }, commits: [{ id: a2 }], diffs: [], compare_timeout: true, compare_same_ref: false });
    h.api.route(`GET /api/v4/projects/42/repository/commits/${a2}/diff`, { body: [diffEntry('app.env', `@@ -0,0 +1 @@\n+KEY=${key}`)] });
    expect((await hook(pushHook({ before: b2, after: a2 }))).status).toBe(202);
    await h.exposuresOf([sha256(key)]);
  });

  it('fetches the raw file when GitLab leaves a large diff out, and scans tag pushes', async () => {
    const [before, after] = [sha(), sha()];
    const key = h.plantKey();
    const lines = Array.from({ length: 50_000 }, (_, i) => `row ${i},${'y'.repeat(30)}`);
    lines[44_999] = `secret,${key}`;
    compareRoute(before, after, {
      commit: { id: after },
      commits: [{ id: after }],
      diffs: [diffEntry('data/dump.csv', '', { too_large: true, collapsed: true })],
      compare_timeout: false,
      compare_same_ref: false,
    });
    h.api.route('GET /api/v4/projects/42/repository/files/data/dump.csv/raw', (req) =>
      req.query.get('ref') === after ? { body: lines.join('\n') } : { status: 404, body: { message: '404 File Not Found' } },
    );
    expect((await hook(pushHook({ before, after }))).status).toBe(202);
    const [exposure] = await h.exposuresOf([sha256(key)]);
    expect(locationOf(exposure!)).toMatchObject({ path: 'data/dump.csv', line: 45_000 });

    const tagged = sha();
    const tagKey = h.plantKey();
    h.api.route(`GET /api/v4/projects/42/repository/commits/${tagged}/diff`, { body: [diffEntry('release.txt', `@@ -0,0 +1 @@\n+${tagKey}`)] });
    const tag = { ...pushHook({ before: '0'.repeat(40), after: tagged, commits: [] }), object_kind: 'tag_push', ref: 'refs/tags/v1.0.0' };
    expect((await hook(tag, { event: 'Tag Push Hook' })).status).toBe(202);
    await h.exposuresOf([sha256(tagKey)]);
  });

  it('deduplicates on Idempotency-Key, then on X-Gitlab-Event-UUID', async () => {
    const [before, after] = [sha(), sha()];
    compareRoute(before, after, { commit: { id: after }, commits: [], diffs: [], compare_timeout: false, compare_same_ref: false });
    const idempotencyKey = randomUUID();
    expect((await hook(pushHook({ before, after }), { idempotencyKey })).status).toBe(202);
    expect(await hook(pushHook({ before, after }), { idempotencyKey, uuid: randomUUID() })).toEqual({
      status: 200,
      body: { status: 'duplicate', deliveryId: idempotencyKey },
    });
    const uuid = randomUUID();
    const other = { ...pushHook({ before, after }), user_name: 'someone else' };
    expect((await hook(other, { uuid })).status).toBe(202);
    expect((await hook(other, { uuid })).body.status).toBe('duplicate');
  });

  it('drops the same body replayed under new delivery ids (issue 10, item 13)', async () => {
    const [before, after] = [sha(), sha()];
    compareRoute(before, after, { commit: { id: after }, commits: [], diffs: [], compare_timeout: false, compare_same_ref: false });
    const body = pushHook({ before, after });
    expect((await hook(body, { idempotencyKey: randomUUID() })).status).toBe(202);
    for (const headers of [{ idempotencyKey: randomUUID() }, { uuid: randomUUID() }, {}]) {
      expect(await hook(body, headers)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    }
    const compares = () => h.api.requests.filter((r) => r.query.get('from') === before).length;
    await expect.poll(compares, { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(compares()).toBe(1);
  });

  it('ignores projects that are not public, and rejects bad tokens and other events', async () => {
    expect(await hook(pushHook({ before: sha(), after: sha(), visibility: 10 }))).toMatchObject({
      status: 202,
      body: { status: 'ignored', reason: 'not_public' },
    });
    expect(await hook(pushHook({ before: sha(), after: sha() }), { token: null })).toMatchObject({ status: 401, body: { error: 'missing_token' } });
    expect(await hook(pushHook({ before: sha(), after: sha() }), { token: `${h.secret}x` })).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    expect(await hook({ object_kind: 'issue' }, { event: 'Issue Hook' })).toMatchObject({ status: 400, body: { error: 'unsupported_event' } });
    const text = await fetch(`${h.url}/webhooks/gitlab`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-gitlab-token': h.secret, 'x-gitlab-event': 'Push Hook' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
  });
});

describe('process roles', () => {
  it('a worker-only process (INGEST_RECEIVER=false) serves health but no webhook routes', async () => {
    const workerOnly = await startHarness({ INGEST_RECEIVER: false });
    try {
      const res = await fetch(`${workerOnly.url}/webhooks/gitlab`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(404);
      expect((await fetch(`${workerOnly.url}/healthz`)).status).toBe(200);
    } finally {
      await workerOnly.stop();
    }
  });
});

describe('POST /secret-detection/gitlab', () => {
  const gitlab = createPartnerKeyPair('gitlab-key-1');
  it('verifies with the shared ECDSA verifier and publishes exposures', async () => {
    h.keys.route('GET /partner/keys', { body: publicKeysDocument(gitlab) });
    const key = h.plantKey();
    const url = `https://gitlab.com/mike/diaspora/-/raw/${'a'.repeat(40)}/src/app.java`;
    const body = JSON.stringify([{ type: 'postman_api_key', token: key, url }]);
    const post = (headers: Record<string, string>) =>
      fetch(`${h.url}/secret-detection/gitlab`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const ok = await post({ 'Gitlab-Public-Key-Identifier': gitlab.keyIdentifier, 'Gitlab-Public-Key-Signature': gitlab.sign(body) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([{ token_hash: sha256(key), token_type: 'postman_api_key', label: 'false_positive' }]);
    const [exposure] = await h.exposuresOf([sha256(key)]);
    expect(locationOf(exposure!)).toEqual({
      source: 'gitlab',
      kind: 'partner_alert',
      url,
      repository: 'mike/diaspora',
      commit: 'a'.repeat(40),
      path: 'src/app.java',
    });
    const forged = await post({ 'Gitlab-Public-Key-Identifier': gitlab.keyIdentifier, 'Gitlab-Public-Key-Signature': gitlab.sign(`${body}\n`) });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'invalid_signature' });
  });

  it('never lets a raw token reach Kafka or a log line', async () => {
    const all = [...(await readAll(h.kafka, h.topics.exposures)), ...(await readAll(h.kafka, h.topics.sourceEvents))];
    const everything = all.map((m) => m.value).join('\n') + h.logs.text();
    expect(h.planted.length).toBeGreaterThan(30);
    for (const token of h.planted) expect(everything).not.toContain(token.slice(5));
  });
});
