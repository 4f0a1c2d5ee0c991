import { bucketOf, createInsightsRepository, type FindingDoc, insightSourceOf, LATENCY_BOUNDS_S } from '@keyguard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

const DAY = 86_400_000;
const SOURCES = ['github', 'gitlab', 'postman', 'partner'] as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The exact percentile of the raw seconds, reported as the rollups report one: its bucket's upper bound. */
function naivePercentile(seconds: number[], q: number): number | null {
  if (seconds.length === 0) return null;
  const sorted = [...seconds].sort((a, b) => a - b);
  const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
  return LATENCY_BOUNDS_S[bucketOf(exact)] ?? LATENCY_BOUNDS_S.at(-1)! * 2;
}
const naiveLatency = (seconds: number[]) => ({
  count: seconds.length,
  p50: naivePercentile(seconds, 0.5),
  p90: naivePercentile(seconds, 0.9),
  p99: naivePercentile(seconds, 0.99),
});

/** GET /insights computed the slow way: straight from every finding of the team. */
function naive(findings: FindingDoc[], from: string, to: string, now: Date) {
  const inRange = findings.filter((f) => day(f.firstSeen) >= from && day(f.firstSeen) <= to);
  const zero = () => ({ github: 0, gitlab: 0, postman: 0, partner: 0 });
  const bySource = zero();
  const byDay = new Map<string, ReturnType<typeof zero>>();
  const detection: Record<string, number[]> = { all: [], github: [], gitlab: [], postman: [], partner: [] };
  const appearance: Record<string, number[]> = { all: [], github: [], gitlab: [], postman: [], partner: [] };
  const outcomes = { autoRevoked: 0, manuallyRevoked: 0, ignored: 0 };
  for (const f of inRange) {
    const source = insightSourceOf(f.locations[0]);
    bySource[source]++;
    const d = byDay.get(day(f.firstSeen)) ?? zero();
    d[source]++;
    byDay.set(day(f.firstSeen), d);
    if (f.status !== 'resolved') continue;
    if (f.resolution !== 'revoked') {
      outcomes.ignored++;
      continue;
    }
    const resolved = f.history.findLast((h) => h.action === 'resolved')!;
    if (resolved.note?.includes('exposure_auto')) outcomes.autoRevoked++;
    else outcomes.manuallyRevoked++;
    const published = f.locations[0]?.publishedAt;
    const start = published && published < f.firstSeen ? published : f.firstSeen;
    for (const key of ['all', source]) {
      detection[key]!.push((resolved.at.getTime() - f.firstSeen.getTime()) / 1000);
      appearance[key]!.push((resolved.at.getTime() - start.getTime()) / 1000);
    }
  }
  const today = Date.parse(`${day(now)}T00:00:00Z`);
  const openByAge = { under1d: 0, d1to7: 0, d7to30: 0, over30d: 0 };
  for (const f of findings.filter((f) => f.status === 'open')) {
    const age = (today - Date.parse(`${day(f.firstSeen)}T00:00:00Z`)) / DAY;
    openByAge[age < 1 ? 'under1d' : age < 7 ? 'd1to7' : age < 30 ? 'd7to30' : 'over30d']++;
  }
  const perSource = (lists: Record<string, number[]>) => Object.fromEntries(SOURCES.map((s) => [s, naiveLatency(lists[s]!)]));
  return {
    from,
    to,
    exposures: {
      total: inRange.length,
      bySource,
      byDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([d, counts]) => ({ day: d, ...counts })),
    },
    detectionToRevocation: { overall: naiveLatency(detection.all!), bySource: perSource(detection) },
    appearanceToRevocation: { overall: naiveLatency(appearance.all!), bySource: perSource(appearance) },
    usedAfterExposure: 0,
    outcomes,
    openByAge,
    latencyBucketsSeconds: [...LATENCY_BOUNDS_S],
  };
}

describe('GET /api/v1/insights equals the naive aggregation over the findings (600 findings over 90 days)', () => {
  let api: Api;
  let teamId: string;
  beforeAll(async () => {
    api = await startApi();
    teamId = (await api.call('GET', '/api/v1/me')).body.team.id;
  });
  afterAll(() => api?.stop());

  it('for the default 30 days, 7 days in the past and 90 days', async () => {
    const now = new Date();
    const sources = ['github', 'gitlab', 'postman', 'github'] as const;
    const kinds = ['commit', 'commit', 'collection', 'partner_alert'];
    const policy = { type: 'system' as const, id: 'policy', name: 'Keyguard policy' };
    const docs: FindingDoc[] = [];
    for (let i = 0; i < 600; i++) {
      const s = i % 4;
      const firstSeen = new Date(now.getTime() - (i % 90) * DAY - ((i * 7919) % 50_000) * 1000);
      const publishedAt = i % 3 === 0 ? undefined : new Date(firstSeen.getTime() - ((i * 104_729) % 200_000) * 1000);
      const fate = (i * 31) % 10; // 0–3 open, 4–6 auto-revoked, 7–8 revoked by a person, 9 ignored
      const resolvedAt = new Date(firstSeen.getTime() + ((i * 15_485_863) % 900_000) * 100);
      const history: FindingDoc['history'] = [{ at: firstSeen, action: 'detected', actor: policy }];
      if (fate >= 4)
        history.push({
          at: resolvedAt,
          action: 'resolved',
          actor: policy,
          status: 'resolved',
          resolution: fate === 9 ? 'false_positive' : 'revoked',
          ...(fate < 9 ? { note: fate < 7 ? 'key revoked (exposure_auto)' : 'key revoked (admin)' } : {}),
        });
      const tokenHash = `${i.toString(16).padStart(8, '0')}${'c'.repeat(56)}`;
      docs.push({
        _id: `fnd_${tokenHash.slice(0, 32)}`,
        tokenHash,
        ruleId: 'postman-api-key',
        redacted: 'PMAK-…',
        confidence: 'high',
        teamId,
        keyId: null,
        status: fate >= 4 ? 'resolved' : 'open',
        resolution: fate >= 4 ? (fate === 9 ? 'false_positive' : 'revoked') : null,
        locations: [{ source: sources[s]!, kind: kinds[s]!, url: `https://example.test/${i}`, detectedAt: firstSeen, ...(publishedAt ? { publishedAt } : {}) }],
        firstSeen,
        lastSeen: firstSeen,
        history,
      });
    }
    await api.store.collections.findings.insertMany(docs);
    await createInsightsRepository(api.store).recordFindings(docs);
    const stored = await api.store.collections.findings.find({ teamId }).toArray();
    expect(stored).toHaveLength(600);

    const ranges = [
      [day(new Date(now.getTime() - 29 * DAY)), day(now), ''],
      [day(new Date(now.getTime() - 20 * DAY)), day(new Date(now.getTime() - 14 * DAY)), undefined],
      [day(new Date(now.getTime() - 89 * DAY)), day(now), undefined],
    ] as const;
    for (const [from, to, query] of ranges) {
      const answer = await api.call('GET', `/api/v1/insights${query ?? `?from=${from}&to=${to}`}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(naive(stored, from, to, now));
    }
    // The backfill gives the same rollups.
    const before = (await api.call('GET', '/api/v1/insights')).body;
    await createInsightsRepository(api.store).rebuild();
    expect((await api.call('GET', '/api/v1/insights')).body).toEqual(before);
  });
});
