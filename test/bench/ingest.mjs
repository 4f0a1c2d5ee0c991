#!/usr/bin/env node
// Ingest benchmark (issue 4): prints numbers, asserts nothing. Not part of `npm test`.
//
//   npx turbo run build --filter=@keyguard/github-ingest && node test/bench/ingest.mjs
//
// Against the running engines (KAFKA_BROKERS, MONGODB_URI; fresh topics and database), with
// github-ingest started from its build in a child process (so the load generator does not
// share its event loop) and a local fixture GitHub API:
//   1. receiver throughput: autocannon POSTs 8 KB signed push webhooks (a fresh
//      X-GitHub-Delivery each) to /webhooks/github for BENCH_SECONDS; every 2xx is an event
//      Kafka acknowledged (the source-events topic is counted afterwards to prove it).
//      Run twice: receiver alone (INGEST_WORKER=false) and receiver + worker (the default).
//   2. webhook → exposure latency: BENCH_RATE pushes/s for BENCH_LATENCY_SECONDS, each with a
//      fresh secret in its compare diff; the clock runs from sending the webhook until its
//      exposure is read back from keyguard.exposures (a fresh topic). Prints p50/p99.
//
// Environment: BENCH_SECONDS (15), BENCH_CONNECTIONS (64), BENCH_RATE (200),
// BENCH_LATENCY_SECONDS (10), BENCH_LINGER_MS (1), BENCH_PHASES (all: "receiver,default,latency").

import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { createKafka, ensureTopics } from '@keyguard/bus';
import { createLogger } from '@keyguard/logger';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const seconds = env('BENCH_SECONDS', 15);
const connections = env('BENCH_CONNECTIONS', 64);
const rate = env('BENCH_RATE', 200);
const latencySeconds = env('BENCH_LATENCY_SECONDS', 10);
const lingerMs = env('BENCH_LINGER_MS', 1);
const phases = new Set((process.env.BENCH_PHASES ?? 'receiver,default,latency').split(','));
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoBase = (process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/').replace(/\/[^/]*$/, '');
const logger = createLogger({ name: 'bench-ingest', level: 'warn' });
const kafka = createKafka({ brokers, clientId: 'bench-ingest', logger });
const suffix = randomBytes(4).toString('hex');
const secret = randomBytes(24).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const sha = () => randomBytes(20).toString('hex');
const sign = (body) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

// ---- fixture GitHub API: a compare whose diff holds a secret derived from the head commit ----
const tokenFor = (after) => `PMAK-${after.slice(0, 24)}-${after.slice(6, 40)}`;
const api = createServer((req, res) => {
  const m = /^\/repos\/[^/]+\/[^/]+\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(req.url.split('?')[0]);
  if (!m) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    return;
  }
  const after = m[2];
  const secretLine = after.startsWith('ffff') ? '+const note = "no secret here";' : `+POSTMAN_API_KEY=${tokenFor(after)}`;
  const body = {
    total_commits: 1,
    commits: [{ sha: after }],
    files: [{ filename: 'config/.env', status: 'modified', changes: 1, patch: `@@ -1,2 +1,3 @@\n A=1\n${secretLine}\n B=2` }],
  };
  res
    .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '0' })
    .end(JSON.stringify(body));
});
await new Promise((r) => api.listen(0, '127.0.0.1', r));
const apiUrl = `http://127.0.0.1:${api.address().port}`;

/** An 8 KB push payload (commits with file lists, padded to exactly `size`), as GitHub sends for an ordinary push. */
function pushBody(before, after, size = 8 * 1024) {
  const commit = (i) => ({
    id: i === 9 ? after : sha(),
    tree_id: sha(),
    distinct: true,
    message: `Change ${i}: update configuration and docs`,
    timestamp: '2026-11-26T10:00:00+00:00',
    url: `https://github.com/octo/bench/commit/${after}`,
    author: { name: 'Octo Cat', email: 'octo@example.com', username: 'octocat' },
    committer: { name: 'Octo Cat', email: 'octo@example.com', username: 'octocat' },
    added: [],
    removed: [],
    modified: ['config/.env'],
  });
  const payload = {
    ref: 'refs/heads/main',
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/octo/bench/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: Array.from({ length: 10 }, (_, i) => commit(i)),
    head_commit: null,
    repository: {
      id: 1,
      node_id: 'R_1',
      name: 'bench',
      full_name: 'octo/bench',
      html_url: 'https://github.com/octo/bench',
      private: false,
      default_branch: 'main',
    },
    pusher: { name: 'octocat', email: 'octo@example.com' },
    sender: { login: 'octocat', id: 1, type: 'User' },
    padding: '',
  };
  const base = JSON.stringify(payload).length;
  payload.padding = 'x'.repeat(Math.max(0, size - base));
  return JSON.stringify(payload);
}

