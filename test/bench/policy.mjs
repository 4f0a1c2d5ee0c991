#!/usr/bin/env node
// Policy benchmark (issue 5): prints numbers, asserts nothing. Not part of `npm test`.
//
//   npx turbo run build --filter=@keyguard/policy --filter=@keyguard/keys-api && node test/bench/policy.mjs
//
// Against the running engines (KAFKA_BROKERS, MONGODB_URI; fresh database and topics), with
// keys-api and policy started in this process from their builds:
//   1. drain: BENCH_BURST exposures (default 20000, of secrets that are not our keys) published
//      at once; exposures/s from the first publish until the consumer has committed them all
//      (and the findings count in the database is checked).
//   2. sustained: BENCH_RATE exposures/s (default 1000) for BENCH_SECONDS (default 20); the
//      consumer lag is sampled every second — flat means the consumer keeps up.
//   3. exposure → refusal: under a background load of BENCH_LATENCY_RATE exposures/s (default
//      200), BENCH_LEAKS live team keys (default 200; auto-revoke on) are leaked one at a time;
//      the clock runs from the publish call until GET /api/v1/me with that key answers 401
//      (polled every BENCH_POLL_MS, default 10). Prints p50/p95/p99/max.
//
// Environment: BENCH_BURST, BENCH_RATE, BENCH_SECONDS, BENCH_LATENCY_RATE, BENCH_LEAKS,
// BENCH_LEAK_EVERY_MS (pause between leaks, default 50), BENCH_POLL_MS, BENCH_PARTITIONS (3).

import { createHash, randomBytes } from 'node:crypto';
import { createKafka, createPublisher, ensureTopics } from '@keyguard/bus';
import { issueApiKey, newId } from '@keyguard/keys';
import { Config as KeysApiConfig } from '@keyguard/keys-api/config';
import { startService as startKeysApi } from '@keyguard/keys-api/service';
import { createLogger } from '@keyguard/logger';
import { Config as PolicyConfig } from '@keyguard/policy/config';
import { startService as startPolicy } from '@keyguard/policy/service';
import { connectStore } from '@keyguard/store';
import { detectedExposure } from './support/exposures.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const rate = env('BENCH_RATE', 1000);
const seconds = env('BENCH_SECONDS', 20);
const leaks = env('BENCH_LEAKS', 200);
const leakEveryMs = env('BENCH_LEAK_EVERY_MS', 50);
const pollMs = env('BENCH_POLL_MS', 10);
const burst = env('BENCH_BURST', 20000);
const latencyRate = env('BENCH_LATENCY_RATE', 200);
const partitions = env('BENCH_PARTITIONS', 3);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoBase = (process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/').replace(/\/[^/]*$/, '');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const suffix = randomBytes(4).toString('hex');
const dbName = `bench_policy_${suffix}`;
const topics = {
  exposures: `bench.exposures.${suffix}`,
  keyEvents: `bench.key-events.${suffix}`,
  keyState: `bench.key-state.${suffix}`,
  keyUsage: `bench.key-usage.${suffix}`,
};
const groupId = `bench-policy-${suffix}`;
const logger = createLogger({ name: 'bench-policy', level: process.env.BENCH_LOG_LEVEL ?? 'warn' });
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sha = (s) => createHash('sha256').update(s).digest('hex');

const kafka = createKafka({ brokers, clientId: 'bench-policy', logger });
await ensureTopics(kafka, [
  { topic: topics.exposures, numPartitions: partitions },
  { topic: topics.keyEvents, numPartitions: partitions },
]);
// Settings as the services read them from the environment, parsed by their own schemas (defaults included).
const common = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', KAFKA_BROKERS: brokers.join(','), MONGODB_URI: `${mongoBase}/${dbName}` };
const adminKey = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
const keysApi = await startKeysApi(
  KeysApiConfig.parse({
    ...common,
    KEYGUARD_BOOTSTRAP_ADMIN_KEY: adminKey,
    BOOTSTRAP_ADMIN_EMAIL: `admin-${suffix}@example.test`,
    BOOTSTRAP_ADMIN_NAME: 'Bench admin',
    DASHBOARD_DIR: '/nonexistent',
    SESSION_TTL_HOURS: '1',
    SESSION_COOKIE_SECURE: 'false',
  }),
  { logger, topics: { keyEvents: topics.keyEvents, keyState: topics.keyState, keyUsage: topics.keyUsage } },
);
const policy = await startPolicy(PolicyConfig.parse({ ...common, SWEEP_INTERVAL_MS: '60000' }), {
  logger,
  topics: { exposures: topics.exposures, keyEvents: topics.keyEvents, keyState: topics.keyState },
  groupId,
  sweeper: false,
});
const store = await connectStore({ uri: `${mongoBase}/${dbName}`, logger, ensureIndexes: false });
const publisher = createPublisher(kafka, { logger, lingerMs: 2 });
const admin = kafka.admin();
await admin.connect();

// The default team auto-revokes; its members own the keys that will leak.
await store.collections.teams.updateOne({ _id: 'team_default' }, { $set: { 'settings.autoRevokeExposed': true } });
const owner = { _id: newId('usr'), teamId: 'team_default', email: `bench-${suffix}@example.test`, name: 'Bench owner', role: 'member', createdAt: new Date() };
await store.collections.users.insertOne(owner);
const live = Array.from({ length: leaks }, (_, i) => {
  const m = issueApiKey();
  return {
    raw: m.raw,
    doc: {
      _id: newId('key'),
      hash: m.hash,
      preview: m.preview,
      name: `bench ${i}`,
      teamId: 'team_default',
      createdBy: owner._id,
      createdAt: new Date(),
      expiresAt: null,
      lastUsedAt: null,
      status: 'enabled',
      revokedAt: null,
      revocation: null,
      exposure: null,
    },
  };
});
await store.collections.apiKeys.insertMany(live.map((k) => k.doc));

let seq = 0;
function exposure(tokenHash, redacted = 'ghp_…0000') {
  seq += 1;
  return detectedExposure({ tokenHash, place: seq, redacted });
}
const noise = (n) =>
  Array.from({ length: n }, () => {
    const e = exposure(sha(randomBytes(16)));
    return { key: e.payload.tokenHash, value: e };
  });

async function lag() {
  const [committed, latest] = await Promise.all([admin.fetchOffsets({ groupId, topics: [topics.exposures] }), admin.fetchTopicOffsets(topics.exposures)]);
  const done = new Map(committed[0].partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? 0 : p.offset)]));
  return latest.reduce((sum, p) => sum + Number(BigInt(p.high) - (done.get(p.partition) ?? 0n)), 0);
}

