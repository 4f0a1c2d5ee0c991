#!/usr/bin/env node
// Store benchmark (issue 11): policy exposures/s on the one-writer store and on one that takes
// concurrent writers. Prints numbers, asserts nothing. Not part of `npm test`.
//
//   npm run bench:store      (starts Kafka, FerretDB on SQLite and FerretDB on PostgreSQL)
//
// For each store, a policy (started in this process from its build, fresh database and topics,
// 6 partitions) drains BENCH_EXPOSURES exposures (default 10000) published at once, of which
// BENCH_LIVE_SHARE (default 0.1) name live keys of a team with auto-revoke on. Printed: the
// drain rate (first publish until the group has committed everything) and when the last
// revocation was finished (audit entry written, key.revoked published). Stores:
//   - FerretDB on SQLite, one writer at a time (what `npm start` runs; concurrentWriters false);
//   - FerretDB on PostgreSQL, forced to one writer (the same code path, another engine);
//   - FerretDB on PostgreSQL with concurrent writers (the multi-writer path).

import { createHash, randomBytes } from 'node:crypto';
import { createKafka, createPublisher, ensureTopics } from '@keyguard/bus';
import { issueApiKey, newId } from '@keyguard/keys';
import { createLogger } from '@keyguard/logger';
import { Config as PolicyConfig } from '@keyguard/policy/config';
import { startService as startPolicy } from '@keyguard/policy/service';
import { connectStore } from '@keyguard/store';
import { exposureMessage } from './support/exposures.mjs';

const total = Number(process.env.BENCH_EXPOSURES ?? 10_000);
const liveShare = Number(process.env.BENCH_LIVE_SHARE ?? 0.1);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const logger = createLogger({ name: 'bench-store', level: process.env.BENCH_LOG_LEVEL ?? 'warn' });
const kafka = createKafka({ brokers, clientId: 'bench-store', logger });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sha = (s) => createHash('sha256').update(s).digest('hex');
const base = (uri) => uri.replace(/\/[^/]*$/, '');

async function run(label, mongoUri, concurrentWriters) {
  const suffix = randomBytes(4).toString('hex');
  const dbName = `bench_store_${suffix}`;
  const topics = { exposures: `bench.store.exposures.${suffix}`, keyEvents: `bench.store.key-events.${suffix}` };
  const groupId = `bench-store-${suffix}`;
  await ensureTopics(kafka, [{ topic: topics.exposures }, { topic: topics.keyEvents }]);
  const uri = `${base(mongoUri)}/${dbName}`;
  const store = await connectStore({ uri, logger });
  // Settings as policy reads them from the environment, parsed by its own schema.
  const policy = await startPolicy(
    PolicyConfig.parse({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: brokers.join(','),
      MONGODB_URI: uri,
      MONGODB_CONCURRENT_WRITERS: String(concurrentWriters),
      SWEEP_INTERVAL_MS: '60000',
    }),
    { logger, topics, groupId, sweeper: false },
  );
  const teamId = newId('team');
  const now = new Date();
  await store.collections.teams.insertOne({
    _id: teamId,
    name: 'bench',
    settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: true },
    createdAt: now,
    updatedAt: now,
  });
  const owner = { _id: newId('usr'), teamId, email: `bench-${suffix}@example.test`, name: 'Bench owner', role: 'member', createdAt: now };
  await store.collections.users.insertOne(owner);
  const liveCount = Math.round(total * liveShare);
  const live = Array.from({ length: liveCount }, (_, i) => {
    const m = issueApiKey();
    return {
      _id: newId('key'),
      hash: m.hash,
      preview: m.preview,
      name: `bench ${i}`,
      teamId,
      createdBy: owner._id,
      createdAt: now,
      expiresAt: null,
      lastUsedAt: null,
      status: 'enabled',
      revokedAt: null,
      revocation: null,
      exposure: null,
    };
  });
  for (let i = 0; i < live.length; i += 500) await store.collections.apiKeys.insertMany(live.slice(i, i + 500));

  const messages = [];
  for (let i = 0; i < total; i++) {
    const hash = i % Math.round(1 / liveShare) === 0 && live.length > 0 ? live[(i / Math.round(1 / liveShare)) % live.length].hash : sha(randomBytes(16));
    messages.push(exposureMessage({ tokenHash: hash, place: i, ruleId: 'postman-api-key', redacted: 'PMAK-…0000' }));
  }
  const publisher = createPublisher(kafka, { logger, lingerMs: 2 });
  const admin = kafka.admin();
  await admin.connect();
  const lag = async () => {
    const [committed, latest] = await Promise.all([admin.fetchOffsets({ groupId, topics: [topics.exposures] }), admin.fetchTopicOffsets(topics.exposures)]);
    const done = new Map(committed[0].partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? 0 : p.offset)]));
    return latest.reduce((sum, p) => sum + Number(BigInt(p.high) - (done.get(p.partition) ?? 0n)), 0);
  };

  const t0 = performance.now();
  for (let i = 0; i < messages.length; i += 1000) await publisher.publish(topics.exposures, messages.slice(i, i + 1000));
  while ((await lag()) > 0) await sleep(100);
  const drained = performance.now() - t0;
  while ((await store.collections.auditLog.countDocuments({ teamId, action: 'key.revoked' })) < live.length) await sleep(200);
  const finished = performance.now() - t0;
  const revoked = await store.collections.apiKeys.countDocuments({ teamId, status: 'revoked' });
  console.log(
    `| ${label.padEnd(44)} | ${String(Math.round(total / (drained / 1000))).padStart(11)} | ${(finished / 1000).toFixed(1).padStart(13)} s | ${`${revoked}/${live.length}`.padStart(9)} |`,
  );
  await admin.disconnect();
  await publisher.disconnect();
  await policy.stop();
  await store.db.dropDatabase();
  await store.close();
}

if (!process.env.MONGODB_PG_URI) console.log('(no MONGODB_PG_URI: PostgreSQL is not installed; only the SQLite row)');
console.log(`store bench: policy drains ${total} exposures (${Math.round(liveShare * 100)} % live keys, auto-revoke on), 6 partitions`);
console.log(`| ${'store'.padEnd(44)} | exposures/s | all revoked in | revoked   |`);
console.log(`|${'-'.repeat(46)}|-------------|-----------------|-----------|`);
await run('FerretDB on SQLite, one writer (npm start)', process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/', 'false');
if (process.env.MONGODB_PG_URI) {
  await run('FerretDB on PostgreSQL, one writer', process.env.MONGODB_PG_URI, 'false');
  await run('FerretDB on PostgreSQL, concurrent writers', process.env.MONGODB_PG_URI, 'true');
}
process.exit(0);
