import { createHash } from 'node:crypto';
import { createPublisher } from '@keyguard/bus';
import { scanRequestMessage } from '@keyguard/ingest-kit';
import { createLogger } from '@keyguard/logger';
import { createScanJobRepository, type ScanJobDoc } from '@keyguard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, locationOf, startHarness } from './harness.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function request(jobId: string, target: string) {
  const jobs = createScanJobRepository(h.service.context.store);
  await jobs.create({ id: jobId, provider: 'postman', kind: 'resource', target, reason: 'on_demand', teamId: 'team-1' });
  const publisher = createPublisher(h.kafka, { logger: createLogger({ name: 't', level: 'silent' }) });
  await publisher.publish(h.topics.scanRequests, [
    scanRequestMessage({ jobId, provider: 'postman', kind: 'resource', target, reason: 'on_demand' }, { source: 'test' }),
  ]);
  await publisher.disconnect();
  const until = Date.now() + 20_000;
  for (;;) {
    const job = (await jobs.get(jobId)) as ScanJobDoc;
    if (['done', 'failed', 'skipped'].includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('on-demand Postman scans', () => {
  it('fetches the resource, publishes its exposures and counts them on the job', async () => {
    const [a, b] = [h.plantKey(), h.plantKey()];
    h.api.route('GET /collections/c-ondemand', {
      body: {
        collection: {
          info: { _postman_id: 'c-ondemand', name: 'On demand' },
          variable: [
            { key: 'apiKey', value: a },
            { key: 'again', value: a },
            { key: 'other', value: b },
          ],
        },
      },
    });
    const job = await request('scan_postman_1', 'collection:c-ondemand');
    expect(job).toMatchObject({ status: 'done', counts: { exposures: 3, secrets: 2 }, error: null });
    const exposures = await h.exposuresOf([sha256(a), sha256(b)]);
    expect(locationOf(exposures[0]!)).toMatchObject({ source: 'postman', resourceType: 'collection', resourceId: 'c-ondemand' });
  });

  it('records a failure the API answers with, and skips what is not a resource', async () => {
    h.api.route('GET /collections/c-gone', { status: 404, body: { error: { name: 'instanceNotFoundError' } } });
    expect(await request('scan_postman_2', 'collection:c-gone')).toMatchObject({ status: 'failed', error: { code: expect.any(String) } });
    expect(await request('scan_postman_3', 'octo/hello')).toMatchObject({ status: 'skipped', error: { code: 'UNSUPPORTED' } });
  });
});
