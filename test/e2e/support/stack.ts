/**
 * The real stack for the dashboard's browser tests, in this process: keys-api (REST API +
 * built dashboard) and policy (exposures → findings / auto-revocation) on port 0, a fresh
 * MongoDB database and fresh Kafka topics, so parallel test files never see each other.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKafka, createPublisher, type Publisher } from '@keyguard/bus';
import { createTestTopic } from '@keyguard/testkit/bus';
import { createEnvelope, type ExposureLocation } from '@keyguard/events';
import { hashApiKey, issueApiKey, newId } from '@keyguard/keys';
import { createLogger } from '@keyguard/logger';
import { connectStore, repositoriesOf } from '@keyguard/store';
import { randomPmak } from '@keyguard/testkit/keys';
import { uniqueDbName } from '@keyguard/testkit/store';
import { startIssuer } from './issuer.js';

export const dashboardDist = fileURLToPath(new URL('../../../services/dashboard/dist/', import.meta.url));

/** The browser tests exercise the built dashboard: `npm test` builds it first (turbo run build). */
export function requireDashboardBuild(): void {
  if (!existsSync(`${dashboardDist}index.html`)) {
    throw new Error(
      `services/dashboard/dist is missing: build the dashboard first with \`npx turbo run build --filter=@keyguard/dashboard\` (npm test does this for you).`,
    );
  }
}

/** A Postman-format key generated at run time (no realistic literal token is ever committed). */
export const generateKey = randomPmak;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the integration project's global setup checks this)`);
  return value;
}

export interface IssuedKey {
  id: string;
  name: string;
  preview: string;
  /** The raw key, known only to the test (the API shows it once). */
  secret: string;
}

export interface Stack {
  url: string;
  adminKey: string;
  kafka: ReturnType<typeof createKafka>;
  /** Calls keys-api as `key` (Bearer), failing on any non-2xx answer. */
  call<T = unknown>(key: string, method: string, path: string, body?: unknown): Promise<T>;
  /** Publishes one ExposureDetected for `secret` to the exposures topic policy consumes. */
  publishExposure(secret: string, location: Partial<ExposureLocation> & { detectedAt?: Date }): Promise<void>;
  /** Inserts `count` enabled keys straight into the database (volume for paging). */
  seedKeys(count: number, owner: { teamId: string; userId: string }): Promise<void>;
  /** Moves a key's creation date into the past (what a months-old key looks like). */
  backdateKey(id: string, createdAt: Date): Promise<void>;
  /**
   * A team of its own (default settings) with a super admin and their key: what lets every
   * browser test start from the same state whatever ran before it.
   */
  newTeam(admin: { name: string; email: string }, keyName: string): Promise<{ teamId: string; userId: string; key: IssuedKey }>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** More keys-api settings (e.g. OIDC_ISSUER). */
  keysApi?: Record<string, unknown>;
  /** Start the notifier too, with this channel encryption key (channels on loopback allowed). */
  channelEncryptionKey?: string;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const brokers = env('KAFKA_BROKERS').split(',');
  const dbName = uniqueDbName('dashboard_e2e');
  const logger = createLogger({ name: 'dashboard-e2e', level: (process.env['E2E_LOG_LEVEL'] as 'info' | undefined) ?? 'error' });
  const kafka = createKafka({ brokers, clientId: 'dashboard-e2e', logger });
  const topics = { exposures: await createTestTopic(kafka, 'dash-exp', 1), keyEvents: await createTestTopic(kafka, 'dash-keyev', 1) };
  const adminKey = generateKey();
  const issuer = await startIssuer({
    logger,
    logLevel: 'warn',
    dbName,
    topics,
    adminKey,
    admin: { email: 'ada@acme.test', name: 'Ada Admin' },
    dashboardDir: dashboardDist,
    ...(options.keysApi ? { keysApi: options.keysApi } : {}),
    ...(options.channelEncryptionKey ? { notifier: true, channelEncryptionKey: options.channelEncryptionKey } : {}),
  });
  const publisher: Publisher = createPublisher(kafka, { logger });
  const store = await connectStore({ uri: issuer.common.MONGODB_URI, logger });
  const repos = repositoriesOf(store);
  const url = issuer.keysApiUrl;

  return {
    url,
    adminKey,
    kafka,
    async call<T>(key: string, method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async publishExposure(secret, location) {
      const { detectedAt = new Date(), ...where } = location;
      const tokenHash = hashApiKey(secret);
      const envelope = createEnvelope(
        'exposure.detected',
        {
          tokenHash,
          ruleId: 'postman-api-key',
          redacted: `${secret.slice(0, 5)}…${secret.slice(-4)}`,
          confidence: 'high',
          detectedAt: detectedAt.toISOString(),
          location: { source: 'github', kind: 'commit', url: 'https://github.com/acme/payments/blob/4f2a9c1/config/.env#L12', ...where },
        },
        { source: 'dashboard-e2e' },
      );
      await publisher.publish(topics.exposures, [{ key: tokenHash, value: envelope }]);
    },
    async seedKeys(count, owner) {
      const start = Date.now() - count * 60_000;
      const docs = Array.from({ length: count }, (_, i) => {
        const material = issueApiKey();
        return {
          _id: newId('key'),
          hash: material.hash,
          preview: material.preview,
          name: `Bulk key ${String(i + 1).padStart(4, '0')}`,
          teamId: owner.teamId,
          createdBy: owner.userId,
          createdAt: new Date(start + i * 60_000),
          expiresAt: null,
          lastUsedAt: null,
          status: 'enabled' as const,
          revokedAt: null,
          revocation: null,
          exposure: null,
        };
      });
      await store.collections.apiKeys.insertMany(docs, { ordered: false });
    },
    async backdateKey(id, createdAt) {
      const result = await store.collections.apiKeys.updateOne({ _id: id }, { $set: { createdAt } });
      if (result.matchedCount !== 1) throw new Error(`no key ${id} to backdate`);
    },
    async newTeam(admin, keyName) {
      const now = new Date();
      const teamId = newId('team');
      const userId = newId('usr');
      const material = issueApiKey();
      await repos.teams.ensure({
        _id: teamId,
        name: `Team ${teamId}`,
        settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false },
        createdAt: now,
        updatedAt: now,
      });
      await repos.users.insert({ _id: userId, teamId, email: admin.email, name: admin.name, role: 'super_admin', createdAt: now });
      const key = { _id: newId('key'), hash: material.hash, preview: material.preview, name: keyName, teamId, createdBy: userId, createdAt: now };
      await repos.keys.insert({ ...key, expiresAt: null, lastUsedAt: null, status: 'enabled', revokedAt: null, revocation: null, exposure: null });
      return { teamId, userId, key: { id: key._id, name: keyName, preview: material.preview, secret: material.raw } };
    },
    async stop() {
      await publisher.disconnect().catch(() => {});
      await store.close();
      await issuer.stop();
    },
  };
}
