#!/usr/bin/env node
// Verification benchmark (issue 9): prints numbers beside their goals, asserts nothing. Not
// part of `npm test`. `npm run bench:verify` builds, starts the engines and runs this.
//
// Against the running engines (KAFKA_BROKERS, MONGODB_URI; fresh topics and database):
//   0. BENCH_KEYS key states (default 1,000,000) written to a fresh compacted key-state topic;
//      three verifier processes (test/bench/verify-process.mjs) load it; each reports its load
//      time and the memory the table took (after a full GC).
//   1. in-process verify of a cached key in verifier 1: p50/p99 of single calls, and
//      verifications/s of one thread (one core).
//   2. HTTP verify against POST /api/v1/keys/verify of one keys-api process
//      (test/bench/keys-api-process.mjs; its own verifier holds the same table) with a service
//      token, half known and half unknown keys: the most it serves (BENCH_CONNECTIONS in a closed
//      loop), then a constant 10,000 and 1,000 req/s offered; and known vs unknown keys alone,
//      side by side (timing must not tell them apart). The load comes from oha in its own
//      processes (one per distinct request, sharing the connections and the rate; installed with
//      `cargo install` when missing; test/bench/support/http-load.mjs), else vegeta, else
//      autocannon in this one (BENCH_LOADGEN=oha|vegeta|autocannon chooses); each row prints
//      keys-api's CPU per request (user + system) and the load generator's. keys-api answers the
//      route below Fastify (its hot path); beside it, in the same run: a second keys-api with
//      VERIFY_FAST_PATH=false (the Fastify route), and two peers with a fixed answer — bare
//      Fastify (support/bare-fastify-process.mjs) and bare node:http (support/bare-http-process.mjs,
//      the ceiling of a route served below Fastify). Before its rows, each keys-api and the
//      verifiers are left to settle (10 s in a row nearly idle, printed): what loading a million
//      records leaves behind — V8 collecting the load's garbage and shrinking the heap — is no
//      part of what the rows measure.
//   3. propagation: BENCH_REVOCATIONS keys (200) revoked one at a time through keys-api; the
//      clock runs from sending the revoke until each of the three verifier processes refuses
//      the key (each polls every millisecond). p50/p99/max per process.
//   4. end to end: under BENCH_BACKGROUND exposures/s of background load (1,000), BENCH_LEAKS
//      live keys (100) each leaked in a signed Postman webhook to postman-ingest; the clock runs
//      until sample-api (its own process, verifying in-process) answers 401 (polled every 10 ms).
//   5. usage: BENCH_USAGE_RATE verifications/s (50,000) across the three verifiers over
//      BENCH_USAGE_KEYS keys (200) for BENCH_USAGE_SECONDS (10): the shortest gap between two usage
//      messages of one key from one verifier, and every key's lastUsedAt against the last
//      verification the verifiers saw (waiting for keys-api's consumer to catch up: FerretDB
//      takes updates one at a time).
//
// Environment: the counts above, BENCH_CONNECTIONS (32), BENCH_SECONDS (10 per HTTP run),
// BENCH_PHASES (all: "micro,http,propagation,e2e,usage"), BENCH_E2E_GIVE_UP_MS (15,000: a leak not
// refused by then counts as late; three late in a row end the engine's run), BENCH_LOG_LEVEL (warn), BENCH_PROFILE (a
// directory: keys-api writes a V8 CPU profile there).

import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createKafka, createPublisher, ensureTopics } from '@keyguard/bus';
import { KeyUsed, TopicConfigs, Topics } from '@keyguard/events';
import { createKeyStatePublisher, issueApiKey, newId } from '@keyguard/keys';
import { createLogger } from '@keyguard/logger';
import { Config as PolicyConfig } from '@keyguard/policy/config';
import { startService as startPolicy } from '@keyguard/policy/service';
import { startService as startPostmanIngest } from '@keyguard/postman-ingest/service';
import { connectStore } from '@keyguard/store';
import { exposureMessage } from './support/exposures.mjs';
import { createLoadGenerator } from './support/http-load.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const totalKeys = env('BENCH_KEYS', 1_000_000);
const revocations = env('BENCH_REVOCATIONS', 200);
const leaks = env('BENCH_LEAKS', 100);
const background = env('BENCH_BACKGROUND', 1000);
const usageRate = env('BENCH_USAGE_RATE', 50_000);
const usageKeys = env('BENCH_USAGE_KEYS', 200);
const usageSeconds = env('BENCH_USAGE_SECONDS', 10);
const connections = env('BENCH_CONNECTIONS', 32);
const httpSeconds = env('BENCH_SECONDS', 10);
const giveUpMs = env('BENCH_E2E_GIVE_UP_MS', 15_000);
const phases = new Set((process.env.BENCH_PHASES ?? 'micro,http,propagation,e2e,usage').split(','));
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoBase = (process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/').replace(/\/[^/]*$/, '');
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
/**
 * BENCH_SERVER_CPU=<n>: the HTTP servers under test (keys-api, its Fastify-route twin, the bare
 * peers) run on CPU n alone, as a keys-api process has its own core in production. Start the
 * bench itself on the other CPUs (`taskset -c 0 env BENCH_SERVER_CPU=1 …`) so that the engines,
 * the verifiers and the load generator stay off it.
 */
const serverCpu = process.env.BENCH_SERVER_CPU;
/** `spawn` arguments for a server under test: through taskset (which execs it: same pid) when pinned. */
const serverCommand = (args) => (serverCpu === undefined ? [process.execPath, args] : ['taskset', ['-c', serverCpu, process.execPath, ...args]]);
const allowedCpus = (pid) => /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '?';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const keysApiFlags = JSON.parse(readFileSync(join(root, 'services/keys-api/package.json'), 'utf8')).keyguard.nodeFlags ?? [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sha = (s) => createHash('sha256').update(s).digest('hex');
const suffix = randomBytes(4).toString('hex');
const logger = createLogger({ name: 'bench-verify', level: logLevel });
/** CPU seconds a process has used so far, user and system (Linux /proc; clock ticks of 1/100 s). */
const cpuTimes = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
};
/**
 * The machine's CPU time so far, and how much of it the hypervisor gave to other guests
 * ("steal", /proc/stat): a virtual CPU that is stolen for a few ms stalls whatever runs on it,
 * which no server-side change can hide from a p99.
 */
const machineTicks = () => {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: ticks.reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 };
};
const stolenPercent = (before, after) => (100 * (after.steal - before.steal)) / Math.max(1, after.total - before.total);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const progress = (what) => process.stderr.write(`[bench] ${what}\n`);
const line = (what, measured, goal) => console.log(`  ${what.padEnd(58)} ${String(measured).padEnd(34)} goal: ${goal}`);

