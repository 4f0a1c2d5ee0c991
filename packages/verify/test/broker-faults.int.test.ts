/**
 * A broker of this file's own (the shared one must stay up for every other test file): the
 * verifier on a compacted topic after compaction ran, through a broker stop and restart, and
 * its staleness answers while the broker is gone — failing closed by default, open when asked.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createKafka, createPublisher } from '@keyguard/bus';
import { readAll } from '@keyguard/testkit/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../src/index.js';
import { logger, newKey, scratchDir, sha, state, stateTopic, until } from './support.js';

interface KafkaLib {
  ensureKafka(log?: (m: string) => void): Promise<string>;
  startKafka(o: { libs: string; dir: string; port: number; controllerPort: number; heap?: string }): Promise<ChildProcess>;
}
const kafkaLib = (await import(resolve(import.meta.dirname, '../../../infra/lib/kafka.mjs'))) as KafkaLib;

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

const brokerDir = mkdtempSync(join(tmpdir(), 'keyguard-verify-broker-'));
const revokedDir = scratchDir();
let ports: { port: number; controllerPort: number };
let broker: ChildProcess | undefined;
let libs: string;
const verifiers: Verifier[] = [];

async function startBroker() {
  broker = await kafkaLib.startKafka({ libs, dir: brokerDir, ...ports, heap: '256m' });
}
async function stopBroker() {
  const b = broker;
  if (!b || b.exitCode !== null) return;
  await new Promise<void>((done) => {
    b.once('exit', () => done());
    b.kill('SIGTERM');
    setTimeout(() => b.kill('SIGKILL'), 15_000).unref();
  });
}

beforeAll(async () => {
  libs = await kafkaLib.ensureKafka(() => {});
  ports = { port: await freePort(), controllerPort: await freePort() };
  await startBroker();
}, 120_000);
afterAll(async () => {
  await Promise.all(verifiers.map((v) => v.close()));
  await stopBroker();
  rmSync(brokerDir, { recursive: true, force: true });
  rmSync(revokedDir, { recursive: true, force: true });
}, 60_000);

const brokers = () => [`127.0.0.1:${ports.port}`];
function verifier(topic: string, options: { failOpen?: boolean; maxStalenessMs?: number } = {}) {
  const v = createVerifier({
    brokers: brokers(),
    topic,
    usageTopic: false,
    revokedFile: join(revokedDir, `${topic}-${verifiers.length}.revoked`),
    logger,
    ...options,
  });
  verifiers.push(v);
  return v;
}

describe('verifier and broker', () => {
  it('reads a compacted topic: only the last state of each key is left, and that is what it answers', { timeout: 90_000 }, async () => {
    // Segments roll every 100 ms and the cleaner may take them at once. One partition: the
    // cleaner never touches a partition's active segment, so every partition must see the rolls.
    const t = await stateTopic(
      brokers(),
      { 'segment.ms': '100', 'min.cleanable.dirty.ratio': '0.01', 'min.compaction.lag.ms': '0', 'delete.retention.ms': '100' },
      1,
    );
    const keys = Array.from({ length: 30 }, () => ({ raw: newKey(), s: state() }));
    const final = ['enabled', 'disabled', 'revoked'] as const;
    for (let version = 1; version <= 3; version++) {
      await t.putMany(keys.map(({ raw, s }, i) => [raw, { ...s, version, status: version === 3 ? final[i % 3]! : 'enabled' }]));
      await new Promise((r) => setTimeout(r, 150)); // the next write starts a new segment
    }
    // Compaction keeps offsets as they were; it shows as older versions missing from the topic.
    const ours = new Set(keys.map(({ raw }) => sha(raw)));
    const olderVersionsLeft = async () =>
      (await readAll(t.kafka, t.topic)).filter((m) => ours.has(m.key!) && (m.json as { version: number }).version < 3).length;
    await until(
      async () => {
        await t.put(newKey(), state()); // keeps rolling segments so the old ones can be cleaned
        return (await olderVersionsLeft()) === 0;
      },
      'the cleaner to compact the topic',
      60_000,
    );
    const v = verifier(t.topic);
    await v.ready();
    for (const [i, { raw }] of keys.entries()) {
      expect(v.verify(raw).code).toBe(({ enabled: 'VALID', disabled: 'DISABLED', revoked: 'REVOKED' } as const)[final[i % 3]!]);
    }
    await t.close();
  });

  it('survives a broker restart and resumes where it was; stale answers fail closed, or open when asked', { timeout: 150_000 }, async () => {
    const t = await stateTopic(brokers());
    const [live, dead, later] = [newKey(), newKey(), newKey()];
    const liveState = state();
    await t.putMany([
      [live, liveState],
      [dead, state({ status: 'revoked' })],
    ]);
    for (let i = 0; i < 200; i++) await t.put(newKey(), state()); // some history to (not) re-read
    const closed = verifier(t.topic, { maxStalenessMs: 1500 });
    const open = verifier(t.topic, { maxStalenessMs: 1500, failOpen: true });
    await Promise.all([closed.ready(), open.ready()]);
    const appliedBefore = closed.status().recordsApplied;
    expect(appliedBefore).toBe(202);
    expect(closed.verify(live).code).toBe('VALID');
    await t.close();

    await stopBroker();
    await until(() => closed.status().stale, 'the verifier to notice', 20_000);
    expect(closed.verify(live).code).toBe('UNAVAILABLE'); // fails closed by default
    expect(await closed.check(live)).toMatchObject({ code: 'UNAVAILABLE' }); // no fallback configured
    expect(open.verify(live)).toMatchObject({ valid: true, code: 'VALID', keyId: liveState.keyId }); // the cached state
    expect(open.verify(dead).code).toBe('REVOKED');

    await startBroker();
    await until(() => !closed.status().stale && !open.status().stale, 'the verifiers to hear from the broker again', 60_000);
    expect(closed.verify(live).code).toBe('VALID');
    const t2 = reopen(t.topic);
    await t2.putMany([
      [live, { ...liveState, status: 'revoked', version: 2 }],
      [later, state()],
    ]);
    // The two records may sit in different partitions (topics have 6), read in any order: wait for both.
    await until(
      () => closed.verify(live).code === 'REVOKED' && open.verify(live).code === 'REVOKED' && closed.verify(later).code === 'VALID',
      'the revocation and the new key after the restart',
      30_000,
    );
    // Resumed from its position: the 202 records before the restart were not read again.
    expect(closed.status().recordsApplied).toBe(appliedBefore + 2);
    await t2.close();
  });
});

/** A writer for an existing topic (the first one's connection died with the broker). */
function reopen(topic: string) {
  const publisher = createPublisher(createKafka({ brokers: brokers(), clientId: 'verify-test', logger }), { logger });
  return {
    putMany: (entries: [string, ReturnType<typeof state>][]) =>
      publisher.publish(
        topic,
        entries.map(([raw, value]) => ({ key: sha(raw), value })),
      ),
    close: () => publisher.disconnect(),
  };
}
