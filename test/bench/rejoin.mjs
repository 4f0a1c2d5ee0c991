#!/usr/bin/env node
// Rejoin benchmark (issue 11): how long a consumer group stalls when a member restarts.
// Prints numbers, asserts nothing. Not part of `npm test`.
//
//   npm run bench:rejoin
//
// Every member is its own process (test/bench/support/consumer-process.mjs: the bus's
// runConsumer) on a fresh 6-partition topic that receives a message every 20 ms. For the old
// session timeout (30 s), the services' default (6 s, a stock broker's minimum) and npm start's
// 3 s (our dev/test broker allows down to 1 s: group.min.session.timeout.ms), it measures:
//   1. graceful restart: SIGTERM (the member leaves its group), then a new process; clock from
//      the new process's spawn to its first message;
//   2. crash restart: kill -9, a new process at once; clock from the kill to the new process's
//      first message (the coordinator keeps waiting for the dead member until its session ends);
//   3. crash takeover: two members, one killed -9; clock from the kill until the survivor
//      holds all six partitions.
// kafkajs 2.2.4 has no static membership (KIP-345) and no cooperative rebalancing (KIP-429),
// so the session timeout is the only lever for the crash cases; leaving the group on a
// graceful stop makes the first case independent of it.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createKafka, createPublisher, ensureTopics } from '@keyguard/bus';
import { createLogger } from '@keyguard/logger';

const root = new URL('../..', import.meta.url).pathname;
const script = join(root, 'test/bench/support/consumer-process.mjs');
const logger = createLogger({ name: 'rejoin-bench', level: 'silent' });
const kafka = createKafka({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'rejoin-bench', logger });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function member(topic, groupId, sessionMs) {
  const child = spawn(process.execPath, [script, topic, groupId, String(sessionMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const events = [];
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
  });
  const until = async (predicate, timeoutMs = 90_000) => {
    const t0 = Date.now();
    for (;;) {
      const found = events.find(predicate);
      if (found) return found;
      if (Date.now() - t0 > timeoutMs) throw new Error(`member: no matching event within ${timeoutMs} ms`);
      await sleep(10);
    }
  };
  return { child, spawnedAt: Date.now(), events, until, exited: new Promise((r) => child.once('exit', r)) };
}

/** A message every 20 ms, spread over the partitions, until stopped. */
function traffic(topic) {
  const publisher = createPublisher(kafka, { logger, lingerMs: 1 });
  let n = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      n += 1;
      await publisher.publish(topic, [{ key: `k${n}`, value: { n } }]).catch(() => {});
      await sleep(20);
    }
    await publisher.disconnect();
  })();
  return async () => {
    running = false;
    await done;
  };
}

async function scenario(sessionMs) {
  const topic = `bench.rejoin.${randomBytes(4).toString('hex')}`;
  await ensureTopics(kafka, [{ topic, numPartitions: 6 }]);
  const stopTraffic = traffic(topic);
  const group = () => `bench-rejoin-${randomBytes(4).toString('hex')}`;
  const results = {};

  // 1. Graceful restart.
  {
    const groupId = group();
    const first = member(topic, groupId, sessionMs);
    await first.until((e) => e.event === 'consumed');
    first.child.kill('SIGTERM');
    await first.exited;
    const second = member(topic, groupId, sessionMs);
    const consumed = await second.until((e) => e.event === 'consumed');
    results.graceful = consumed.at - second.spawnedAt;
    second.child.kill('SIGTERM');
    await second.exited;
  }
  // 2. Crash, restarted at once.
  {
    const groupId = group();
    const first = member(topic, groupId, sessionMs);
    await first.until((e) => e.event === 'consumed');
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    const second = member(topic, groupId, sessionMs);
    const consumed = await second.until((e) => e.event === 'consumed');
    results.crash = consumed.at - killedAt;
    second.child.kill('SIGTERM');
    await second.exited;
  }
  // 3. Crash of one of two members.
  {
    const groupId = group();
    const a = member(topic, groupId, sessionMs);
    await a.until((e) => e.event === 'consumed');
    const b = member(topic, groupId, sessionMs);
    await b.until((e) => e.event === 'joined' && e.partitions.length === 3);
    await a.until((e) => e.event === 'joined' && e.partitions.length === 3);
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    const all = await b.until((e) => e.event === 'joined' && e.partitions.length === 6 && e.at > killedAt);
    results.takeover = all.at - killedAt;
    b.child.kill('SIGTERM');
    await b.exited;
    // The survivor lived through traffic, a rebalance and a takeover: its longest heartbeat gap.
    results.gaps = [b.events.find((e) => e.event === 'stopping')?.longestHeartbeatGapMs ?? 0];
  }
  await stopTraffic();
  return results;
}

const load = () => loadavg()[0].toFixed(1);
console.log(
  `rejoin bench: members in their own processes, a 6-partition topic with a message every 20 ms (load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
);
// 30 s: kafkajs' default; 6 s: the services' default (a stock broker's minimum); 3 s: npm start on our broker (group.min.session.timeout.ms=1000).
const sessions = [30_000, 6000, 3000];
const results = [];
for (const session of sessions) results.push(await scenario(session));
const header = sessions.map((ms) => `session ${ms / 1000} s`.padStart(12));
console.log(`| ${''.padEnd(52)} | ${header.join(' | ')} |`);
console.log(`|${'-'.repeat(54)}|${header.map((h) => '-'.repeat(h.length + 2)).join('|')}|`);
const row = (label, key) => console.log(`| ${label.padEnd(52)} | ${results.map((r) => s(r[key]).padStart(12)).join(' | ')} |`);
row('graceful restart (LeaveGroup): spawn → first message', 'graceful');
row('kill -9, restarted at once: kill → first message', 'crash');
row('kill -9 of one of two: kill → survivor holds all 6', 'takeover');
console.log(
  `| ${'longest heartbeat gap of a member under traffic'.padEnd(52)} | ${results.map((r) => `${Math.max(...r.gaps)} ms`.padStart(12)).join(' | ')} |`,
);
console.log(`(the graceful row includes starting node and the bus: that is the whole wait; load average at the end ${load()})`);
process.exit(0);