const topics = {
  keyState: `bench.key-state.${suffix}`,
  keyUsage: `bench.key-usage.${suffix}`,
  keyEvents: `bench.key-events.${suffix}`,
  exposures: `bench.exposures.${suffix}`,
  sourceEvents: `bench.source-events.${suffix}`,
};
const dbName = `bench_verify_${suffix}`;
const mongoUri = `${mongoBase}/${dbName}`;
const stateDir = mkdtempSync(join(tmpdir(), 'keyguard-bench-verify-'));
const kafka = createKafka({ brokers, clientId: 'bench-verify', logger });
await ensureTopics(kafka, [
  { topic: topics.keyState, config: TopicConfigs[Topics.keyState] },
  { topic: topics.keyUsage },
  { topic: topics.keyEvents },
  { topic: topics.exposures },
  { topic: topics.sourceEvents },
  { topic: Topics.dlq },
]);
const publisher = createPublisher(kafka, { logger, lingerMs: 2, maxBatchMessages: 2000 });
const store = await connectStore({ uri: mongoUri, logger });
const children = [];
const stops = [];
// However the bench ends, its child processes end with it.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

console.log(
  `verify bench: ${fmt(totalKeys)} keys; ${revocations} revocations; ${leaks} leaks under ${fmt(background)} exposures/s; usage ${fmt(usageRate)}/s over ${usageKeys} keys for ${usageSeconds} s; ${connections} HTTP connections`,
);

// ---- 0. a million key states, straight onto the topic (what keys-api would have published) ----
const adminKey = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
const sample = [];
{
  const t0 = performance.now();
  const changedAt = new Date().toISOString();
  const owners = 1000;
  let inFlight = [];
  for (let i = 0; i < totalKeys; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(totalKeys, i + 1000); j++) {
      const raw = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
      if (sample.length < 1000 && j % 997 === 0) sample.push(raw);
      const owner = j % owners;
      batch.push({
        key: sha(raw),
        value: {
          keyId: `key_bulk${j.toString(16).padStart(12, '0')}`,
          teamId: 'team_default',
          ownerId: `usr_bulk${owner}`,
          ownerEmail: `owner${owner}@example.test`,
          status: 'enabled',
          expiresAt: null,
          exposed: false,
          version: 1,
          changedAt,
        },
      });
    }
    inFlight.push(publisher.publish(topics.keyState, batch));
    if (inFlight.length >= 8) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  console.log(`\nwrote ${fmt(totalKeys)} key states in ${fmt((performance.now() - t0) / 1000, 1)} s`);
}

