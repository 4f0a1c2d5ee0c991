import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublisher } from '@keyguard/bus';
import { readAll } from '@keyguard/testkit/bus';
import { createTestRepo, type DumbHttpServer, publishBare, serveDumbHttp, type TestRepo } from '@keyguard/testkit/git';
import { scanJobId, scanRequestMessage } from '@keyguard/ingest-kit';
import { signGithubWebhook } from '@keyguard/testkit/ingest';
import { createLogger } from '@keyguard/logger';
import { createScanJobRepository, type ScanJobDoc } from '@keyguard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, locationOf, payloadOf, startHarness } from './harness.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
let h: Harness;
let http: DumbHttpServer;
let served: string;
let repo: TestRepo;
const keys: Record<string, string> = {};
const commits: Record<string, string> = {};

async function deliver(event: string, payload: unknown, deliveryId = randomUUID()) {
  const body = JSON.stringify(payload);
  const res = await fetch(`${h.url}/webhooks/github`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signGithubWebhook(h.secret, body),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, deliveryId };
}

const repository = (name: string, extra: Record<string, unknown> = {}) => ({
  id: 7,
  full_name: name,
  html_url: `https://github.com/${name}`,
  private: false,
  default_branch: 'main',
  size: 12,
  ...extra,
});

async function jobWhen(id: string, done: (job: ScanJobDoc) => boolean, timeoutMs = 20_000): Promise<ScanJobDoc> {
  const jobs = createScanJobRepository(h.service.context.store);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobs.get(id);
    if (job && done(job)) return job;
    if (Date.now() > until) throw new Error(`job ${id} is ${job?.status ?? 'missing'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const finished = (job: ScanJobDoc) => ['done', 'partial', 'failed', 'skipped'].includes(job.status);

let workDir: string;

beforeAll(async () => {
  served = mkdtempSync(path.join(tmpdir(), 'keyguard-gh-served-'));
  workDir = mkdtempSync(path.join(tmpdir(), 'keyguard-gh-clones-'));
  http = await serveDumbHttp(served);
  h = await startHarness({ GITHUB_GIT_URL: http.url, HISTORY_MAX_BYTES: 5 * 1024 * 1024, HISTORY_WORK_DIR: workDir });
  repo = await createTestRepo();
  keys.removed = h.plantKey();
  keys.feature = h.plantKey();
  keys.vendored = h.plantKey();
  keys.newest = h.plantKey();
  commits.first = await repo.commit({ 'README.md': '# opened\n' });
  commits.leak = await repo.commit({ 'config/app.env': `A=1\nB=2\nPOSTMAN_KEY=${keys.removed}\n` });
  commits.fix = await repo.commit({ 'config/app.env': 'A=1\nB=2\n' });
  commits.vendor = await repo.commit({ 'node_modules/lib/index.js': `module.exports = "${keys.vendored}";\n` });
  await repo.git('checkout', '-q', '-b', 'feature', commits.first!);
  commits.feature = await repo.commit({ 'docs/setup.md': `Use the key ${keys.feature} for the demo.\n` });
  await repo.git('checkout', '-q', 'main');
  commits.newest = await repo.commit({ 'scripts/deploy.sh': `export POSTMAN_API_KEY=${keys.newest}\n` });
  await publishBare(repo, served, 'octo/opened');
  await publishBare(repo, served, 'octo/resumed');
});
afterAll(async () => {
  await h?.stop();
  await http?.stop();
  repo?.cleanup();
  rmSync(served, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe('history scan when a repository becomes public', () => {
  it('clones the repository and publishes every secret its history ever held, with the commit that added it', async () => {
    const res = await deliver('public', { repository: repository('octo/opened'), sender: { login: 'o' } });
    expect(res).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const jobId = scanJobId('github', res.deliveryId);
    const wanted = [keys.removed!, keys.feature!, keys.newest!].map(sha256);
    const exposures = await h.exposuresOf(wanted);
    const removed = exposures.find((m) => payloadOf(m).tokenHash === sha256(keys.removed!))!;
    expect(locationOf(removed)).toEqual({
      source: 'github',
      kind: 'commit',
      url: `https://github.com/octo/opened/blob/${commits.leak}/config/app.env#L3`,
      repository: 'octo/opened',
      commit: commits.leak,
      path: 'config/app.env',
      line: 3,
      publishedAt: expect.stringMatching(/^2024-01-01T/), // the commit's time (testkit's git clock), not the scan's
    });
    expect(locationOf(exposures.find((m) => payloadOf(m).tokenHash === sha256(keys.feature!))!)).toMatchObject({
      commit: commits.feature,
      path: 'docs/setup.md',
      line: 1,
    });
    const job = await jobWhen(jobId, finished);
    expect(job).toMatchObject({
      status: 'done',
      provider: 'github',
      kind: 'history',
      target: 'octo/opened',
      reason: 'publicized',
      counts: { exposures: 3, secrets: 3 },
      progress: { commits: 6 },
      error: null,
    });
    expect(http.requests.some((r) => r.startsWith('/octo/opened.git/objects/'))).toBe(true);
    // vendored paths are left out, as in push scans
    expect((await h.exposuresWhere(() => true, 1)).some((m) => payloadOf(m).tokenHash === sha256(keys.vendored!))).toBe(false);
  });

  it('drops a redelivery, ignores other repository actions, and skips a repository over the size limit', async () => {
    const first = await deliver('repository', { action: 'publicized', repository: repository('octo/big', { size: 10_000 }), sender: { login: 'o' } });
    expect(first.status).toBe(202);
    expect((await deliver('repository', { action: 'publicized', repository: repository('octo/big', { size: 10_000 }) }, first.deliveryId)).body).toMatchObject({
      status: 'duplicate',
    });
    expect((await deliver('repository', { action: 'privatized', repository: repository('octo/big', { private: true }) })).body).toMatchObject({
      status: 'ignored',
      reason: 'repository_privatized',
    });
    const job = await jobWhen(scanJobId('github', first.deliveryId), finished);
    expect(job).toMatchObject({ status: 'skipped', error: { code: 'TOO_LARGE' } });
    expect(http.requests.some((r) => r.startsWith('/octo/big.git'))).toBe(false);
  });

  it('runs one job per repository at a time: a second one while the first holds the lock is skipped', async () => {
    const jobs = createScanJobRepository(h.service.context.store);
    await jobs.lock('github:octo/locked', 'job-running', 'someone-else', 60_000);
    const res = await deliver('public', { repository: repository('octo/locked') });
    const job = await jobWhen(scanJobId('github', res.deliveryId), finished);
    expect(job).toMatchObject({ status: 'skipped', error: { code: 'ALREADY_RUNNING', message: expect.stringContaining('job-running') } });
    await jobs.unlock('github:octo/locked', 'someone-else');
  });

  it('resumes a job whose worker died from its cursor: the commits already done are not scanned again', async () => {
    const jobs = createScanJobRepository(h.service.context.store);
    const jobId = `resume-${randomUUID()}`;
    await jobs.create({ id: jobId, provider: 'github', kind: 'history', target: 'octo/resumed', reason: 'publicized' });
    const tips = [commits.newest!, commits.feature!].sort();
    // a dead attempt: running, with exposures up to its cursor published (the newest commit)
    await jobs.start(jobId);
    await jobs.checkpoint(jobId, { progress: { commits: 1, bytes: 100 }, counts: { exposures: 1, secrets: 1 }, cursor: { tips, commits: 1 } });
    const publisher = createPublisher(h.kafka, { logger: createLogger({ name: 't', level: 'silent' }) });
    await publisher.publish(h.topics.scanRequests, [
      scanRequestMessage(
        { jobId, provider: 'github', kind: 'history', target: 'octo/resumed', reason: 'publicized', webUrl: 'https://github.com/octo/resumed' },
        { source: 'test' },
      ),
    ]);
    await publisher.disconnect();
    const job = await jobWhen(jobId, finished);
    expect(job).toMatchObject({ status: 'done', progress: { commits: 6 }, counts: { exposures: 3 } });
    const mine = await h.exposuresWhere((p) => (p.location as { repository?: string }).repository === 'octo/resumed', 2);
    const hashes = mine.map((m) => payloadOf(m).tokenHash);
    expect(hashes).toEqual(expect.arrayContaining([sha256(keys.removed!), sha256(keys.feature!)]));
    expect(hashes).not.toContain(sha256(keys.newest!));
  });

  it('keeps no raw secret: not in Kafka, MongoDB or a log line, and no clone left on disk', async () => {
    const messages = [...(await readAll(h.kafka, h.topics.exposures)), ...(await readAll(h.kafka, h.topics.scanRequests))];
    const jobs = await h.service.context.store.collections.scanJobs.find({}).toArray();
    const everything = messages.map((m) => m.value).join('\n') + JSON.stringify(jobs) + h.logs.text();
    expect(messages.length).toBeGreaterThan(5);
    for (const key of h.planted) {
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(key.slice(5, 29));
    }
    expect(readdirSync(workDir)).toEqual([]);
  });
});
