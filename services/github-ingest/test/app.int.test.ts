import { createHash, generateKeyPairSync, randomBytes, randomUUID, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestRepo, type DumbHttpServer, publishBare, serveDumbHttp, type TestRepo } from '@keyguard/testkit/git';
import { scanJobId } from '@keyguard/ingest-kit';
import type { FixtureRequest } from '@keyguard/testkit/ingest';
import { signGithubWebhook } from '@keyguard/testkit/ingest';
import { createScanJobRepository, type ScanJobDoc } from '@keyguard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { type Harness, locationOf, patchAdding, payloadOf, pushPayload, sha, startHarness } from './harness.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const APP_ID = 4242;
const INSTALLATION = 777;
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const appSecret = randomBytes(20).toString('hex');
/** Installation tokens the fixture minted (random, never token-shaped literals). */
const minted: string[] = [];

let h: Harness;
let http: DumbHttpServer;
let served: string;
const repos: Record<string, TestRepo> = {};
const keys: Record<string, string> = {};

/** An App JWT as GitHub checks it: RS256 over header.payload with the App's key, `iss` = the App id. */
function appJwtValid(request: FixtureRequest): boolean {
  const auth = String(request.headers.authorization ?? '');
  const [, jwt] = auth.split(' ');
  const [header, payload, signature] = (jwt ?? '').split('.');
  if (!header || !payload || !signature) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss: unknown; exp: number };
  return (
    verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')) &&
    String(claims.iss) === String(APP_ID) &&
    claims.exp * 1000 > Date.now()
  );
}
const installationTokenValid = (authorization: string | undefined) => minted.some((t) => authorization === `token ${t}`);
const gitBasicValid = (authorization: string | undefined) =>
  minted.some((t) => authorization === `Basic ${Buffer.from(`x-access-token:${t}`).toString('base64')}`);

async function deliver(event: string, payload: unknown, secret = appSecret, deliveryId = randomUUID()) {
  const body = JSON.stringify(payload);
  const res = await fetch(`${h.url}/webhooks/github`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signGithubWebhook(secret, body),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, deliveryId };
}

async function jobsWhere(predicate: (job: ScanJobDoc) => boolean, count: number, timeoutMs = 25_000): Promise<ScanJobDoc[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const all = await h.service.context.store.collections.scanJobs.find({}).toArray();
    const matching = all.filter(predicate);
    if (matching.length >= count && matching.every((j) => ['done', 'partial', 'failed', 'skipped'].includes(j.status))) return matching;
    if (Date.now() > until) throw new Error(`jobs: ${JSON.stringify(all.map((j) => [j.target, j.status, j.error]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  served = mkdtempSync(path.join(tmpdir(), 'keyguard-app-served-'));
  // the App's repositories are served only to requests carrying one of its installation tokens
  http = await serveDumbHttp(served, { authorize: gitBasicValid });
  h = await startHarness({ GITHUB_GIT_URL: http.url, GITHUB_APP_ID: APP_ID, GITHUB_APP_PRIVATE_KEY: privateKey, GITHUB_APP_WEBHOOK_SECRET: appSecret });
  h.api.route(`POST /app/installations/${INSTALLATION}/access_tokens`, (request) => {
    if (!appJwtValid(request)) return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
    const token = `inst-${randomBytes(16).toString('hex')}`;
    minted.push(token);
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { contents: 'read', metadata: 'read' },
        repository_selection: 'all',
      },
    };
  });
  const repo = (name: string, isPrivate = false) => ({
    id: name.length,
    name: name.split('/')[1],
    full_name: name,
    private: isPrivate,
    html_url: `https://github.com/${name}`,
    size: 3,
  });
  h.api.route('GET /installation/repositories', (request) => {
    if (!installationTokenValid(request.headers.authorization)) return { status: 401, body: { message: 'Bad credentials' } };
    // two pages, linked the way GitHub links them: paginated by the real Octokit
    if (request.query.get('page') === '2') return { body: { total_count: 3, repositories: [repo('acme/api')] } };
    return {
      headers: {
        link: `<${h.api.url}/installation/repositories?per_page=100&page=2>; rel="next", <${h.api.url}/installation/repositories?per_page=100&page=2>; rel="last"`,
      },
      body: { total_count: 3, repositories: [repo('acme/web'), repo('acme/secret-sauce', true)] },
    };
  });
  for (const name of ['acme/web', 'acme/api', 'acme/secret-sauce', 'acme/added', 'acme/hidden']) {
    const r = await createTestRepo();
    keys[name] = h.plantKey();
    await r.commit({ 'README.md': `# ${name}\n` });
    await r.commit({ '.env': `POSTMAN_API_KEY=${keys[name]}\n` });
    await r.commit({ '.env': 'POSTMAN_API_KEY=\n' });
    await publishBare(r, served, name);
    repos[name] = r;
  }
});
afterAll(async () => {
  await h?.stop();
  await http?.stop();
  for (const r of Object.values(repos)) r.cleanup();
  rmSync(served, { recursive: true, force: true });
});