async function startChild(name, { worker }) {
  const topics = { sourceEvents: `bench.${name}.source.${suffix}`, exposures: `bench.${name}.exposures.${suffix}`, dlq: `bench.${name}.dlq.${suffix}` };
  await ensureTopics(kafka, [
    { topic: topics.sourceEvents, numPartitions: 6 },
    { topic: topics.exposures, numPartitions: 6 },
    { topic: topics.dlq, numPartitions: 1 },
  ]);
  const config = {
    brokers,
    mongoUri: `${mongoBase}/`,
    dbName: `bench_ingest_${name}_${suffix}`,
    secret,
    apiUrl,
    worker,
    topics,
    groupId: `bench-${name}-${suffix}`,
    lingerMs,
  };
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/ingest-prof'] : []), new URL('./ingest-service.mjs', import.meta.url).pathname],
    {
      env: { ...process.env, BENCH_SERVICE: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise((resolve, reject) => {
    const onLine = (line) => {
      if (!line.startsWith('{"port"')) return;
      lines.off('line', onLine);
      resolve(JSON.parse(line).port);
    };
    lines.on('line', onLine);
    child.once('exit', (code) => reject(new Error(`${name} service exited with ${code}`)));
  });
  lines.on('line', (line) => process.stdout.write(`[service] ${line}\n`));
  return {
    port,
    topics,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

async function countMessages(topic) {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((n, o) => n + Number(BigInt(o.high) - BigInt(o.low)), 0);
}

async function receiverThroughput(name, { worker }) {
  const service = await startChild(name, { worker });
  // 2,000 distinct pushes (each its own before/after, so the worker fetches a compare for
  // each), signed up front; every request takes the next one with a fresh delivery id. The
  // compares hold no secret (`ffff…`): the worker's share is fetch + scan + commit.
  const bodies = Array.from({ length: 2000 }, () => {
    const body = pushBody(sha(), `ffff${sha().slice(4)}`);
    return { body, signature: sign(body) };
  });
  let next = 0;
  const url = `http://127.0.0.1:${service.port}/webhooks/github`;
  const options = (duration, conns) => ({
    url,
    method: 'POST',
    connections: conns,
    duration,
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'user-agent': 'GitHub-Hookshot/bench' },
    requests: [
      {
        setupRequest: (r) => {
          const { body, signature } = bodies[next++ % bodies.length];
          return { ...r, body, headers: { ...r.headers, 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature } };
        },
      },
    ],
  });
  await autocannon(options(2, 8)); // warm-up (JIT, connections, producer)
  const before = await countMessages(service.topics.sourceEvents);
  const result = await autocannon(options(seconds, connections));
  await sleep(500);
  const published = (await countMessages(service.topics.sourceEvents)) - before;
  const ok = result['2xx'];
  await service.stop();
  const line = {
    phase: `receiver throughput (${worker ? 'receiver + worker, default' : 'receiver only'})`,
    bodyBytes: Buffer.byteLength(bodies[0].body),
    connections,
    seconds,
    requestsPerSecond: Math.round(result.requests.average),
    acknowledged2xx: ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    sourceEventsInKafka: published,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
  console.log(JSON.stringify(line, null, 2));
  return line;
}

async function webhookToExposure() {
  const service = await startChild('latency', { worker: true });
  const url = `http://127.0.0.1:${service.port}/webhooks/github`;
  const sent = new Map(); // after sha → send time
  const latencies = [];
  const toScanned = [];
  const receiver = [];
  const statuses = {};
  const consumer = kafka.consumer({ groupId: `bench-reader-${suffix}`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic: service.topics.exposures, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { location, detectedAt } = JSON.parse(message.value.toString()).payload;
      const t = sent.get(location.commit);
      if (t !== undefined) {
        latencies.push(performance.now() - t.perf);
        toScanned.push(Date.parse(detectedAt) - t.wall);
        sent.delete(location.commit);
      }
    },
  });
  await sleep(3000); // group join
  // Warm-up second (JIT, connection pools, the worker's first compares), not measured.
  const warmup = [];
  for (let i = 0; i < rate; i++) {
    const body = pushBody(sha(), `ffff${sha().slice(4)}`);
    warmup.push(
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': sign(body) },
        body,
      }).then((r) => r.arrayBuffer()),
    );
    await sleep(1000 / rate);
  }
  await Promise.all(warmup);
  await sleep(500);
  const total = rate * latencySeconds;
  const start = performance.now();
  const inflight = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const [before, after] = [sha(), `a${sha().slice(1)}`];
    const body = pushBody(before, after);
    const t0 = performance.now();
    sent.set(after, { perf: t0, wall: Date.now() });
    inflight.push(
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': sign(body) },
        body,
      })
        .then(async (res) => {
          await res.arrayBuffer();
          receiver.push(performance.now() - t0);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        })
        .catch(() => {
          statuses.error = (statuses.error ?? 0) + 1;
        }),
    );
  }
  await Promise.all(inflight);
  for (const deadline = Date.now() + 15_000; sent.size > 0 && Date.now() < deadline; ) await sleep(100);
  await consumer.disconnect();
  await service.stop();
  latencies.sort((a, b) => a - b);
  receiver.sort((a, b) => a - b);
  toScanned.sort((a, b) => a - b);
  const r = (x) => Math.round(x * 10) / 10;
  const line = {
    phase: 'webhook → exposure (receiver + worker, fixture GitHub API)',
    ratePerSecond: rate,
    seconds: latencySeconds,
    webhooks: total,
    statuses,
    exposuresReceived: latencies.length,
    missing: sent.size,
    receiverMs: { p50: r(pct(receiver, 50)), p99: r(pct(receiver, 99)), max: r(receiver.at(-1)) },
    webhookToExposureMs: { p50: r(pct(latencies, 50)), p99: r(pct(latencies, 99)), max: r(latencies.at(-1)) },
    webhookToScannedMs: { p50: r(pct(toScanned, 50)), p99: r(pct(toScanned, 99)) },
  };
  console.log(JSON.stringify(line, null, 2));
  return line;
}

try {
  if (phases.has('receiver')) await receiverThroughput('receiver', { worker: false });
  if (phases.has('default')) await receiverThroughput('default', { worker: true });
  if (phases.has('latency')) await webhookToExposure();
} finally {
  api.close();
}
process.exit(0);
