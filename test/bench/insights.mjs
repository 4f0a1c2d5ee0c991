#!/usr/bin/env node
// Insights benchmark (issue 17): prints numbers, asserts nothing. Not part of `npm test`.
//
//   npm run bench:insights      (or: npx turbo run build && node test/bench/insights.mjs)
//
// Against the running engines (MONGODB_URI; a fresh database), with keys-api started in this
// process from its build:
//   1. seeds BENCH_KEYS keys (default 100000) and BENCH_FINDINGS findings (default 1000000) of
//      the bootstrap team, spread over a year, four sources, open / auto-revoked / revoked by an
//      admin / ignored, in bulk inserts of the shape the policy writes;
//   2. builds the rollups with the same rebuild keys-api runs on a database that predates them;
//   3. GET /api/v1/insights over HTTP, BENCH_REQUESTS times one after another (default 200), for
//      the default 30 days and for a whole year: p50 / p99;
//   4. the peer: the same kind of numbers computed directly from the findings with a $group
//      aggregation (BENCH_PEER_RUNS times, default 3), side by side.

import { randomBytes } from 'node:crypto';
import { startService as startKeysApi } from '@keyguard/keys-api/service';
import { createLogger } from '@keyguard/logger';
import { connectStore, createInsightsRepository } from '@keyguard/store';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const findingsCount = env('BENCH_FINDINGS', 1_000_000);
const keysCount = env('BENCH_KEYS', 100_000);
const requests = env('BENCH_REQUESTS', 200);
const peerRuns = env('BENCH_PEER_RUNS', 3);
const mongoBase = (process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/').replace(/\/[^/]*$/, '');
const suffix = randomBytes(4).toString('hex');
const dbName = `bench_insights_${suffix}`;
const logger = createLogger({ name: 'bench-insights', level: process.env.BENCH_LOG_LEVEL ?? 'warn' });
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n) => `${n.toFixed(1)} ms`;
const DAY = 86_400_000;
const hex = (i, len) => i.toString(16).padStart(len, '0');

