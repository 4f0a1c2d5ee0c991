/**
 * Revocation pushed to every verifier: keys-api and policy in this process, and three
 * sample-api processes — each its own verifier following keyguard.key-state.v1. A key revoked
 * by an admin, or automatically on exposure, is refused by all three; a verifier restarted
 * afterwards still refuses it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka, createPublisher } from '@keyguard/bus';
import { createTestTopic } from '@keyguard/testkit/bus';
import { createEnvelope } from '@keyguard/events';
import { hashApiKey } from '@keyguard/keys';
import { eventually, randomPmak } from '@keyguard/testkit/keys';
import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, startIssuer } from './support/issuer.js';
import { requireSampleApiBuild, type SampleApiProcess, startSampleApiProcess } from './support/sample-api-process.js';

const logger = createLogger({ name: 'verify-e2e', level: (process.env['E2E_LOG_LEVEL'] as 'info' | undefined) ?? 'silent' });
const brokers = process.env['KAFKA_BROKERS']!.split(',');
const kafka = createKafka({ brokers, clientId: 'verify-e2e', logger });
const publisher = createPublisher(kafka, { logger });
const adminKey = randomPmak();
const stateDir = mkdtempSync(join(tmpdir(), 'keyguard-verify-e2e-'));
let issuer: Issuer;
let exposures: string;
let verifiers: SampleApiProcess[] = [];

const envFor = (i: number) => ({
  KAFKA_BROKERS: brokers.join(','),
  KEY_STATE_TOPIC: issuer.topics.keyState,
  KEY_USAGE_TOPIC: issuer.topics.keyUsage,
  VERIFY_REVOKED_FILE: join(stateDir, `verifier-${i}.revoked`),
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${issuer.keysApiUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers asserted field by field
  return { status: res.status, body: (await res.json()) as any };
}

/** Waits until every verifier answers `status` for the key. */
const everywhere = (key: string, status: number, what: string) =>
  Promise.all(
    verifiers.map((v, i) => eventually(async () => (await v.me(key)).status === status || undefined, { intervalMs: 10, what: `${what} at verifier ${i + 1}` })),
  );

beforeAll(async () => {
  requireSampleApiBuild();
  exposures = await createTestTopic(kafka, 'verify-e2e-exposures', 1);
  issuer = await startIssuer({
    logger,
    logLevel: 'silent',
    dbName: uniqueDbName('verify_e2e'),
    topics: { exposures, keyEvents: await createTestTopic(kafka, 'verify-e2e-key-events', 1) },
    adminKey,
  });
  verifiers = await Promise.all([1, 2, 3].map((i) => startSampleApiProcess(envFor(i))));
});
afterAll(async () => {
  await Promise.all(verifiers.map((v) => v.stop()));
  await publisher.disconnect();
  await issuer?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('revocation reaches every verifier process', () => {
  it('a key an admin revokes is refused by each of three verifier processes, and by one restarted afterwards', async () => {
    const created = await api('POST', '/keys', { name: 'guarding three APIs' });
    const key = created.body.key as string;
    await everywhere(key, 200, 'the new key');
    for (const v of verifiers) expect(await v.me(key)).toEqual({ status: 200, body: { keyId: created.body.id } });

    expect((await api('POST', `/keys/${created.body.id}/revoke`)).body.status).toBe('revoked');
    await everywhere(key, 401, 'the revocation');
    for (const v of verifiers) expect(await v.me(key)).toEqual({ status: 401, body: { code: 'REVOKED' } });

    await verifiers[0]!.stop();
    verifiers[0] = await startSampleApiProcess(envFor(1));
    expect(await verifiers[0].me(key)).toEqual({ status: 401, body: { code: 'REVOKED' } });
  });

  it('a key the policy revokes on exposure is refused by all three', async () => {
    expect((await api('PATCH', '/settings', { autoRevokeExposed: true })).status).toBe(200);
    const created = await api('POST', '/keys', { name: 'about to leak' });
    const key = created.body.key as string;
    await everywhere(key, 200, 'the new key');
    const tokenHash = hashApiKey(key);
    const exposure = createEnvelope(
      'exposure.detected',
      {
        tokenHash,
        ruleId: 'postman-api-key',
        redacted: `PMAK-…${key.slice(-4)}`,
        confidence: 'high' as const,
        detectedAt: new Date().toISOString(),
        location: {
          source: 'github' as const,
          kind: 'commit',
          url: 'https://github.com/acme/app/blob/c1/.env#L2',
          repository: 'acme/app',
          commit: 'c1',
          path: '.env',
          line: 2,
        },
      },
      { source: 'verify-e2e', id: `exp-${randomBytes(6).toString('hex')}` },
    );
    await publisher.publish(exposures, [{ key: tokenHash, value: exposure }]);
    await everywhere(key, 401, 'the automatic revocation');
    for (const v of verifiers) expect(await v.me(key)).toEqual({ status: 401, body: { code: 'REVOKED' } });
  });
});
