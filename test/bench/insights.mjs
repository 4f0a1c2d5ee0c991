#!/usr/bin/env node
// Insights benchmark (issue 17): prints numbers, asserts nothing. Not part of `npm test`.
//
//   npm run bench:insights      (or: npx turbo run build && node test/bench/insights.mjs)
//
// Against the running engines (MONGODB_URI; a fresh database; for FerretDB on PostgreSQL point
// MONGODB_URI at it and set MONGODB_CONCURRENT_WRITERS=true), with keys-api started in this
// process from its build:
//   1. seeds BENCH_KEYS keys (default 100000) and BENCH_FINDINGS findings (default 1000000) of
//      the bootstrap team, spread over a year, four sources, open / auto-revoked / revoked by an
//      admin / ignored, in bulk inserts of the shape the policy writes: unordered insertMany of
//      BENCH_BATCH documents (default 10000), BENCH_SEED_CONCURRENCY of them in flight on separate
//      connections (default 3; the next batch is built while they run). Every 250,000 inserted
//      findings are added to the rollups as the backfill counts them (insights.recordFindings);
//      BENCH_REBUILD=1 also times the full backfill (rebuild) of keys-api;
//   2. what one key lookup costs FerretDB at this size (by hash, by _id, the lastUsedAt update);
//   3. GET /api/v1/insights over HTTP against a keys-api child process, BENCH_REQUESTS times one after
//      another (default 200), for 7 days, the default 30 days, 90 days and a whole year, with a key
//      the admin creates after the seeding (the last of the 100,000: a lookup by hash scans them
//      all), and GET /api/v1/me (authentication alone): p50 / p90 / p99, and keys-api's and
//      FerretDB's CPU ms per request (/proc/<pid>/stat);
//   4. the peer: the same kind of numbers computed directly from the findings with a $group
//      aggregation (BENCH_PEER_RUNS times, default 3), side by side; the load average throughout.

import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@keyguard/logger';
import { connectStore, createInsightsRepository } from '@keyguard/store';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const findingsCount = env('BENCH_FINDINGS', 1_000_000);
const keysCount = env('BENCH_KEYS', 100_000);
const requests = env('BENCH_REQUESTS', 200);
const peerRuns = env('BENCH_PEER_RUNS', 1);
const batchSize = env('BENCH_BATCH', 10_000);
const seedConcurrency = env('BENCH_SEED_CONCURRENCY', 3);
const mongoBase = (process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/').replace(/\/[^/]*$/, '');
const suffix = randomBytes(4).toString('hex');
const dbName = `bench_insights_${suffix}`;
const logger = createLogger({ name: 'bench-insights', level: process.env.BENCH_LOG_LEVEL ?? 'warn' });
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n) => `${n.toFixed(1)} ms`;
const DAY = 86_400_000;
const hex = (i, len) => i.toString(16).padStart(len, '0');

