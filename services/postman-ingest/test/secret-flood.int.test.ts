/**
 * Issue 10, item 1: one public collection stuffed with ~4,000 secret-shaped strings (~340 KB)
 * used to make a Kafka produce request exceed the broker's 1 MB limit; the shared idempotent
 * producer then failed every later publish ("out of order sequence number") and every later
 * webhook got 503 until a restart. Anyone can publish a public collection, so this switched
 * leak detection off for everyone.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readAll } from '@keyguard/testkit/bus';
import { signPostmanEvent } from '@keyguard/testkit/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, payloadOf, postmanKey, startHarness } from './harness.js';

let h: Harness;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function send(event: unknown) {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${h.url}/webhooks/postman`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-postman-timestamp': timestamp, 'x-postman-signature': signPostmanEvent(h.secret, timestamp, body) },
    body,
  });
  return { status: res.status, bytes: Buffer.byteLength(body) };
}

const event = (id: string, content?: unknown) => ({
  id: randomUUID(),
  type: 'collection.updated',
  resource: { type: 'collection', id, workspaceId: 'ws-flood', visibility: 'public' },
  ...(content === undefined ? {} : { content }),
});

/** A collection whose variables hold `count` Postman-shaped keys (none of them ours). */
const stuffed = (count: number) => ({
  collection: { info: { name: 'flood' }, variable: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: postmanKey(), type: 'string' })) },
});

beforeAll(async () => {
  h = await startHarness();
  await h.service.workerReady;
});
afterAll(async () => h?.stop());

describe('a flood of secrets in one event', () => {
  it('accepts a ~4,000-secret collection as one "too many secrets" finding, then 30 concurrent normal events are all accepted and detected', async () => {
    // Inline (scanned by the receiver) and fetched (scanned by the worker): both publishers.
    const inline = await send(event('c-flood-inline', stuffed(4000)));
    expect(inline.bytes).toBeGreaterThan(300_000);
    expect(inline.status).toBe(202);
    h.api.route('GET /collections/c-flood-fetched', { body: stuffed(4000) });
    expect((await send(event('c-flood-fetched'))).status).toBe(202);

    const keys = Array.from({ length: 30 }, () => h.plantKey());
    const answers = await Promise.all(
      keys.map((key, i) => {
        const doc = { collection: { info: { name: `normal ${i}` }, variable: [{ key: 'apiKey', value: key }] } };
        if (i % 2 === 0) return send(event(`c-normal-${i}`, doc));
        h.api.route(`GET /collections/c-normal-${i}`, { body: doc });
        return send(event(`c-normal-${i}`));
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(keys.map(() => 202));
    const found = await h.exposuresOf(keys.map(sha256), 30_000);
    expect(new Set(found.map((m) => payloadOf(m).tokenHash))).toEqual(new Set(keys.map(sha256)));

    // Each flooded resource became a bounded number of messages, one of them the summary.
    const summaries = await h.exposuresWhere((p) => p.ruleId === 'too-many-secrets', 2);
    for (const id of ['c-flood-inline', 'c-flood-fetched']) {
      const summary = summaries.find((m) => (payloadOf(m).location as { resourceId: string }).resourceId === id)!;
      expect(payloadOf(summary).overflow).toMatchObject({ total: 4000 });
    }
    const all = await readAll(h.kafka, h.topics.exposures);
    for (const id of ['c-flood-inline', 'c-flood-fetched']) {
      const ofResource = all.filter((m) => (payloadOf(m).location as { resourceId: string }).resourceId === id);
      expect(ofResource.length).toBeLessThanOrEqual(101);
    }
  });
});
