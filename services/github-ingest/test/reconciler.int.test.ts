import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { type FixtureRequest, type FixtureResponse, signGithubWebhook } from '@keyguard/testkit/ingest';
import { createLogger } from '@keyguard/logger';
import { createCursorRepository } from '@keyguard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryReconciler } from '../src/jobs/delivery-reconciler.js';
import { type Harness, patchAdding, pushPayload, sha, startHarness } from './harness.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const APP_ID = 99;
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const appSecret = randomBytes(20).toString('hex');
const token = `repo-admin-${randomBytes(8).toString('hex')}`;

interface Delivery {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
  redelivery: boolean;
  event: string;
  body: string;
  secret: string;
}

let h: Harness;
let nextId = 1000;
const app: Delivery[] = [];
const repoHook: Delivery[] = [];
const attempts: string[] = [];

/** A delivery GitHub made (or failed to make) at `minutesAgo`; redelivering it POSTs the same body and guid to the receiver. */
function delivered(list: Delivery[], init: { guid: string; status: number; minutesAgo: number; payload: unknown; secret: string }) {
  const d: Delivery = {
    id: nextId++,
    guid: init.guid,
    delivered_at: new Date(Date.now() - init.minutesAgo * 60_000).toISOString(),
    status_code: init.status,
    redelivery: false,
    event: 'push',
    body: JSON.stringify(init.payload),
    secret: init.secret,
  };
  list.unshift(d);
  const prefix = list === app ? '/app/hook' : '/repos/octo/hello/hooks/5';
  h.api.route(`POST ${prefix}/deliveries/${d.id}/attempts`, async () => {
    attempts.push(d.guid);
    const res = await fetch(`${h.url}/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': d.event,
        'x-github-delivery': d.guid,
        'x-hub-signature-256': signGithubWebhook(d.secret, d.body),
      },
      body: d.body,
    });
    list.unshift({ ...d, id: nextId++, delivered_at: new Date().toISOString(), status_code: res.status, redelivery: true });
    return { status: 202, body: {} };
  });
  return d;
}

/** GitHub's list: newest first, two per page, the next page linked by an opaque cursor. */
function listing(list: Delivery[], authorized: (r: FixtureRequest) => boolean, path: string) {
  return (request: FixtureRequest): FixtureResponse => {
    if (!authorized(request)) return { status: 401, body: { message: 'Bad credentials' } };
    const start = Number(request.query.get('cursor') ?? 0);
    const newestFirst = [...list].sort((a, b) => Date.parse(b.delivered_at) - Date.parse(a.delivered_at));
    const page = newestFirst.slice(start, start + 2).map(({ body: _b, secret: _s, ...item }) => ({
      ...item,
      duration: 0.1,
      status: item.status_code === 200 ? 'OK' : 'Invalid HTTP Response',
      action: null,
      installation_id: null,
      repository_id: 1,
    }));
    const more = start + 2 < list.length;
    const headers: Record<string, string> = more ? { link: `<${h.api.url}${path}?per_page=2&cursor=${start + 2}>; rel="next"` } : {};
    return { headers, body: page };
  };
}

function compareWithKey(repository: string) {
  const [before, after] = [sha(), sha()];
  const key = h.plantKey();
  h.api.route(`GET /repos/${repository}/compare/${before}...${after}`, {
    body: { total_commits: 1, commits: [{ sha: after }], files: [{ filename: 'k.env', status: 'added', changes: 1, patch: patchAdding([`K=${key}`]) }] },
  });
  return { key, payload: pushPayload({ before, after, repository }) };
}

const reconciler = () =>
  createDeliveryReconciler({
    store: h.service.context.store,
    logger: createLogger({ name: 'reconciler-test', level: 'silent' }),
    baseUrl: h.api.url,
    app: { appId: APP_ID, privateKey },
    hooks: [{ owner: 'octo', repo: 'hello', hookId: 5 }],
    token,
    lookbackMs: 3600_000,
    limits: h.service.context.limits.upstream,
  });

beforeAll(async () => {
  h = await startHarness({
    GITHUB_APP_ID: APP_ID,
    GITHUB_APP_PRIVATE_KEY: privateKey,
    GITHUB_APP_WEBHOOK_SECRET: appSecret,
    GITHUB_TOKEN: token,
    GITHUB_RECONCILE_INTERVAL_MS: 0,
  });
  h.api.route(
    'GET /app/hook/deliveries',
    listing(app, (r) => /^bearer ey/i.test(String(r.headers.authorization)), '/app/hook/deliveries'),
  );
  h.api.route(
    'GET /repos/octo/hello/hooks/5/deliveries',
    listing(repoHook, (r) => r.headers.authorization === `token ${token}`, '/repos/octo/hello/hooks/5/deliveries'),
  );
});
afterAll(async () => {
  await h?.stop();
});

describe('delivery reconciler', () => {
  it('asks GitHub to redeliver the App and repository webhook deliveries that failed, and only those', async () => {
    const failed = compareWithKey('acme/app-failed');
    const repoFailed = compareWithKey('octo/hello');
    const received = compareWithKey('acme/app-received');
    delivered(app, { guid: 'g-ok', status: 200, minutesAgo: 30, payload: pushPayload({ before: sha(), after: sha() }), secret: appSecret });
    delivered(app, { guid: 'g-failed', status: 502, minutesAgo: 20, payload: failed.payload, secret: appSecret });
    delivered(app, { guid: 'g-old', status: 500, minutesAgo: 120, payload: pushPayload({ before: sha(), after: sha() }), secret: appSecret });
    // GitHub gave up waiting (status 0), but the receiver had it: in the ledger, so not redelivered
    const late = delivered(app, { guid: randomUUID(), status: 0, minutesAgo: 10, payload: received.payload, secret: appSecret });
    const direct = await fetch(`${h.url}/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': late.guid,
        'x-hub-signature-256': signGithubWebhook(appSecret, late.body),
      },
      body: late.body,
    });
    expect(direct.status).toBe(202);
    delivered(repoHook, { guid: 'r-failed', status: 500, minutesAgo: 5, payload: repoFailed.payload, secret: h.secret });

    const first = await reconciler().runOnce();
    expect(first).toEqual({ ran: true, redelivered: expect.arrayContaining(['g-failed', 'r-failed']) });
    expect(first.redelivered).toHaveLength(2);
    expect(attempts.sort()).toEqual(['g-failed', 'r-failed']);
    await h.exposuresOf([sha256(failed.key), sha256(repoFailed.key)]);
    // the listing was paged (two per page) until older than the look-back
    expect(h.api.requests.filter((r) => r.path === '/app/hook/deliveries').length).toBeGreaterThanOrEqual(2);

    // the redeliveries succeeded: the next run (from its cursor in MongoDB) has nothing to do
    const second = await reconciler().runOnce();
    expect(second).toEqual({ ran: true, redelivered: [] });
    const cursor = await h.service.context.store.collections.cursors.findOne({ _id: 'github-delivery-reconciler' });
    expect(Object.keys(cursor!.value).sort()).toEqual(['app', 'repo:octo/hello:5']);
    expect(cursor!.holder).toBeNull();
  });

  it('runs in one process at a time', async () => {
    const cursors = createCursorRepository(h.service.context.store);
    expect(await cursors.acquire('github-delivery-reconciler', 'another-process', 60_000)).toBeDefined();
    expect(await reconciler().runOnce()).toEqual({ ran: false, redelivered: [] });
    await cursors.release('github-delivery-reconciler', 'another-process', (await h.service.context.store.collections.cursors.findOne({}))!.value);
    expect((await reconciler().runOnce()).ran).toBe(true);
  });
});