describe('GitHub App mode', () => {
  it('backfills every public repository of a new installation: repositories listed with an installation token, cloned with it', async () => {
    const res = await deliver('installation', {
      action: 'created',
      installation: { id: INSTALLATION, account: { login: 'acme' }, repository_selection: 'all' },
      sender: { login: 'admin' },
    });
    expect(res).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const exposures = await h.exposuresOf([sha256(keys['acme/web']!), sha256(keys['acme/api']!)]);
    expect(exposures.map((m) => locationOf(m).repository).sort()).toEqual(['acme/api', 'acme/web']);
    expect(locationOf(exposures.find((m) => locationOf(m).repository === 'acme/web')!).url).toMatch(
      /^https:\/\/github\.com\/acme\/web\/blob\/[0-9a-f]{40}\/\.env#L1$/,
    );
    const parent = scanJobId('github', res.deliveryId, `installation:${INSTALLATION}`);
    const children = await jobsWhere((j) => j.reason === 'installation' && j.kind === 'history' && ['acme/web', 'acme/api'].includes(j.target), 2);
    expect(children.map((j) => j.status)).toEqual(['done', 'done']);
    expect(await createScanJobRepository(h.service.context.store).get(parent)).toMatchObject({ kind: 'installation', status: 'done' });
    // the private repository was listed but not scanned; every clone carried a minted token
    expect(http.requests.some((r) => r.startsWith('/acme/secret-sauce.git'))).toBe(false);
    expect(minted.length).toBeGreaterThanOrEqual(1);
    expect(h.api.requests.filter((r) => r.path === '/installation/repositories').map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2']);
  });

  it('backfills the public repositories added to an installation', async () => {
    const res = await deliver('installation_repositories', {
      action: 'added',
      installation: { id: INSTALLATION },
      repository_selection: 'selected',
      repositories_added: [
        { id: 9, name: 'added', full_name: 'acme/added', private: false },
        { id: 10, name: 'hidden', full_name: 'acme/hidden', private: true },
      ],
      repositories_removed: [],
    });
    expect(res.status).toBe(202);
    const [exposure] = await h.exposuresOf([sha256(keys['acme/added']!)]);
    expect(locationOf(exposure!)).toMatchObject({ repository: 'acme/added', path: '.env', line: 1 });
    expect(http.requests.some((r) => r.startsWith('/acme/hidden.git'))).toBe(false);
    const removed = await deliver('installation_repositories', {
      action: 'removed',
      installation: { id: INSTALLATION },
      repositories_added: [],
      repositories_removed: [{ full_name: 'acme/added' }],
    });
    expect(removed.body).toMatchObject({ status: 'ignored', reason: 'installation_repositories_removed' });
  });

  it('reads an installation push with the installation token, and a plain repository webhook as before', async () => {
    const [before, after] = [sha(), sha()];
    const key = h.plantKey();
    h.api.route(`GET /repos/acme/web/compare/${before}...${after}`, (request) =>
      installationTokenValid(request.headers.authorization)
        ? {
            body: {
              total_commits: 1,
              commits: [{ sha: after }],
              files: [{ filename: 'x.env', status: 'added', changes: 1, patch: patchAdding([`K=${key}`]) }],
            },
          }
        : { status: 401, body: { message: 'Bad credentials' } },
    );
    const push = { ...pushPayload({ before, after, repository: 'acme/web' }), installation: { id: INSTALLATION } };
    expect((await deliver('push', push)).status).toBe(202);
    await h.exposuresOf([sha256(key)]);

    // a repository webhook (its own secret, no installation): no App token involved
    const [b2, a2] = [sha(), sha()];
    const plainKey = h.plantKey();
    h.api.route(`GET /repos/octo/plain/compare/${b2}...${a2}`, (request) =>
      request.headers.authorization === undefined
        ? {
            body: {
              total_commits: 1,
              commits: [{ sha: a2 }],
              files: [{ filename: 'y.env', status: 'added', changes: 1, patch: patchAdding([`K=${plainKey}`]) }],
            },
          }
        : { status: 400, body: { message: 'unexpected credentials' } },
    );
    expect((await deliver('push', pushPayload({ before: b2, after: a2, repository: 'octo/plain' }), h.secret)).status).toBe(202);
    const [plain] = await h.exposuresOf([sha256(plainKey)]);
    expect(payloadOf(plain!)).toMatchObject({ ruleId: 'postman-api-key' });
    expect((await deliver('push', pushPayload({ before: b2, after: a2 }), 'some-other-secret-entirely')).status).toBe(401);
  });

  it('refuses an App id without its private key, naming the variable', () => {
    const base = {
      KAFKA_BROKERS: '127.0.0.1:9092',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/',
      GITHUB_WEBHOOK_SECRET: 'x'.repeat(20),
      KEYGUARD_HASH_KEY: 'k'.repeat(32),
    };
    const exit = process.exit;
    const lines: string[] = [];
    const write = process.stderr.write;
    process.exit = ((code: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit;
    process.stderr.write = ((line: string) => {
      lines.push(line);
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(() => loadConfig({ ...base, GITHUB_APP_ID: '12' })).toThrow('exit 78');
      expect(() => loadConfig({ ...base, GITHUB_APP_ID: '12', GITHUB_APP_PRIVATE_KEY: 'not a key' })).toThrow('exit 78');
    } finally {
      process.exit = exit;
      process.stderr.write = write;
    }
    expect(lines.join('')).toContain('GITHUB_APP_PRIVATE_KEY is required when GITHUB_APP_ID is set');
    expect(lines.join('')).toContain('GITHUB_APP_PRIVATE_KEY must be a PEM private key');
    expect(lines.join('')).not.toContain('not a key');
  });
});
