import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueName } from '@keyguard/testkit/bus';
import { eventually, randomPmak, uriWithDatabase } from '@keyguard/testkit/keys';
import { startService as startKeysApi } from '@keyguard/keys-api/service';
import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';
import { type RunningSampleApi, startService } from '../src/service.js';

const logger = createLogger({ name: 'sample-api-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });
const topics = { keyEvents: uniqueName('keyguard.key-events'), keyState: uniqueName('keyguard.key-state'), keyUsage: uniqueName('keyguard.key-usage') };
const adminKey = randomPmak();
const dir = mkdtempSync(join(tmpdir(), 'keyguard-sample-api-'));
let keysApi: Awaited<ReturnType<typeof startKeysApi>> | undefined;
let sample: RunningSampleApi;
let keysUrl: string;
let sampleUrl: string;

beforeAll(async () => {
  keysApi = await startKeysApi(
    {
      HOST: '127.0.0.1',
      PORT: 0,
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS!.split(','),
      MONGODB_URI: uriWithDatabase(process.env.MONGODB_URI!, uniqueDbName('sample_api')),
      KEYGUARD_BOOTSTRAP_ADMIN_KEY: adminKey,
      BOOTSTRAP_ADMIN_EMAIL: 'admin@example.test',
      BOOTSTRAP_ADMIN_NAME: 'Admin',
      DASHBOARD_DIR: '/nonexistent',
      SESSION_TTL_HOURS: 1,
      LAST_USED_GRANULARITY_MS: 1000,
      SESSION_COOKIE_SECURE: false,
    },
    { logger, topics },
  );
  keysUrl = `http://127.0.0.1:${keysApi.port}`;
  sample = await startService(
    Config.parse({
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      PORT: '0',
      LOG_LEVEL: 'silent',
      KEY_STATE_TOPIC: topics.keyState,
      KEY_USAGE_TOPIC: topics.keyUsage,
      VERIFY_REVOKED_FILE: join(dir, 'revoked'),
    }),
    { logger },
  );
  sampleUrl = `http://127.0.0.1:${sample.port}`;
  await sample.verifier.ready();
});
afterAll(async () => {
  await sample?.stop();
  await keysApi?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const keys = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${keysUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json() as Promise<Record<string, unknown>>;
};
const me = async (key?: string) => {
  const res = await fetch(`${sampleUrl}/v1/me`, { headers: key === undefined ? {} : { 'x-api-key': key } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('sample-api: an API protected by @keyguard/verify', () => {
  it('is ready once its verifier caught up', async () => {
    expect((await fetch(`${sampleUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${sample.metricsPort}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { verifier: true } });
  });

  it('lets a valid key in and refuses it, with the reason, once disabled or revoked', async () => {
    const created = await keys('POST', '/keys', { name: 'for the sample api' });
    const raw = created.key as string;
    await eventually(async () => (await me(raw)).status === 200, { what: 'the new key to reach the verifier' });
    expect(await me(raw)).toEqual({ status: 200, body: { keyId: created.id } });

    await keys('POST', `/keys/${created.id}/disable`);
    await eventually(async () => (await me(raw)).status === 401, { what: 'the disabled state' });
    expect((await me(raw)).body).toEqual({ code: 'DISABLED' });
    await keys('POST', `/keys/${created.id}/enable`);
    await eventually(async () => (await me(raw)).status === 200, { what: 'the enabled state' });

    await keys('POST', `/keys/${created.id}/revoke`);
    await eventually(async () => (await me(raw)).status === 401, { what: 'the revocation' });
    expect((await me(raw)).body).toEqual({ code: 'REVOKED' });
  });

  it('refuses a missing or unknown key without calling anyone', async () => {
    expect(await me()).toEqual({ status: 401, body: { code: 'MISSING_KEY' } });
    expect(await me(randomPmak())).toEqual({ status: 401, body: { code: 'NOT_FOUND' } });
    expect(await me('not a key at all')).toEqual({ status: 401, body: { code: 'NOT_FOUND' } });
  });

  it('reports its uses: the key’s "Last used" in Keyguard moves with use at this API', async () => {
    const created = await keys('POST', '/keys', { name: 'used at the sample api' });
    await eventually(async () => (await me(created.key as string)).status === 200, { what: 'the key at the verifier' });
    const usedAt = Date.now();
    const key = await eventually(
      async () => {
        const k = await keys('GET', `/keys/${created.id}`);
        return typeof k.lastUsedAt === 'string' && Date.parse(k.lastUsedAt) >= usedAt - 1000 && k;
      },
      { what: 'lastUsedAt from the usage report' },
    );
    expect(key.lastUsedAt).not.toBeNull();
  });

  it('asks keys-api (service token) while its verifier cannot read Kafka', async () => {
    const { token } = await keys('POST', '/service-tokens', { name: 'sample api fallback', scopes: ['keys:verify'] });
    const cut = await startService(
      Config.parse({
        KAFKA_BROKERS: '127.0.0.1:9', // nothing listens there: the verifier never catches up
        PORT: '0',
        LOG_LEVEL: 'silent',
        VERIFY_REVOKED_FILE: join(dir, 'cut-off.revoked'),
        KEYGUARD_API_URL: keysUrl,
        KEYGUARD_SERVICE_TOKEN: token,
      }),
      { logger },
    );
    try {
      const call = (key: string) =>
        fetch(`http://127.0.0.1:${cut.port}/v1/me`, { headers: { 'x-api-key': key } }).then(async (r) => ({ status: r.status, body: await r.json() }));
      const created = await keys('POST', '/keys', { name: 'checked over HTTP' });
      expect(cut.verifier.status().ready).toBe(false);
      expect(await call(created.key as string)).toEqual({ status: 200, body: { keyId: created.id } });
      await keys('POST', `/keys/${created.id}/revoke`);
      expect(await call(created.key as string)).toEqual({ status: 401, body: { code: 'REVOKED' } });
      expect((await fetch(`http://127.0.0.1:${cut.metricsPort}/readyz`)).status).toBe(503);
    } finally {
      await cut.stop();
    }
  });

  it('keeps verifying while keys-api is down', async () => {
    const created = await keys('POST', '/keys', { name: 'outlives keys-api' });
    await eventually(async () => (await me(created.key as string)).status === 200, { what: 'the key at the verifier' });
    await keysApi!.stop();
    keysApi = undefined;
    expect(
      await fetch(`${keysUrl}/healthz`).then(
        () => 'up',
        () => 'down',
      ),
    ).toBe('down');
    for (let i = 0; i < 20; i++) expect((await me(created.key as string)).status).toBe(200);
    expect((await me(randomPmak())).status).toBe(401);
  });
});