// ---- the three verifier processes ----
function startVerifier(name) {
  const child = spawn(process.execPath, ['--expose-gc', here('./verify-process.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      BENCH_LOG_LEVEL: logLevel,
      BENCH_VERIFIER: JSON.stringify({ name, brokers, topic: topics.keyState, usageTopic: topics.keyUsage, revokedFile: join(stateDir, `${name}.revoked`) }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const waiters = new Map();
  const refused = new Map();
  child.on('message', (m) => {
    if (m.type === 'refused') refused.get(m.id)?.(m.at);
    else waiters.get(m.type)?.(m);
  });
  const next = (type) => new Promise((resolve) => waiters.set(type, resolve));
  return {
    name,
    child,
    ready: next('ready'),
    ask: (message, answer) => {
      const reply = next(answer);
      child.send(message);
      return reply;
    },
    watch: (id, key) =>
      new Promise((resolve) => {
        refused.set(id, resolve);
        child.send({ type: 'watch', id, key });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

const verifiers = ['verifier-1', 'verifier-2', 'verifier-3'].map(startVerifier);
const loaded = await Promise.all(verifiers.map((v) => v.ready));
console.log(`\n0. ${fmt(totalKeys)} keys in each of three verifier processes`);
for (const [i, r] of loaded.entries()) {
  line(
    `verifier ${i + 1}: loaded ${fmt(r.keys)} keys in ${fmt(r.loadMs / 1000, 1)} s; table memory`,
    `${fmt(r.memory.heapMB + r.memory.arrayBuffersMB, 1)} MB (heap ${fmt(r.memory.heapMB, 1)} + arrays ${fmt(r.memory.arrayBuffersMB, 1)}; RSS ${fmt(r.memory.rssMB)} MB)`,
    '< 250 MB for 1,000,000 keys',
  );
}

// ---- 1. in-process verification of cached keys ----
if (phases.has('micro')) {
  const micro = await verifiers[0].ask({ type: 'micro', keys: sample, calls: 1_000_000, seconds: 5 }, 'micro');
  console.log('\n1. in-process verify of a cached key (verifier 1, one thread)');
  line('latency of one verify()', `p50 ${fmt(micro.p50Ns / 1000, 2)} µs, p99 ${fmt(micro.p99Ns / 1000, 2)} µs`, 'p99 < 20 µs');
  line('verifications/s on one core', `${fmt(micro.perSecond)}${micro.allValid ? '' : ' (NOT all valid!)'}`, '≥ 300,000');
}

// ---- keys-api (own process), policy and postman-ingest (this process) ----
/** A keys-api process on the bench's database and topics; `fastPath: false` leaves POST /keys/verify to its Fastify route. */
const startKeysApi = ({ fastPath = true, profile = false } = {}) =>
  new Promise((resolve, reject) => {
    // BENCH_PROFILE=<dir>: keys-api writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
    const profiling = profile && process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    // The V8 flags keys-api runs with everywhere (its package.json's keyguard.nodeFlags).
    const child = spawn(...serverCommand([...profiling, ...keysApiFlags, here('./keys-api-process.mjs')]), {
      cwd: root,
      env: {
        ...process.env,
        BENCH_LOG_LEVEL: logLevel,
        BENCH_SERVICE: JSON.stringify({
          brokers,
          mongoUri,
          adminKey,
          fastPath,
          topics: { keyEvents: topics.keyEvents, keyState: topics.keyState, keyUsage: topics.keyUsage },
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    child.once('exit', (code) => reject(new Error(`keys-api exited (${code})`)));
    createInterface({ input: child.stdout }).once('line', (l) => resolve({ child, url: `http://127.0.0.1:${JSON.parse(l).port}` }));
  });
const keysApi = await startKeysApi({ profile: true });
const api = async (method, path, body, key = adminKey, at = keysApi) => {
  const res = await fetch(`${at.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};
const { token } = (await api('POST', '/service-tokens', { name: 'bench', scopes: ['keys:verify'] })).body;
progress('keys-api started');
/** keys-api's own verifier has loaded the table once a bulk key verifies. */
const tableLoaded = async (at) => {
  for (;;) {
    const r = await api('POST', '/keys/verify', { key: sample[0] }, token, at);
    if (r.body?.code === 'VALID') return;
    await sleep(500);
  }
};
await tableLoaded(keysApi);
/**
 * Waits until each of `pids` has been quiet (under 15 % of a core; following Kafka costs an idle
 * one 3-7 %) for 10 s in a row, at most 90 s, and says how long that took: loading a million
 * records leaves work behind in each process (V8 collects the load's garbage and, some 8 s after
 * a process quiets down, shrinks its heap with a few full GCs) that is no part of what the HTTP
 * rows measure.
 */
const settle = async (pids) => {
  const t0 = performance.now();
  const busy = () =>
    pids.map((pid) => {
      const { user, system } = cpuTimes(pid);
      return user + system;
    });
  let quiet = 0;
  let last = busy();
  while (quiet < 10 && performance.now() - t0 < 90_000) {
    await sleep(1000);
    const now = busy();
    quiet = now.every((seconds, i) => seconds - last[i] < 0.15) ? quiet + 1 : 0;
    last = now;
  }
  return `waited ${fmt((performance.now() - t0) / 1000)} s until quiet (10 s in a row each under 15 % of a core)${quiet < 10 ? ' — gave up, still busy' : ''}`;
};

// ---- 2. HTTP verification ----
if (phases.has('http')) {
  const unknown = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
  const request = (key) => ({
    method: 'POST',
    path: '/api/v1/keys/verify',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  const loadGenerator = createLoadGenerator({ progress });
  // The machine is shared: besides req/s, the CPU keys-api used per request (user + system), the
  // load generator's own CPU, and the load average.
  const run = async ({ at = keysApi, ...opts }) => {
    const before = cpuTimes(at.child.pid);
    const machineBefore = machineTicks();
    const result = await loadGenerator.run({ url: at.url, connections, seconds: httpSeconds, rate: 0, ...opts });
    const after = cpuTimes(at.child.pid);
    const perRequest = (s) => (s * 1e6) / Math.max(1, result.total);
    return {
      ...result,
      stolen: stolenPercent(machineBefore, machineTicks()),
      cpuUs: perRequest(after.user + after.system - before.user - before.system),
      userUs: perRequest(after.user - before.user),
      systemUs: perRequest(after.system - before.system),
      generatorUs: perRequest(result.cpuSeconds),
    };
  };
  const cpuText = (r) =>
    `${fmt(r.cpuUs)} µs (user ${fmt(r.userUs)} + system ${fmt(r.systemUs)}); load generator ${fmt(r.generatorUs)} µs; CPU stolen by the host ${fmt(r.stolen, 1)} %`;
  const both = [request(sample[1]), request(unknown)];
  const settled = await settle([keysApi.child.pid, ...verifiers.map((v) => v.child.pid)]);
  console.log(
    `\n2. HTTP POST /api/v1/keys/verify, one keys-api process, ${httpSeconds} s per row; load generator: ${loadGenerator.name}; load average ${load()}`,
  );
  console.log(`  (keys-api and the three verifiers after loading the table: ${settled})`);
  if (serverCpu !== undefined) {
    console.log(
      `  (pinned: the server under test on CPU ${allowedCpus(keysApi.child.pid)}; this bench and what it starts, the load generator included, on CPU ${allowedCpus(process.pid)})`,
    );
  }
  await run({ seconds: 2, requests: [request(sample[1])] }); // warm-up
  const max = await run({ requests: both });
  line(
    `as fast as it goes (${connections} connections; half known, half unknown keys)`,
    `${fmt(max.served)} req/s, p50 ${fmt(max.p50Ms, 2)} ms, p99 ${fmt(max.p99Ms, 2)} ms`,
    '≥ 10,000 req/s',
  );
  line('  … CPU per request: keys-api; load generator', cpuText(max), 'keys-api ≤ ~50 µs');
  for (const rate of [10_000, 1000]) {
    const fixed = await run({ requests: both, rate });
    line(
      `offered a constant ${fmt(rate)} req/s`,
      `${fmt(fixed.served)} req/s served, p50 ${fmt(fixed.p50Ms, 2)} ms, p99 ${fmt(fixed.p99Ms, 2)} ms`,
      `p99 < 5 ms${rate === 10_000 ? ' at 10,000 req/s' : ''}`,
    );
    line('  … CPU per request: keys-api; load generator', cpuText(fixed), '');
    if (fixed.non2xx) line('  … of which not 200', fmt(fixed.non2xx), '0');
  }
  // One request (a known key; an unknown one costs the same work): oha sends it from one process
  // over every connection, where two requests take two processes with half the connections each.
  const single = await run({ requests: [request(sample[1])], rate: 10_000 });
  line(
    'offered a constant 10,000 req/s, one known key (one load generator process)',
    `${fmt(single.served)} req/s served, p50 ${fmt(single.p50Ms, 2)} ms, p99 ${fmt(single.p99Ms, 2)} ms`,
    'p99 < 5 ms at 10,000 req/s',
  );
  line('  … CPU per request: keys-api; load generator', cpuText(single), '');
  if (max.non2xx) line('  (flat out: not 200)', fmt(max.non2xx), '0');
  // The same keys-api with the route answered by Fastify (VERIFY_FAST_PATH=false): what the hot path saves.
  const reference = await startKeysApi({ fastPath: false });
  await tableLoaded(reference);
  console.log(`  (the second keys-api after loading the table: ${await settle([reference.child.pid])})`);
  for (const rate of [0, 10_000]) {
    const r = await run({ at: reference, requests: both, rate });
    line(
      `keys-api, VERIFY_FAST_PATH=false (Fastify route; ${rate ? `offered ${fmt(rate)} req/s` : 'flat out'})`,
      `${fmt(r.served)} req/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms`,
      '(before the hot path)',
    );
    line('  … CPU per request: keys-api; load generator', cpuText(r), '');
  }
  reference.child.removeAllListeners('exit');
  reference.child.kill('SIGTERM');
  // The peers, measured the same way, now: the same Fastify with none of keys-api's work, and a
  // bare node:http server (the ceiling of keys-api's hot path, which answers below Fastify).
  const peers = [
    ['bare Fastify, same route and body, fixed answer', './support/bare-fastify-process.mjs', '(what the Fastify route is built on)'],
    ['bare node:http, same body, fixed answer', './support/bare-http-process.mjs', "(the ceiling of keys-api's hot path)"],
  ];
  for (const [name, script, goal] of peers) {
    const peer = await new Promise((resolve, reject) => {
      const child = spawn(...serverCommand([here(script)]), { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
      createInterface({ input: child.stdout }).once('line', (l) => resolve({ child, url: `http://127.0.0.1:${JSON.parse(l).port}` }));
    });
    for (const rate of [0, 10_000]) {
      const r = await run({ at: peer, requests: both, rate });
      line(
        `peer: ${name} (${rate ? `offered ${fmt(rate)} req/s` : 'flat out'})`,
        `${fmt(r.served)} req/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms; ${fmt(r.cpuUs)} µs CPU/req; load generator ${fmt(r.generatorUs)} µs; stolen ${fmt(r.stolen, 1)} %`,
        goal,
      );
    }
    peer.child.removeAllListeners('exit');
    peer.child.kill('SIGTERM');
  }
  console.log(`  (load average after the HTTP runs: ${load()})`);
  const known = await run({ requests: [request(sample[2])], connections: 8, seconds: 5, rate: 2000 });
  const absent = await run({ requests: [request(unknown)], connections: 8, seconds: 5, rate: 2000 });
  line(
    'a known key vs an unknown key (2,000 req/s, 5 s each)',
    `p50 ${fmt(known.p50Ms, 2)} vs ${fmt(absent.p50Ms, 2)} ms, p99 ${fmt(known.p99Ms, 2)} vs ${fmt(absent.p99Ms, 2)} ms`,
    'no difference (same work)',
  );
}

// ---- 3. propagation to three verifier processes ----
// Keys to revoke or leak: written straight to MongoDB and their states onto the topic in one
// batch (creating hundreds through POST /keys one by one only measures FerretDB's writes).
const keyState = createKeyStatePublisher({ store, publisher, logger, topic: topics.keyState });
const keysOf = async (n, name, into = store) => {
  const me = (await api('GET', '/me')).body;
  const made = Array.from({ length: n }, (_, i) => {
    const m = issueApiKey();
    return {
      raw: m.raw,
      doc: {
        _id: newId('key'),
        hash: m.hash,
        preview: m.preview,
        name: `${name} ${i}`,
        teamId: 'team_default',
        createdBy: me.id,
        createdAt: new Date(),
        expiresAt: null,
        lastUsedAt: null,
        status: 'enabled',
        revokedAt: null,
        revocation: null,
        exposure: null,
        stateVersion: 1,
        stateChangedAt: new Date(),
      },
    };
  });
  await into.collections.apiKeys.insertMany(made.map((k) => k.doc));
  await keyState.publish(made.map((k) => k.doc));
  return made.map((k) => ({ id: k.doc._id, raw: k.raw }));
};
if (phases.has('propagation')) {
  const keys = await keysOf(revocations, 'propagation');
  await Promise.all(verifiers.map((v) => v.ask({ type: 'await-valid', keys: keys.map((k) => k.raw) }, 'valid')));
  const latencies = verifiers.map(() => []);
  for (const key of keys) {
    const refused = verifiers.map((v) => v.watch(key.id, key.raw));
    const t0 = now();
    const revoked = await api('POST', `/keys/${key.id}/revoke`);
    if (revoked.status !== 200) throw new Error(`revoke answered ${revoked.status}`);
    const at = await Promise.all(refused);
    for (const [i, t] of at.entries()) latencies[i].push(t - t0);
    await sleep(20);
  }
  console.log(`\n3. propagation: revoke through keys-api → refused by each verifier process (${revocations} revocations, one at a time)`);
  for (const [i, l] of latencies.entries()) {
    l.sort((a, b) => a - b);
    line(`verifier ${i + 1}`, `p50 ${fmt(pct(l, 50), 1)} ms, p99 ${fmt(pct(l, 99), 1)} ms, max ${fmt(l.at(-1), 1)} ms`, 'p99 < 250 ms');
  }
}

// ---- 4. end to end: signed exposure webhook → sample-api 401, under background load ----
// Once per engine: FerretDB on SQLite (MONGODB_URI), and FerretDB on PostgreSQL (MONGODB_PG_URI,
// when \`npm run bench:verify\` could start it). policy and postman-ingest run against that engine
// (the team, its admin and the leaked keys copied there); keys-api and sample-api are shared.
if (phases.has('e2e')) {
  const sampleApi = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'services/sample-api/dist/main.js')], {
      cwd: root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        KAFKA_BROKERS: brokers.join(','),
        KEY_STATE_TOPIC: topics.keyState,
        KEY_USAGE_TOPIC: topics.keyUsage,
        VERIFY_REVOKED_FILE: join(stateDir, 'sample-api.revoked'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    child.once('exit', (code) => reject(new Error(`sample-api exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (l) => {
      try {
        const entry = JSON.parse(l);
        if (entry.msg === 'sample-api listening') resolve({ child, url: `http://127.0.0.1:${entry.port}`, opsUrl: `http://127.0.0.1:${entry.metricsPort}` });
      } catch {}
    });
  });
  for (;;) {
    const ready = await fetch(`${sampleApi.opsUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await sleep(200);
  }
  await api('PATCH', '/settings', { autoRevokeExposed: true, existingExposed: 'ignore' });
  console.log(
    `\n4. end to end: signed Postman webhook → sample-api answers 401 (${leaks} leaks, one at a time, under ${fmt(background)} exposures/s of background load)`,
  );
  progress('e2e: FerretDB/SQLite');
  await endToEnd({ engine: 'FerretDB/SQLite', engineTag: 'sqlite', uri: mongoUri, concurrentWriters: undefined, target: store, sampleApi });
  if (process.env.MONGODB_PG_URI) {
    const pgUri = `${process.env.MONGODB_PG_URI.replace(/\/[^/]*$/, '')}/${dbName}`;
    const pgStore = await connectStore({ uri: pgUri, logger, concurrentWriters: true });
    // The team (with its settings) and its users, as keys-api wrote them.
    for (const name of ['teams', 'users']) await pgStore.collections[name].insertMany(await store.collections[name].find().toArray());
    progress('e2e: FerretDB/PostgreSQL');
    try {
      await endToEnd({ engine: 'FerretDB/PostgreSQL', engineTag: 'pg', uri: pgUri, concurrentWriters: true, target: pgStore, sampleApi });
    } finally {
      await pgStore.db.dropDatabase().catch(() => {});
      await pgStore.close();
    }
  } else line('FerretDB/PostgreSQL', 'skipped: MONGODB_PG_URI not set (PostgreSQL not installed?)', 'p99 < 1 s');
}

async function endToEnd({ engine, engineTag, uri, concurrentWriters, target, sampleApi }) {
  const engineStops = [];
  // Topics of its own: another engine's policy must not start on this one's backlog.
  const own = { exposures: `${topics.exposures}.${engineTag}`, sourceEvents: `${topics.sourceEvents}.${engineTag}` };
  await ensureTopics(kafka, [{ topic: own.exposures }, { topic: own.sourceEvents }]);
  const common = { HOST: '127.0.0.1', PORT: 0, LOG_LEVEL: 'warn', KAFKA_BROKERS: brokers, MONGODB_URI: uri, MONGODB_CONCURRENT_WRITERS: concurrentWriters };
  const policy = await startPolicy(
    PolicyConfig.parse({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: brokers.join(','),
      MONGODB_URI: uri,
      ...(concurrentWriters === undefined ? {} : { MONGODB_CONCURRENT_WRITERS: String(concurrentWriters) }),
      SWEEP_INTERVAL_MS: '60000',
    }),
    {
      logger,
      topics: { exposures: own.exposures, keyEvents: topics.keyEvents, keyState: topics.keyState },
      groupId: `bench-policy-${engineTag}-${suffix}`,
      sweeper: false,
    },
  );
  engineStops.push(policy.stop);
  /** Exposures policy has handled so far (its own counter, from its /metrics). */
  const handledByPolicy = async () => {
    const text = await fetch(`http://127.0.0.1:${policy.metricsPort}/metrics`).then((r) => r.text());
    return Number(/^keyguard_policy_exposures_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
  };
  const webhookSecret = randomBytes(24).toString('hex');
  const postman = await startPostmanIngest(
    {
      ...common,
      POSTMAN_WEBHOOK_SECRET: webhookSecret,
      KEYGUARD_HASH_KEY: randomBytes(32).toString('hex'),
      POSTMAN_API_URL: 'http://127.0.0.1:9/',
      SCAN_PRIVATE: false,
      INGEST_WORKER: true,
      INGEST_RECEIVER: true,
      PUBLISH_TIMEOUT_MS: 3000,
    },
    { logger, topics: { sourceEvents: own.sourceEvents, exposures: own.exposures }, groupId: `bench-postman-${engineTag}-${suffix}` },
  );
  engineStops.push(postman.stop);
  await postman.workerReady;
  const keys = await keysOf(leaks, `leaked (${engine})`, target);
  const atSample = (raw) => fetch(`${sampleApi.url}/v1/me`, { headers: { 'x-api-key': raw } }).then((r) => r.status);
  for (const key of keys) while ((await atSample(key.raw)) !== 200) await sleep(10);
  progress(`e2e (${engine}): sample-api knows the ${keys.length} keys`);

  // Background: `background` exposures/s of secrets that are not our keys, in 10 ms slices.
  let running = true;
  let sent = 0;
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  const busyCpu = () => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / Math.max(1, sent);
  };
  const noise = (n) =>
    Array.from({ length: n }, () => {
      return exposureMessage({ tokenHash: sha(randomBytes(16)), place: sent });
    });
  const backgroundLoad = (async () => {
    while (running) {
      const due = Math.floor(((Date.now() - started) / 1000) * background) - sent;
      if (due > 0) {
        sent += due;
        publisher.publish(own.exposures, noise(due)).catch((err) => logger.error({ err }, 'publish failed'));
      }
      await sleep(10);
    }
  })();
  await sleep(2000);
  const latencies = [];
  /** Per refused leak, wall-clock ms: webhook sent, acknowledged (Kafka has it), refused at sample-api. */
  const stamps = [];
  let late = 0;
  let retried = 0;
  const handled0 = await handledByPolicy();
  let lateInARow = 0;
  for (const key of keys) {
    const before = latencies.length;
    const collectionId = randomUUID();
    const body = JSON.stringify({
      id: randomUUID(),
      type: 'collection.updated',
      occurredAt: new Date().toISOString(),
      resource: {
        type: 'collection',
        id: collectionId,
        workspaceId: 'ws-public',
        url: `https://www.postman.com/acme/ws-public/collection/${collectionId}`,
        visibility: 'public',
      },
      content: {
        collection: {
          info: { _postman_id: collectionId, name: 'Leaky', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
          auth: { type: 'apikey', apikey: [{ key: 'value', value: key.raw, type: 'string' }] },
          item: [],
        },
      },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const t0 = performance.now();
    const sentAt = Date.now();
    const send = () =>
      fetch(`http://127.0.0.1:${postman.port}/webhooks/postman`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-postman-timestamp': timestamp,
          'x-postman-signature': `sha256=${createHmac('sha256', webhookSecret).update(`${timestamp}.${body}`).digest('hex')}`,
        },
        body,
      });
    // A 503 (Kafka not ready for the event yet) is retried, as Postman redelivers; the clock keeps running.
    let res = await send();
    if (res.status === 503) retried += 1;
    for (let attempt = 1; res.status === 503 && attempt <= 20; attempt++) {
      await sleep(100);
      res = await send();
    }
    if (res.status >= 300) throw new Error(`postman-ingest answered ${res.status}`);
    const ackedAt = Date.now();
    for (;;) {
      if ((await atSample(key.raw)) === 401) {
        latencies.push(performance.now() - t0);
        stamps.push({ id: key.id, sentAt, ackedAt, refusedAt: Date.now() });
        break;
      }
      if (performance.now() - t0 > giveUpMs) {
        late += 1;
        break;
      }
      await sleep(10);
    }
    progress(
      `e2e (${engine}): ${latencies.length} of ${keys.length} refused, ${late} late; policy behind by ${fmt(sent - (await handledByPolicy()))} exposures`,
    );
    // Three late in a row: policy is not keeping up with the background load; stop waiting.
    lateInARow = latencies.length === before ? lateInARow + 1 : 0;
    if (lateInARow >= 3) break;
    await sleep(50);
  }
  running = false;
  await backgroundLoad;
  const seconds = (Date.now() - started) / 1000;
  const rate = sent / seconds;
  const handledRate = ((await handledByPolicy()) - handled0) / seconds;
  latencies.sort((a, b) => a - b);
  // A policy far behind stops only after the batch it is in; the numbers do not wait for that.
  for (const stop of engineStops.reverse()) await Promise.race([stop().catch(() => {}), sleep(10_000)]);
  line(
    `${engine}: webhook sent → 401 at sample-api`,
    latencies.length
      ? `p50 ${fmt(pct(latencies, 50))} ms, p90 ${fmt(pct(latencies, 90))} ms, p99 ${fmt(pct(latencies, 99))} ms, max ${fmt(latencies.at(-1))} ms${late ? `; ${late} not within ${fmt(giveUpMs / 1000)} s` : ''}${retried ? `; ${retried} webhooks answered 503 first` : ''}`
      : `none refused within ${fmt(giveUpMs / 1000)} s (${late} tried)${retried ? `; ${retried} webhooks answered 503 first` : ''}`,
    'p99 < 1 s',
  );
  // Where the time goes: webhook acknowledged; then postman-ingest's worker and the policy, up to
  // the revoking write (the key's revokedAt); then the key-state topic to sample-api's verifier
  // (and the bench's 10 ms polling).
  const revokedAt = new Map(
    (await target.collections.apiKeys.find({ _id: { $in: stamps.map((s) => s.id) } }, { projection: { revokedAt: 1 } }).toArray()).map((k) => [
      k._id,
      k.revokedAt?.getTime(),
    ]),
  );
  const part = (f) => stamps.flatMap((s) => (revokedAt.get(s.id) ? [f(s, revokedAt.get(s.id))] : [])).sort((a, b) => a - b);
  const parts = [
    ['webhook acknowledged', part((s) => s.ackedAt - s.sentAt)],
    ['→ revoking write (ingest worker + policy)', part((s, revoked) => revoked - s.ackedAt)],
    ['→ 401 (key-state topic, verifier, 10 ms polling)', part((s, revoked) => s.refusedAt - revoked)],
  ];

  line(`${engine}: of which`, parts.map(([name, list]) => `${name} p50 ${fmt(pct(list, 50))} ms, p99 ${fmt(pct(list, 99))} ms`).join('; '), '—');
  line(
    `${engine}: background load achieved (policy + postman-ingest + load generator: ${fmt(busyCpu(), 0)} µs CPU per exposure)`,
    `${fmt(rate)} exposures/s offered, policy handled ${fmt(handledRate)}/s; load average ${load()}`,
    '1,000 exposures/s',
  );
}

// ---- 5. usage reports: coalesced, and no lastUsedAt lost ----
if (phases.has('usage')) {
  const keys = (await keysOf(usageKeys, 'usage')).map((k) => ({ ...k, doc: { _id: k.id } }));
  progress('usage: keys written');
  await Promise.all(verifiers.map((v) => v.ask({ type: 'await-valid', keys: keys.map((k) => k.raw) }, 'valid')));
  progress('usage: verifiers know the keys');
  const before = await kafka.admin();
  await before.connect();
  const offsetsBefore = await before.fetchTopicOffsets(topics.keyUsage);
  await before.disconnect();
  const perVerifier = usageRate / verifiers.length;
  const runs = await Promise.all(
    verifiers.map((v) => v.ask({ type: 'use', keys: keys.map((k) => ({ raw: k.raw })), perSecond: perVerifier, seconds: usageSeconds }, 'used')),
  );
  progress('usage: load done');
  const verified = runs.reduce((n, r) => n + r.verified, 0);
  const expected = new Map();
  for (const r of runs) for (const [keyId, at] of Object.entries(r.last)) expected.set(keyId, Math.max(expected.get(keyId) ?? 0, at));
  // What went onto keyguard.key-usage.v1 during the run (reports flush every second).
  await sleep(2500);
  const reports = await readUsage(offsetsBefore);
  progress(`usage: ${reports.length} reports read`);
  // Reports of one key by one verifier, in the order they were produced (Kafka timestamps).
  const byVerifierKey = new Map();
  for (const r of reports) {
    const k = `${r.verifier}/${r.keyId}`;
    if (!byVerifierKey.has(k)) byVerifierKey.set(k, []);
    byVerifierKey.get(k).push(r.producedAt);
  }
  let shortestGap = Number.POSITIVE_INFINITY;
  for (const times of byVerifierKey.values()) {
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) shortestGap = Math.min(shortestGap, times[i] - times[i - 1]);
  }
  const perKeySecond = new Map();
  for (const r of reports) {
    const second = `${r.keyId}/${Math.floor(r.producedAt / 1000)}`;
    perKeySecond.set(second, (perKeySecond.get(second) ?? 0) + 1);
  }
  const counted = reports.reduce((n, r) => n + r.count, 0);
  // Every key's lastUsedAt must reach the last verification the verifiers saw.
  const loadEnded = Date.now();
  const deadline = loadEnded + 180_000;
  let lost = [];
  for (;;) {
    const docs = await store.collections.apiKeys.find({ _id: { $in: [...expected.keys()] } }, { projection: { _id: 1, lastUsedAt: 1 } }).toArray();
    lost = docs.filter((d) => !d.lastUsedAt || d.lastUsedAt.getTime() < expected.get(d._id) - 50);
    if (lost.length === 0 || Date.now() > deadline) break;
    if (lost.length && Math.floor((Date.now() - loadEnded) / 500) % 20 === 0) {
      const d = lost[0];
      progress(
        `usage: ${lost.length} keys behind, e.g. ${d._id}: lastUsedAt ${d.lastUsedAt?.toISOString() ?? 'null'} < ${new Date(expected.get(d._id)).toISOString()}`,
      );
    }
    await sleep(500);
  }
  const caughtUp = (Date.now() - loadEnded) / 1000;
  console.log(`\n5. usage: ${fmt(verified / usageSeconds)} verifications/s across three verifiers, ${usageKeys} keys, ${usageSeconds} s`);
  line(
    'usage messages',
    `${fmt(reports.length)} for ${fmt(verified)} verifications (counts add up to ${fmt(counted)}, readiness checks included)`,
    'coalesced, no count lost',
  );
  line('shortest gap between two messages of a key from one verifier', `${fmt(shortestGap)} ms`, '≥ 1,000 ms (one per key per second)');
  line('most messages of one key in one second, all verifiers', fmt(Math.max(...perKeySecond.values())), `≤ ${verifiers.length} (one per verifier)`);
  line(
    'keys whose lastUsedAt missed their last use',
    `${lost.length} of ${expected.size} (all applied ${fmt(caughtUp, 1)} s after the load)`,
    '0 (no update lost)',
  );
}

async function readUsage(offsetsBefore) {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topics.keyUsage);
  await admin.disconnect();
  const start = new Map(offsetsBefore.map((o) => [o.partition, BigInt(o.high)]));
  const remaining = new Map(offsets.filter((o) => BigInt(o.high) > (start.get(o.partition) ?? 0n)).map((o) => [o.partition, BigInt(o.high) - 1n]));
  const out = [];
  if (remaining.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `bench-usage-reader-${suffix}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: topics.keyUsage, fromBeginning: true });
  await new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (BigInt(message.offset) >= (start.get(partition) ?? 0n))
          out.push({ ...KeyUsed.parse(JSON.parse(message.value.toString())).payload, producedAt: Number(message.timestamp) });
        if (remaining.has(partition) && BigInt(message.offset) >= remaining.get(partition)) remaining.delete(partition);
        if (remaining.size === 0) resolve();
      },
    });
  });
  await consumer.disconnect();
  return out;
}

// ---- stop everything ----
await Promise.all(verifiers.map((v) => v.stop()));
for (const stop of stops.reverse()) await stop().catch(() => {});
for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
await publisher.disconnect();
await store.db.dropDatabase();
if (store.collections.deliveries.dbName !== store.db.databaseName) await store.client.db(store.collections.deliveries.dbName).dropDatabase();
await store.close();
rmSync(stateDir, { recursive: true, force: true });
process.exit(0);
