import { waitForMessages } from '@keyguard/testkit/bus';
import { ScanRequested } from '@keyguard/events';
import { createScanJobRepository } from '@keyguard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

describe('POST /api/v1/scans', () => {
  it('queues a history scan: 202 with the job, the request on Kafka for the provider, the job readable while it runs', async () => {
    const res = await api.call('POST', '/api/v1/scans', { body: { source: 'github', target: 'https://github.com/octo/hello.git' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^scan_/),
      source: 'github',
      kind: 'history',
      target: 'octo/hello',
      reason: 'on_demand',
      status: 'queued',
      requestedBy: { type: 'user' },
      progress: { commits: 0, bytes: 0 },
      counts: { exposures: 0, secrets: 0 },
      error: null,
    });
    const [message] = await waitForMessages(api.kafka, api.scanRequests);
    expect(message!.key).toBe('github:octo/hello');
    expect(ScanRequested.parse(message!.json).payload).toMatchObject({
      jobId: res.body.id,
      provider: 'github',
      kind: 'history',
      target: 'octo/hello',
      reason: 'on_demand',
    });

    // what the ingest worker writes as it goes is what GET shows
    const jobs = createScanJobRepository(api.store);
    await jobs.start(res.body.id);
    await jobs.checkpoint(res.body.id, {
      progress: { commits: 120, bytes: 4096 },
      counts: { exposures: 2, secrets: 1 },
      cursor: { tips: ['a'], commits: 120 },
    });
    const running = await api.call('GET', `/api/v1/scans/${res.body.id}`);
    expect(running).toMatchObject({ status: 200, body: { status: 'running', progress: { commits: 120, bytes: 4096 }, counts: { exposures: 2, secrets: 1 } } });
    expect(running.body).not.toHaveProperty('cursor');
    const list = await api.call('GET', '/api/v1/scans');
    expect(list.body.items.map((j: { id: string }) => j.id)).toContain(res.body.id);
    const audit = await api.call('GET', '/api/v1/audit?action=scan.requested');
    expect(audit.body.items[0]).toMatchObject({ action: 'scan.requested', target: { type: 'scan', id: res.body.id } });
  });

  it('takes a GitLab project path and a Postman resource, and refuses what is neither', async () => {
    const gitlab = await api.call('POST', '/api/v1/scans', { body: { source: 'gitlab', target: 'acme/platform/api' } });
    expect(gitlab.body).toMatchObject({ source: 'gitlab', kind: 'history', target: 'acme/platform/api' });
    const postman = await api.call('POST', '/api/v1/scans', { body: { source: 'postman', target: 'collection:12345-abcd' } });
    expect(postman.body).toMatchObject({ source: 'postman', kind: 'resource', target: 'collection:12345-abcd' });
    const bad = await api.call('POST', '/api/v1/scans', { body: { source: 'github', target: 'not a repository' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_request', issues: [{ path: 'target', message: expect.stringContaining('owner/repo') }] });
    expect((await api.call('POST', '/api/v1/scans', { body: { source: 'bitbucket', target: 'a/b' } })).status).toBe(400);
    expect((await api.call('POST', '/api/v1/scans', { body: { source: 'postman', target: 'octo/hello' } })).status).toBe(400);
  });

  it('is for admins: a member gets 403, nobody 401, an unknown scan 404', async () => {
    const created = await api.call('POST', '/api/v1/users', { body: { email: `m-${Date.now()}@example.test`, name: 'Member', role: 'member' } });
    const member = created.body.key.key as string;
    expect((await api.call('POST', '/api/v1/scans', { key: member, body: { source: 'github', target: 'octo/x' } })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/scans', { key: member })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/scans', { key: null })).status).toBe(401);
    expect((await api.call('GET', '/api/v1/scans/scan_nope')).status).toBe(404);
  });
});
