#!/usr/bin/env node
// Scale-out benchmark (issue 11): prints numbers, asserts nothing. Not part of `npm test`.
//
//   npm run bench:scale
//
// On the chaos suite's own one-broker stack (test/chaos/stack.mjs: every service a separate
// process; topics of 6 partitions), twice — one process per consumer group, then three policy,
// three notifier and two workers of each ingest service (github, gitlab, postman):
//   1. burst: BENCH_KEYS (default 600) live keys of an auto-revoking team leaked through
//      postman-ingest as fast as 32 concurrent senders go; printed: leaks acknowledged/s,
//      keys revoked/s (policy) and emails/s (notifier), each from the first leak to its last;
//   2. (scaled only) a steady BENCH_STEADY_RATE (100) leaks/s for BENCH_STEADY_SECONDS (20), one
//      policy killed with -9 at 35 % of it: the
//      longest pause between two revocations before and after the kill, and when the
//      survivors took over its partitions.
import { randomBytes } from 'node:crypto';
import { issueApiKey, newId } from '@keyguard/keys';
import { createLogger } from '@keyguard/logger';
import { connectStore } from '@keyguard/store';
import { signedPostmanLeak } from '../../infra/lib/postman-event.mjs';
import { startChaosStack } from '../chaos/stack.mjs';

const keysPerRun = Number(process.env.BENCH_KEYS ?? 600);
// The steady phase: BENCH_STEADY_RATE leaks/s for BENCH_STEADY_SECONDS (a busy machine: fewer).
const steadyRate = Number(process.env.BENCH_STEADY_RATE ?? 100);
const steadySeconds = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
const basePort = Number(process.env.KEYGUARD_CHAOS_PORT ?? 29100) + 100;
const logger = createLogger({ name: 'bench-scale', level: 'silent' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quiet = () => {};

async function prepare(stack, instances, count) {
  const dbName = `scale_${randomBytes(3).toString('hex')}`;
  await stack.startServices(dbName, instances);
  const store = await connectStore({ uri: stack.mongoUri(dbName), logger, ensureIndexes: false });
  await store.collections.teams.updateOne({ _id: 'team_default' }, { $set: { 'settings.autoRevokeExposed': true } });
  const owner = {
    _id: newId('usr'),
    teamId: 'team_default',
    email: `owner-${dbName}@example.test`,
    name: 'Scale owner',
    role: 'member',
    createdAt: new Date(),
  };
  await store.collections.users.insertOne(owner);
  const keys = Array.from({ length: count }, (_, i) => {
    const m = issueApiKey();
    return {
      raw: m.raw,
      doc: {
        _id: newId('key'),
        hash: m.hash,
        preview: m.preview,
        name: `scale ${i}`,
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
  for (let i = 0; i < keys.length; i += 500) await store.collections.apiKeys.insertMany(keys.slice(i, i + 500).map((k) => k.doc));
  const leak = async (key) => {
    const { body, headers } = signedPostmanLeak(key.raw, stack.secrets.POSTMAN_WEBHOOK_SECRET);
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${stack.service('postman-ingest').port}/webhooks/postman`, { method: 'POST', headers, body }).then(
        async (r) => (await r.arrayBuffer()) && r.ok,
        () => false,
      );
      if (ok) return Date.now();
      await sleep(100);
    }
  };
  const mails = () =>
    fetch(`${stack.smtpHttp}/messages`)
      .then((r) => r.json())
      .then(
        (all) => all.filter((m) => m.envelope.to.includes(owner.email)),
        () => [],
      );
  return { store, owner, keys, leak, mails };
}

async function burst(stack, label, instances) {
  const { store, owner, keys, leak, mails } = await prepare(stack, instances, keysPerRun);
  const t0 = Date.now();
  let next = 0;
  let lastAck = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < keys.length) lastAck = Math.max(lastAck, await leak(keys[next++]));
    }),
  );
  for (;;) {
    const [revoked, emailed] = await Promise.all([
      store.collections.apiKeys.countDocuments({ createdBy: owner._id, status: 'revoked' }),
      mails().then((m) => new Set(m.map((x) => x.messageId)).size),
    ]);
    if (revoked === keys.length && emailed === keys.length) break;
    await sleep(250);
  }
  const docs = await store.collections.apiKeys.find({ createdBy: owner._id }, { projection: { revokedAt: 1 } }).toArray();
  const lastRevoked = Math.max(...docs.map((d) => d.revokedAt.getTime()));
  const lastEmail = Math.max(...(await mails()).map((m) => Date.parse(m.receivedAt)));
  const perSecond = (until) => Math.round(keys.length / ((until - t0) / 1000));
  console.log(
    `| ${label.padEnd(58)} | ${String(perSecond(lastAck)).padStart(10)} | ${String(perSecond(lastRevoked)).padStart(9)} | ${String(perSecond(lastEmail)).padStart(8)} |`,
  );
  await store.close();
  await stack.stopServices();
}

async function killGap(stack, instances) {
  const { store, owner, keys, leak } = await prepare(stack, instances, steadyRate * steadySeconds);
  const t0 = Date.now();
  const sends = [];
  let killedAt = 0;
  for (let i = 0; i < keys.length && Date.now() - t0 < steadySeconds * 1000; i++) {
    const due = t0 + (i * 1000) / steadyRate;
    if (due > Date.now()) await sleep(due - Date.now());
    sends.push(leak(keys[i]));
    if (!killedAt && Date.now() - t0 >= steadySeconds * 350) {
      killedAt = Date.now();
      stack.killService('policy#2');
    }
  }
  const sent = sends.length;
  await Promise.all(sends);
  for (;;) {
    if ((await store.collections.apiKeys.countDocuments({ createdBy: owner._id, status: 'revoked' })) >= sent) break;
    await sleep(250);
  }
  const times = (await store.collections.apiKeys.find({ createdBy: owner._id, status: 'revoked' }, { projection: { revokedAt: 1 } }).toArray())
    .map((d) => d.revokedAt.getTime())
    .sort((a, b) => a - b);
  const gap = (from, to) => times.reduce((worst, t, i) => (i > 0 && t >= from && t <= to ? Math.max(worst, t - times[i - 1]) : worst), 0);
  console.log(
    `kill -9 one of three policies under ${steadyRate} leaks/s: longest pause between revocations ${gap(t0, killedAt)} ms before the kill, ${gap(killedAt, Infinity)} ms after it; all ${sent} keys revoked ${((times.at(-1) - killedAt) / 1000).toFixed(1)} s after the kill`,
  );
  await store.close();
  await stack.stopServices();
}

const stack = await startChaosStack({ brokers: 1, basePort, log: quiet });
try {
  const scaled = { policy: 3, notifier: 3, 'github-ingest-worker': 2, 'gitlab-ingest-worker': 2, 'postman-ingest-worker': 2 };
  console.log(`scale bench: ${keysPerRun} leaks per run, every service a process, 6 partitions, one broker, FerretDB on SQLite, 2 cores`);
  console.log(`| ${'processes'.padEnd(58)} | acked/s    | revoked/s | emails/s |`);
  console.log(`|${'-'.repeat(60)}|------------|-----------|----------|`);
  await burst(stack, '1 policy, 1 notifier, postman-ingest with its worker', {});
  await burst(stack, '3 policy, 3 notifier, 2 workers per ingest service', scaled);
  await killGap(stack, scaled);
} finally {
  await stack.stop();
}
process.exit(0);