const adminKey = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
const keysApi = await startKeysApi(
  {
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    MONGODB_URI: `${mongoBase}/${dbName}`,
    KEYGUARD_BOOTSTRAP_ADMIN_KEY: adminKey,
    BOOTSTRAP_ADMIN_EMAIL: `admin-${suffix}@example.test`,
    BOOTSTRAP_ADMIN_NAME: 'Bench admin',
    DASHBOARD_DIR: '/nonexistent',
    SESSION_COOKIE_SECURE: false,
  },
  { logger },
);
const store = await connectStore({ uri: `${mongoBase}/${dbName}`, logger, ensureIndexes: false });
const base = `http://127.0.0.1:${keysApi.port}`;
const get = async (path) => {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${adminKey}` } });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
};

try {
  const teamId = (await get('/api/v1/me')).team.id;
  const now = Date.now();
  const sources = ['github', 'gitlab', 'postman', 'github'];
  const kinds = ['commit', 'commit', 'collection', 'partner_alert'];

  let started = performance.now();
  for (let offset = 0; offset < keysCount; offset += 5000) {
    const docs = [];
    for (let i = offset; i < Math.min(keysCount, offset + 5000); i++) {
      docs.push({
        _id: `key_bench_${hex(i, 8)}`,
        hash: hex(i, 64),
        preview: 'PMAK-…bench',
        name: `bench ${i}`,
        teamId,
        createdBy: 'bench',
        createdAt: new Date(now - 400 * DAY),
        expiresAt: null,
        lastUsedAt: null,
        status: 'enabled',
        revokedAt: null,
        revocation: null,
        exposure: null,
      });
    }
    await store.collections.apiKeys.insertMany(docs, { ordered: false });
  }
  console.log(`seeded ${keysCount} keys in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const policy = { type: 'system', id: 'policy', name: 'Keyguard policy' };
  for (let offset = 0; offset < findingsCount; offset += 10_000) {
    const docs = [];
    for (let i = offset; i < Math.min(findingsCount, offset + 10_000); i++) {
      const s = i % 4;
      const firstSeen = new Date(now - (i % 365) * DAY - (i % 977) * 1000);
      const location = { source: sources[s], kind: kinds[s], url: `https://example.test/${i}`, detectedAt: firstSeen };
      const fate = i % 10; // 0–3 open, 4–6 auto-revoked, 7–8 revoked by an admin, 9 ignored
      const resolvedAt = new Date(firstSeen.getTime() + (fate < 7 ? 1000 + (i % 60) * 1000 : 3_600_000 + (i % 100) * 60_000));
      const history = [{ at: firstSeen, action: 'detected', actor: policy, note: `${location.source} ${location.kind}` }];
      if (fate >= 4)
        history.push({
          at: resolvedAt,
          action: 'resolved',
          actor: fate < 7 ? policy : { type: 'user', id: 'usr_bench' },
          status: 'resolved',
          resolution: fate === 9 ? 'false_positive' : 'revoked',
          note: fate < 7 ? 'key revoked (exposure_auto)' : fate < 9 ? 'key revoked (admin)' : undefined,
        });
      const tokenHash = `${hex(i, 32)}${'b'.repeat(32)}`;
      docs.push({
        _id: `fnd_${tokenHash.slice(0, 32)}`,
        tokenHash,
        ruleId: 'postman-api-key',
        redacted: 'PMAK-…',
        confidence: 'high',
        teamId,
        keyId: i < keysCount ? `key_bench_${hex(i, 8)}` : null,
        status: fate >= 4 ? 'resolved' : 'open',
        resolution: fate >= 4 ? (fate === 9 ? 'false_positive' : 'revoked') : null,
        locations: [location],
        locationCount: 1,
        locationKeys: [`${location.source}:${i}`],
        firstSeen,
        lastSeen: firstSeen,
        history,
      });
    }
    await store.collections.findings.insertMany(docs, { ordered: false });
    if ((offset / 10_000) % 10 === 9) process.stdout.write(`  …${offset + 10_000} findings\n`);
  }
  console.log(`seeded ${findingsCount} findings in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const insights = createInsightsRepository(store);
  await insights.rebuild();
  const rollups = await store.db.collection('insightsDaily').countDocuments();
  console.log(`rebuilt ${rollups} rollup documents from the findings in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const measure = async (path) => {
    await get(path); // warm-up
    const times = [];
    let answer;
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      answer = await get(path);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: pct(times, 50), p99: pct(times, 99), answer };
  };
  const day = (t) => new Date(t).toISOString().slice(0, 10);
  const month = await measure('/api/v1/insights');
  const year = await measure(`/api/v1/insights?from=${day(now - 364 * DAY)}&to=${day(now)}`);

  const peer = async (fromMs) => {
    const times = [];
    let result;
    for (let i = 0; i < peerRuns; i++) {
      const t = performance.now();
      result = await store.collections.findings
        .aggregate([
          { $match: { teamId, firstSeen: { $gte: new Date(fromMs) } } },
          { $group: { _id: { status: '$status', resolution: '$resolution' }, n: { $sum: 1 } } },
        ])
        .toArray();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: pct(times, 50), max: times.at(-1), groups: result.length };
  };
  const peerMonth = await peer(Date.parse(`${day(now - 29 * DAY)}T00:00:00Z`));
  const peerYear = await peer(Date.parse(`${day(now - 364 * DAY)}T00:00:00Z`));

  console.log('');
  console.log(`GET /api/v1/insights over ${findingsCount} findings and ${keysCount} keys (${requests} requests each, over HTTP):`);
  console.log(
    `  last 30 days : p50 ${ms(month.p50)}  p99 ${ms(month.p99)}   (${month.answer.exposures.total} exposures, p99 detection→revocation ${month.answer.detectionToRevocation.overall.p99} s)`,
  );
  console.log(`  last 365 days: p50 ${ms(year.p50)}  p99 ${ms(year.p99)}   (${year.answer.exposures.total} exposures)`);
  console.log(`peer: a $group over the findings (by status and resolution only — less than the rollups answer), ${peerRuns} runs each:`);
  console.log(`  last 30 days : p50 ${ms(peerMonth.p50)}  max ${ms(peerMonth.max)}`);
  console.log(`  last 365 days: p50 ${ms(peerYear.p50)}  max ${ms(peerYear.max)}`);
  console.log(`goal: p99 < 300 ms → ${Math.max(month.p99, year.p99) < 300 ? 'met' : 'NOT met'}`);
} finally {
  await keysApi.stop();
  await store.db.dropDatabase().catch(() => undefined);
  await store.close();
}