const adminKey = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoUri = `${mongoBase}/${dbName}`;
/** CPU ms a process has used so far (Linux /proc; clock ticks of 1/100 s). */
const cpuMs = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
};
/** The FerretDB process serving MONGODB_URI's port (by its listening socket), for its CPU time. */
const ferretPid = (() => {
  const port = new URL(mongoBase.replace(/^mongodb/, 'http')).port || '27017';
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    return Number(/pid=(\d+)/.exec(out)?.[1]) || null;
  } catch {
    return null;
  }
})();
const loads = [];
const sampleLoad = () => loads.push(loadavg()[0]);
const loadTimer = setInterval(sampleLoad, 5000);
sampleLoad();
const keysApi = await new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./keys-api-process.mjs', import.meta.url))], {
    env: { ...process.env, BENCH_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', BENCH_SERVICE: JSON.stringify({ brokers, mongoUri, adminKey }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.once('exit', (code) => reject(new Error(`keys-api exited (${code})`)));
  createInterface({ input: child.stdout }).once('line', (l) => resolve({ child, port: JSON.parse(l).port }));
});
const store = await connectStore({
  uri: mongoUri,
  logger,
  ensureIndexes: false,
  concurrentWriters: process.env.MONGODB_CONCURRENT_WRITERS === 'true' || undefined,
});
const insights = createInsightsRepository(store);
const base = `http://127.0.0.1:${keysApi.port}`;
/** The key the measured requests are made with (set after the seeding: the admin creates it). */
let requestKey = adminKey;
const get = async (path, init = {}) => {
  const response = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${requestKey}`, ...init.headers } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
};

try {
  const teamId = (await get('/api/v1/me')).team.id;
  const now = Date.now();
  const sources = ['github', 'gitlab', 'postman', 'github'];
  const kinds = ['commit', 'commit', 'collection', 'partner_alert'];

  /** Runs `insert(offset)` for every batch, `seedConcurrency` at a time (each on a connection of its own). */
  const inBatches = async (total, insert) => {
    const running = new Set();
    for (let offset = 0; offset < total; offset += batchSize) {
      if (running.size >= seedConcurrency) await Promise.race(running);
      const done = insert(offset).finally(() => running.delete(done));
      running.add(done);
    }
    await Promise.all(running);
  };
  const seedStarted = performance.now();
  let started = performance.now();
  await inBatches(keysCount, async (offset) => {
    const docs = [];
    for (let i = offset; i < Math.min(keysCount, offset + batchSize); i++) {
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
  });
  console.log(`seeded ${keysCount} keys in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const policy = { type: 'system', id: 'policy', name: 'Keyguard policy' };
  // What the rollups need of a finding, kept until 250,000 are inserted (not the whole documents).
  let unrecorded = [];
  let inserted = 0;
  let rollupMs = 0;
  const recordRollups = async () => {
    const batch = unrecorded;
    unrecorded = [];
    const t = performance.now();
    await insights.recordFindings(batch);
    rollupMs += performance.now() - t;
  };
  await inBatches(findingsCount, async (offset) => {
    const docs = [];
    for (let i = offset; i < Math.min(findingsCount, offset + batchSize); i++) {
      const s = i % 4;
      const firstSeen = new Date(now - (i % 365) * DAY - (i % 977) * 1000);
      // The commit was public a while before Keyguard saw it (partner alerts: no time of their own).
      const publishedAt = s === 3 ? undefined : new Date(firstSeen.getTime() - (i % 7) * 60_000);
      const location = { source: sources[s], kind: kinds[s], url: `https://example.test/${i}`, detectedAt: firstSeen, ...(publishedAt ? { publishedAt } : {}) };
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
    const t0 = performance.now();
    await store.collections.findings.insertMany(docs, { ordered: false });
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[bench] batch ${offset}: insert ${(performance.now() - t0).toFixed(0)} ms\n`);
    for (const { teamId: t, firstSeen, status, resolution, locations, history } of docs)
      unrecorded.push({ teamId: t, firstSeen, status, resolution, locations, history });
    const before = inserted;
    inserted += docs.length;
    const after = inserted;
    if (Math.floor(after / 100_000) > Math.floor(before / 100_000)) process.stdout.write(`  …${after} findings\n`);
    // The rollups of every 250,000 findings in one go (one $inc per day touched, as the backfill does).
    if (unrecorded.length >= 250_000) await recordRollups();
  });
  if (unrecorded.length > 0) await recordRollups();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${findingsCount} findings in ${seconds.toFixed(1)} s (${Math.round(findingsCount / seconds)}/s; rollups ${(rollupMs / 1000).toFixed(1)} s of it; batches of ${batchSize}, ${seedConcurrency} in flight); whole seeding ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const rollups = await store.db.collection('insightsDaily').countDocuments();
  console.log(`  (${rollups} rollup documents, counted batch by batch as the backfill counts them)`);
  if (process.env.BENCH_REBUILD === '1') {
    started = performance.now();
    await insights.rebuild();
    console.log(`backfill (rebuild) of the rollups from ${findingsCount} findings: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  // The measured requests use a key the admin creates now: the last of the keys, which a lookup
  // by hash finds only after scanning all the others (on FerretDB, which scans for any filter but `_id`).
  const created = await get('/api/v1/keys', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench insights' }),
  });
  requestKey = created.key;
  const requestHash = createHash('sha256').update(requestKey).digest('hex');

  // What one lookup of that key costs the store at this size (3 runs each, p50).
  const probe = async (run) => {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[1];
  };
  const apiKeys = store.collections.apiKeys;
  const lookups = {
    byHash: await probe(() => apiKeys.findOne({ hash: requestHash })),
    byId: await probe(() => apiKeys.findOne({ _id: created.id })),
    stamp: await probe(() => apiKeys.updateOne({ _id: created.id }, { $max: { lastUsedAt: new Date() } })),
  };

  const measure = async (path) => {
    await get(path); // warm-up
    const times = [];
    let answer;
    const cpu0 = cpuMs(keysApi.child.pid);
    const ferret0 = ferretPid ? cpuMs(ferretPid) : Number.NaN;
    const load0 = loadavg()[0];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      answer = await get(path);
      times.push(performance.now() - t);
    }
    const cpu = (cpuMs(keysApi.child.pid) - cpu0) / requests;
    const ferret = ferretPid ? (cpuMs(ferretPid) - ferret0) / requests : Number.NaN;
    times.sort((a, b) => a - b);
    return { p50: pct(times, 50), p90: pct(times, 90), p99: pct(times, 99), cpu, ferret, load: [load0, loadavg()[0]], answer };
  };
  const day = (t) => new Date(t).toISOString().slice(0, 10);
  const ranges = [
    ['last 7 days', `?from=${day(now - 6 * DAY)}&to=${day(now)}`],
    ['last 30 days', ''],
    ['last 90 days', `?from=${day(now - 89 * DAY)}&to=${day(now)}`],
    ['last 365 days', `?from=${day(now - 364 * DAY)}&to=${day(now)}`],
  ];
  const measured = [];
  for (const [label, query] of ranges) measured.push([label, await measure(`/api/v1/insights${query}`)]);
  const authOnly = await measure('/api/v1/me');

  // The peer scans every finding (FerretDB groups in Go memory): minutes at a million, so it is
  // given BENCH_PEER_LIMIT_S (default 120 s) per run and reported as "over" when it runs out.
  const peerLimitMs = env('BENCH_PEER_LIMIT_S', 120) * 1000;
  const peer = async (fromMs) => {
    const times = [];
    for (let i = 0; i < peerRuns; i++) {
      const t = performance.now();
      try {
        await store.collections.findings
          .aggregate(
            [
              { $match: { teamId, firstSeen: { $gte: new Date(fromMs) } } },
              { $group: { _id: { status: '$status', resolution: '$resolution' }, n: { $sum: 1 } } },
            ],
            { maxTimeMS: peerLimitMs },
          )
          .toArray();
        times.push(performance.now() - t);
      } catch (error) {
        console.log(`  (peer run stopped: ${error.message.slice(0, 80)})`);
        return { over: performance.now() - t };
      }
    }
    times.sort((a, b) => a - b);
    return { p50: pct(times, 50), max: times.at(-1) };
  };
  const peerText = (p) => (p.over ? `over ${ms(p.over)} (stopped at the limit)` : `p50 ${ms(p.p50)}  max ${ms(p.max)}`);
  const peerMonth = await peer(Date.parse(`${day(now - 29 * DAY)}T00:00:00Z`));
  const peerYear = peerMonth.over ? peerMonth : await peer(Date.parse(`${day(now - 364 * DAY)}T00:00:00Z`));

  sampleLoad();
  console.log('');
  console.log(`GET /api/v1/insights over ${findingsCount} findings and ${keysCount} keys (${requests} requests each, one after another, over HTTP):`);
  for (const [label, m] of measured)
    console.log(
      `  ${label.padEnd(14)}: p50 ${ms(m.p50)}  p90 ${ms(m.p90)}  p99 ${ms(m.p99)}   CPU per request: keys-api ${m.cpu.toFixed(1)} ms, FerretDB ${Number.isNaN(m.ferret) ? '?' : m.ferret.toFixed(1)} ms   load ${m.load.map((l) => l.toFixed(1)).join('→')}   (${m.answer.exposures.total} exposures, p99 detection→revocation ${m.answer.detectionToRevocation.overall.p99} s, first appearance→revocation ${m.answer.appearanceToRevocation?.overall.p99 ?? '–'} s)`,
    );
  const a = authOnly;
  console.log(
    `  GET /api/v1/me (authentication alone): p50 ${ms(a.p50)}  p90 ${ms(a.p90)}  p99 ${ms(a.p99)}   CPU per request: keys-api ${a.cpu.toFixed(1)} ms, FerretDB ${Number.isNaN(a.ferret) ? '?' : a.ferret.toFixed(1)} ms   load ${a.load.map((l) => l.toFixed(1)).join('→')}`,
  );
  console.log(
    `one lookup of that key in ${keysCount} keys (what authentication was / is): findOne({hash}) ${ms(lookups.byHash)}, findOne({_id}) ${ms(lookups.byId)}; the lastUsedAt update by _id ${ms(lookups.stamp)}`,
  );
  console.log(`peer: a $group over the findings (by status and resolution only — less than the rollups answer), ${peerRuns} runs each:`);
  console.log(`  last 30 days : ${peerText(peerMonth)}`);
  console.log(`  last 365 days: ${peerText(peerYear)}`);
  console.log(`load average (1 min) during the run: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${availableParallelism()} cores`);
  const worst = Math.max(...measured.map(([, m]) => m.p99));
  console.log(`goal: p99 < 300 ms → ${worst < 300 ? 'met' : 'NOT met'} (worst p99 ${ms(worst)})`);
} finally {
  clearInterval(loadTimer);
  keysApi.child.removeAllListeners('exit');
  keysApi.child.kill('SIGTERM');
  await store.db.dropDatabase().catch(() => undefined);
  await store.close();
}
