import { checkedAnswers, checkedHotAnswers } from '@keyguard/testkit/contract';
import { eventually, randomPmak } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

// POST /keys/verify is answered below Fastify (the hot path) unless VERIFY_FAST_PATH=false; the
// Fastify route is the reference. Two keys-api on one database and key-state topic, one each way.
let hot: Api;
let reference: Api;
beforeAll(async () => {
  hot = await startApi();
  reference = await startApi({ VERIFY_FAST_PATH: 'false' }, { dbName: hot.dbName, keyEvents: hot.keyEvents, adminKey: hot.adminKey, keyState: hot.keyState });
});
afterAll(async () => {
  await reference?.stop(false);
  await hot?.stop();
});

interface Raw {
  status: number;
  body: string;
  headers: [string, string][];
}
const send = (api: Api, headers: Record<string, string>, body: string): Promise<Raw> =>
  fetch(`${api.base}/api/v1/keys/verify`, { method: 'POST', headers, body }).then(async (r) => ({
    status: r.status,
    body: await r.text(),
    // Every header but the date, which moves.
    headers: [...r.headers].filter(([name]) => name !== 'date'),
  }));
const count = async (api: Api, status: number) => {
  const text = await fetch(`${api.metricsBase}/metrics`).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`keyguard_http_requests_total{method="POST",route="/api/v1/keys/verify",status="${status}"`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('POST /keys/verify below Fastify (VERIFY_FAST_PATH)', () => {
  it('answers exactly as the Fastify route does — status, body and every header — and the hot path is what answered', async () => {
    const token = (await hot.call('POST', '/api/v1/service-tokens', { body: { name: 'both ways', scopes: ['keys:verify'] } })).body.token as string;
    const created = await hot.call('POST', '/api/v1/keys', { body: { name: 'checked both ways' } });
    const json = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // The reference keys-api's table has the key once the key-state record reached it.
    await eventually(async () => JSON.parse((await send(reference, json, JSON.stringify({ key: created.body.key }))).body).code === 'VALID', {
      what: 'the key at the reference keys-api',
    });
    const cases: [string, Record<string, string>, string][] = [
      ['a valid key', json, JSON.stringify({ key: created.body.key })],
      ['an unknown key', json, JSON.stringify({ key: randomPmak() })],
      ['with a charset', { ...json, 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ key: randomPmak() })],
      ['by an admin key in X-Api-Key', { 'x-api-key': hot.adminKey, 'content-type': 'application/json' }, JSON.stringify({ key: created.body.key })],
      ['no caller', { 'content-type': 'application/json' }, JSON.stringify({ key: randomPmak() })],
      ['an unknown token', { ...json, authorization: `Bearer kgst_${'d'.repeat(36)}` }, JSON.stringify({ key: randomPmak() })],
      // The hot path takes `{"key":"<an API key>"}` as text, unparsed: these must answer as the parser would.
      ['JSON whitespace around the key', json, ` {\n\t"key" :\r "${created.body.key}" } `],
      ['a member besides the key', json, JSON.stringify({ key: created.body.key, extra: 1 })],
      ['a byte-order mark first', json, `\ufeff${JSON.stringify({ key: created.body.key })}`],
      ['an escaped character in the key', json, JSON.stringify({ key: created.body.key }).replace('PMAK', 'PM\\u0041K')],
      ['a key in upper case', json, JSON.stringify({ key: created.body.key.toUpperCase() })],
      ['a trailing comma', json, `{"key":"${created.body.key}",}`],
      ['an empty body', json, ''],
      ['not JSON', json, '{"key":'],
      ['a poisoned prototype', json, '{"key":"x","__proto__":{"a":1}}'],
      ['an empty object', json, '{}'],
      ['a key of another shape', json, '{"key":"sk_live_notakeyguardkey"}'],
      ['a key that is not a string', json, '{"key":42}'],
      ['a huge body', json, JSON.stringify({ key: `PMAK-${'a'.repeat(100_000)}` })],
      ['not JSON by its type (left to Fastify by both)', { ...json, 'content-type': 'text/plain' }, '{}'],
    ];
    const hotBefore = checkedHotAnswers();
    const fastifyBefore = checkedAnswers() - checkedHotAnswers();
    const okBefore = await count(hot, 200);
    for (const [what, headers, body] of cases) {
      const [a, b] = [await send(hot, headers, body), await send(reference, headers, body)];
      expect(a.status, what).toBeLessThan(500);
      expect(a, what).toEqual(b);
      expect(a.body, what).not.toContain(created.body.key);
    }
    // All but the last (a text/plain body) were the hot path's; the reference answered all with Fastify.
    expect(checkedHotAnswers() - hotBefore).toBe(cases.length - 1);
    expect(checkedAnswers() - checkedHotAnswers() - fastifyBefore).toBe(cases.length + 1);
    // The hot path feeds the route's request counter (the 200s: the first four cases and four of the body's edges).
    expect((await count(hot, 200)) - okBefore).toBe(8);
  });
});
