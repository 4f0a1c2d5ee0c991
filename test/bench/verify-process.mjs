#!/usr/bin/env node
// Child process for test/bench/verify.mjs: one @keyguard/verify verifier in a process of its
// own (run with --expose-gc), driven over IPC by the parent:
//   → {type:'ready', loadMs, memory}         once caught up (memory measured after a full GC)
//   ← {type:'micro', keys, calls, seconds}   → {type:'micro', p50Ns, p99Ns, maxNs, perSecond}
//   ← {type:'await-valid', keys}             → {type:'valid'} once every key answers VALID
//   ← {type:'watch', id, key}                → {type:'refused', id, at} the first time the key is refused
//   ← {type:'use', keys, perSecond, seconds} → {type:'used', verified, last: {keyId: epoch ms}}
//   ← {type:'stop'}                          → closes (flushing usage reports) and exits
import { createLogger } from '@keyguard/logger';
import { createVerifier } from '@keyguard/verify';

const env = JSON.parse(process.env.BENCH_VERIFIER ?? '{}');
const logger = createLogger({ name: `verifier-${env.name}`, level: process.env.BENCH_LOG_LEVEL ?? 'warn', destination: process.stderr });
const now = () => performance.timeOrigin + performance.now();
const send = (message) => process.send(message);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

globalThis.gc?.();
const before = process.memoryUsage();
const t0 = performance.now();
const verifier = createVerifier({
  brokers: env.brokers,
  topic: env.topic,
  usageTopic: env.usageTopic,
  revokedFile: env.revokedFile,
  logger,
  clientId: `bench-${env.name}`,
});
await verifier.ready();
const loadMs = performance.now() - t0;
globalThis.gc?.();
await sleep(200);
globalThis.gc?.();
const after = process.memoryUsage();
const mb = (n) => Math.round((n / 1e6) * 10) / 10;
send({
  type: 'ready',
  loadMs,
  keys: verifier.status().keys,
  memory: {
    heapMB: mb(after.heapUsed - before.heapUsed),
    arrayBuffersMB: mb(after.arrayBuffers - before.arrayBuffers),
    rssMB: mb(after.rss),
    rssDeltaMB: mb(after.rss - before.rss),
  },
});

// The bench died without stopping us: stop too.
process.on('disconnect', () => process.exit(1));

// Keys watched for their refusal (propagation), polled every millisecond — only while there are
// any: an idle poll in three processes would take CPU from the HTTP rows that run meanwhile.
const watching = new Map();
let poll;
const watch = (id, key) => {
  watching.set(id, key);
  poll ??= setInterval(() => {
    for (const [id, key] of watching) {
      if (!verifier.verify(key).valid) {
        watching.delete(id);
        send({ type: 'refused', id, at: now() });
      }
    }
    if (watching.size === 0) {
      clearInterval(poll);
      poll = undefined;
    }
  }, 1).unref();
};

process.on('message', async (message) => {
  if (message.type === 'micro') {
    const { keys, calls, seconds } = message;
    for (let i = 0; i < 200_000; i++) verifier.verify(keys[i % keys.length]); // warm up
    const times = new Float64Array(calls);
    for (let i = 0; i < calls; i++) {
      const start = process.hrtime.bigint();
      verifier.verify(keys[i % keys.length]);
      times[i] = Number(process.hrtime.bigint() - start);
    }
    times.sort();
    const pct = (p) => times[Math.min(calls - 1, Math.ceil((p / 100) * calls) - 1)];
    let n = 0;
    let valid = 0;
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      for (let i = 0; i < 10_000; i++) if (verifier.verify(keys[(n + i) % keys.length]).valid) valid++;
      n += 10_000;
    }
    send({ type: 'micro', p50Ns: pct(50), p99Ns: pct(99), maxNs: times[calls - 1], perSecond: n / seconds, allValid: valid === n });
  } else if (message.type === 'await-valid') {
    while (!message.keys.every((k) => verifier.verify(k).valid)) await sleep(5);
    send({ type: 'valid' });
  } else if (message.type === 'watch') {
    watch(message.id, message.key);
  } else if (message.type === 'use') {
    // `perSecond` verifications spread over the keys, in 10 ms slices, for `seconds`.
    const { keys, perSecond, seconds } = message;
    const last = {};
    let verified = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * perSecond) - verified;
      for (let i = 0; i < due; i++) {
        const key = keys[(verified + i) % keys.length];
        const answer = verifier.verify(key.raw);
        if (answer.valid) last[answer.keyId] = Date.now();
      }
      verified += Math.max(0, due);
      await sleep(10);
    }
    send({ type: 'used', verified, last });
  } else if (message.type === 'stop') {
    await verifier.close();
    process.exit(0);
  }
});
