import { createHash, randomBytes } from 'node:crypto';
import { createFindingRecorder, findingIdFor } from '@keyguard/keys';
import { randomPmak } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('GET /api/v1/insights (rollups kept by the writes that change findings)', () => {
  let api: Api;
  let teamId: string;
  beforeAll(async () => {
    api = await startApi();
    const me = await api.call('GET', '/api/v1/me');
    if (!me.body?.team) throw new Error(JSON.stringify(me));
    teamId = me.body.team.id;
  });
  afterAll(() => api?.stop());

  it('counts exposures once, revocations and ignores once, and reports latency percentiles', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'leaked' } });
    expect(created.status).toBe(201);
    const key = await api.store.collections.apiKeys.findOne({ _id: created.body.id });
    const repo = createFindingRecorder(api.store, { teamOf: () => teamId });
    const detectedAt = new Date(Date.now() - 90_000);
    const ours = {
      tokenHash: key!.hash,
      ruleId: 'postman-api-key',
      redacted: 'PMAK-…',
      confidence: 'high' as const,
      location: { source: 'github' as const, kind: 'commit', url: 'https://github.com/o/r', detectedAt },
    };
    const foreign = { ...ours, tokenHash: sha(randomPmak()), location: { source: 'postman' as const, kind: 'partner_alert', url: '', detectedAt } };
    const matches = new Map([[key!.hash, { keyId: key!._id, teamId, revoked: false }]]);
    await repo.recordExposures([ours, foreign], matches);
    await repo.recordExposures([ours, foreign], matches); // a redelivery
    await api.store.collections.apiKeys.updateOne({ _id: key!._id }, { $set: { exposure: { findingId: findingIdFor(key!.hash), detectedAt, locations: [] } } });

    let insights = (await api.call('GET', '/api/v1/insights')).body;
    expect(insights.exposures.total).toBe(2);
    expect(insights.exposures.bySource).toEqual({ github: 1, gitlab: 0, postman: 0, partner: 1 });
    expect(insights.openByAge.under1d).toBe(2);

    expect((await api.call('POST', `/api/v1/keys/${key!._id}/revoke`)).status).toBe(200);
    expect((await api.call('POST', `/api/v1/keys/${key!._id}/revoke`)).status).toBeLessThan(500);
    for (let i = 0; i < 2; i++) {
      expect(
        (await api.call('PATCH', `/api/v1/findings/${findingIdFor(foreign.tokenHash)}`, { body: { status: 'resolved', resolution: 'false_positive' } })).status,
      ).toBe(200);
    }

    insights = (await api.call('GET', '/api/v1/insights')).body;
    expect(insights.outcomes).toEqual({ autoRevoked: 0, manuallyRevoked: 1, ignored: 1 });
    expect(insights.openByAge).toEqual({ under1d: 0, d1to7: 0, d7to30: 0, over30d: 0 });
    expect(insights.detectionToRevocation.overall).toEqual({ count: 1, p50: 120, p90: 120, p99: 120 });
    expect(insights.detectionToRevocation.bySource.github.count).toBe(1);
    expect(insights.exposures.byDay).toHaveLength(1);

    // The lists the Overview's charts link to: partner alerts, ignored, first seen in a range.
    const today = new Date().toISOString().slice(0, 10);
    const listed = async (q: string) => {
      const answer = await api.call('GET', `/api/v1/findings?${q}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.items.map((f: { id: string }) => f.id);
    };
    expect(await listed(`status=resolved&resolution=ignored&source=partner&from=${today}&to=${today}`)).toEqual([findingIdFor(foreign.tokenHash)]);
    expect(await listed('status=resolved&resolution=revoked&source=github')).toEqual([findingIdFor(key!.hash)]);
    expect(await listed('from=2020-01-01&to=2020-01-31')).toEqual([]);

    const metrics = await (await fetch(`${api.metricsBase}/metrics`)).text();
    expect(metrics).toMatch(/keyguard_exposure_to_revocation_seconds_count\{[^}]*source="github",reason="admin"[^}]*\} 1/);
  });

  it('rebuilds the same rollups from the findings', async () => {
    const before = (await api.call('GET', '/api/v1/insights')).body;
    const { createInsightsRepository } = await import('@keyguard/store');
    await createInsightsRepository(api.store).rebuild();
    const after = (await api.call('GET', '/api/v1/insights')).body;
    expect({ ...after, usedAfterExposure: 0 }).toEqual({ ...before, usedAfterExposure: 0 });
  });

  it('refuses a bad or too long range with a reason', async () => {
    const reversed = await api.call('GET', '/api/v1/insights?from=2026-02-01&to=2026-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toMatch(/after/);
    expect((await api.call('GET', '/api/v1/insights?from=2020-01-01&to=2026-01-01')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/insights?from=2026-02-30')).status).toBe(400);
    expect((await api.call('GET', `/api/v1/insights?from=${randomBytes(2).toString('hex')}`)).status).toBe(400);
  });
});
