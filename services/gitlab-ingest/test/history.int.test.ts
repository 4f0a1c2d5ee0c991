import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestRepo, type DumbHttpServer, publishBare, serveDumbHttp, type TestRepo } from '@keyguard/testkit/git';
import { scanJobId } from '@keyguard/ingest-kit';
import { createScanJobRepository, type ScanJobDoc } from '@keyguard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, locationOf, payloadOf, startHarness } from './harness.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
let h: Harness;
let http: DumbHttpServer;
let served: string;
let repo: TestRepo;
let leak = '';
let key = '';

async function systemHook(payload: Record<string, unknown>, uuid = randomUUID()) {
  const res = await fetch(`${h.url}/webhooks/gitlab`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gitlab-event': 'System Hook', 'x-gitlab-token': h.secret, 'x-gitlab-event-uuid': uuid },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, uuid };
}

const projectUpdate = (visibility: string, projectId = 77, pathWithNamespace = 'acme/tools') => ({
  event_name: 'project_update',
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-27T10:00:00Z',
  name: 'tools',
  owner_email: 'owner@example.com',
  owner_name: 'Owner',
  path: pathWithNamespace.split('/').at(-1),
  path_with_namespace: pathWithNamespace,
  project_id: projectId,
  project_visibility: visibility,
});

async function jobWhen(id: string, timeoutMs = 20_000): Promise<ScanJobDoc> {
  const jobs = createScanJobRepository(h.service.context.store);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobs.get(id);
    if (job && ['done', 'partial', 'failed', 'skipped'].includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job ${id} is ${job?.status ?? 'missing'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  served = mkdtempSync(path.join(tmpdir(), 'keyguard-gl-served-'));
  http = await serveDumbHttp(served);
  h = await startHarness({ GITLAB_GIT_URL: http.url });
  repo = await createTestRepo();
  key = h.plantKey();
  await repo.commit({ 'README.md': '# tools\n' });
  leak = await repo.commit({ 'ci/.gitlab-ci.yml': `variables:\n  POSTMAN_API_KEY: "${key}"\n` });
  await repo.commit({ 'ci/.gitlab-ci.yml': 'variables: {}\n' });
  await publishBare(repo, served, 'acme/tools');
});
afterAll(async () => {
  await h?.stop();
  await http?.stop();
  repo?.cleanup();
  rmSync(served, { recursive: true, force: true });
});

describe('GitLab project made public (system hook)', () => {
  it('scans the whole history once the project turns public, and not again while it stays public', async () => {
    expect((await systemHook(projectUpdate('private'))).body).toMatchObject({ status: 'ignored', reason: 'not_public' });
    const res = await systemHook(projectUpdate('visibilitylevel|public'));
    expect(res).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const [exposure] = await h.exposuresOf([sha256(key)]);
    expect(locationOf(exposure!)).toEqual({
      source: 'gitlab',
      kind: 'commit',
      url: `${http.url}/acme/tools/-/blob/${leak}/ci/.gitlab-ci.yml#L2`,
      repository: 'acme/tools',
      commit: leak,
      path: 'ci/.gitlab-ci.yml',
      line: 2,
      publishedAt: expect.stringMatching(/^2024-01-01T/), // the commit's time (testkit's git clock), not the scan's
    });
    expect(payloadOf(exposure!)).toMatchObject({ ruleId: 'postman-api-key' });
    expect(await jobWhen(scanJobId('gitlab', res.uuid))).toMatchObject({
      status: 'done',
      provider: 'gitlab',
      target: 'acme/tools',
      counts: { exposures: 1 },
      progress: { commits: 3 },
    });
    // a later update (a description edit) of a project that is already public
    expect((await systemHook(projectUpdate('public'))).body).toMatchObject({ status: 'ignored', reason: 'already_public' });
  });

  it('acknowledges other system events without acting, and rejects a bad token', async () => {
    expect((await systemHook({ event_name: 'user_create', name: 'x', email: 'x@example.com', user_id: 3 })).body).toMatchObject({
      status: 'ignored',
      reason: 'unhandled_system_event',
    });
    const res = await fetch(`${h.url}/webhooks/gitlab`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gitlab-event': 'System Hook', 'x-gitlab-token': 'wrong-token-wrong-token' },
      body: JSON.stringify(projectUpdate('public', 78)),
    });
    expect(res.status).toBe(401);
    expect((await systemHook({ event_name: 'project_update', project_id: 'nope' })).status).toBe(400);
  });
});