/** Background load: `perSecond` exposures/s in 10 ms slices until stopped. */
function load(perSecond) {
  let running = true;
  let sent = 0;
  const started = Date.now();
  const done = (async () => {
    while (running) {
      const due = Math.floor(((Date.now() - started) / 1000) * perSecond) - sent;
      if (due > 0) {
        sent += due;
        publisher.publish(topics.exposures, noise(due)).catch((err) => logger.error({ err }, 'publish failed'));
      }
      await sleep(10);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { sent, seconds: (Date.now() - started) / 1000 };
    },
  };
}

const api = (key) => fetch(`http://127.0.0.1:${keysApi.port}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);

console.log(`policy bench: ${partitions} partitions; burst ${burst}; sustained ${rate}/s for ${seconds}s; ${leaks} leaks under ${latencyRate}/s`);
await publisher.publish(topics.exposures, noise(10)); // warm up producer, consumer and connections
while ((await lag()) > 0) await sleep(100);

// 1. Drain rate: what the consumer + database absorb when the work is there.
{
  const before = await store.collections.findings.countDocuments();
  const t0 = performance.now();
  for (let i = 0; i < burst; i += 1000) await publisher.publish(topics.exposures, noise(Math.min(1000, burst - i)));
  const published = performance.now() - t0;
  while ((await lag()) > 0) await sleep(200);
  const drained = performance.now() - t0;
  const stored = (await store.collections.findings.countDocuments()) - before;
  console.log(
    `drain: ${burst} exposures published in ${(published / 1000).toFixed(1)} s; consumed and ${stored} findings written after ${(drained / 1000).toFixed(1)} s = ${(burst / (drained / 1000)).toFixed(0)} exposures/s into the database`,
  );
}

// 2. Sustained offered load: does the consumer lag grow?
{
  const background = load(rate);
  const lags = [];
  for (let s = 0; s < seconds; s++) {
    await sleep(1000);
    lags.push(await lag());
  }
  const sent = await background.stop();
  console.log(
    `sustained: offered ${(sent.sent / sent.seconds).toFixed(0)} exposures/s for ${sent.seconds.toFixed(0)} s; consumer lag each second: ${lags.join(' ')}`,
  );
  const t0 = performance.now();
  while ((await lag()) > 0) await sleep(200);
  console.log(`           backlog cleared ${((performance.now() - t0) / 1000).toFixed(1)} s after the load stopped`);
}

// 3. Exposure → refusal latency under a steady background load.
{
  const background = load(latencyRate);
  await sleep(2000);
  const latencies = [];
  let refusedLate = 0;
  // One leak at a time (closed loop): the probe itself adds little load to what it measures.
  for (const key of live) {
    if ((await api(key.raw)) !== 200) throw new Error('a live key was refused before its leak');
    const e = exposure(key.doc.hash, key.doc.preview);
    const t0 = performance.now();
    await publisher.publish(topics.exposures, [{ key: key.doc.hash, value: e }]);
    for (;;) {
      if ((await api(key.raw)) === 401) {
        latencies.push(performance.now() - t0);
        break;
      }
      if (performance.now() - t0 > 60_000) {
        refusedLate += 1;
        break;
      }
      await sleep(pollMs);
    }
    await sleep(leakEveryMs);
  }
  const sent = await background.stop();
  latencies.sort((a, b) => a - b);
  console.log(
    `exposure → refusal under ${(sent.sent / sent.seconds).toFixed(0)} exposures/s (ms, n=${latencies.length}${refusedLate ? `, ${refusedLate} not refused within 60 s` : ''}): p50 ${pct(latencies, 50).toFixed(0)}  p95 ${pct(latencies, 95).toFixed(0)}  p99 ${pct(latencies, 99).toFixed(0)}  max ${latencies.at(-1).toFixed(0)}`,
  );
  const revoked = await store.collections.apiKeys.countDocuments({ status: 'revoked', 'revocation.reason': 'exposure_auto' });
  console.log(`revoked live keys: ${revoked}/${leaks}`);
}

await admin.disconnect();
await publisher.disconnect();
await policy.stop();
await keysApi.stop();
await store.db.dropDatabase();
await store.close();
process.exit(0);
