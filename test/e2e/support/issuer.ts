/**
 * The issuer's side for one test file, started in this process on port 0: keys-api (with a
 * bootstrap super admin), policy (its sweeper off) and, when asked, notifier — sharing a
 * fresh database and the given topics.
 */
import { randomBytes } from 'node:crypto';
import { uriWithDatabase } from '@keyguard/testkit/keys';
import { startService as startKeysApi } from '@keyguard/keys-api/service';
import type { Logger } from '@keyguard/logger';
import { startService as startNotifier } from '@keyguard/notifier/service';
import { startService as startPolicy } from '@keyguard/policy/service';
import { watchContract, watchHotAnswer } from '@keyguard/testkit/contract';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface IssuerOptions {
  logger: Logger;
  logLevel: LogLevel;
  dbName: string;
  /** `findings` defaults to a topic named after `keyEvents` (the services create it); keyState and keyUsage: fresh ones unless given; `scanRequests`: where keys-api queues on-demand scans (the real topic when absent). */
  topics: { exposures: string; keyEvents: string; findings?: string; keyState?: string; keyUsage?: string; scanRequests?: string };
  adminKey: string;
  admin?: { email: string; name: string };
  /** The built dashboard keys-api serves; none by default. */
  dashboardDir?: string;
  /** Start the notifier too (emails go to SMTP_URL). */
  notifier?: boolean;
  /** More keys-api settings (e.g. OIDC_ISSUER). */
  keysApi?: Record<string, unknown>;
  /** KEYGUARD_CHANNEL_ENCRYPTION_KEY for keys-api and the notifier (notification channels). */
  channelEncryptionKey?: string;
  /** KEYGUARD_DIGEST_WINDOW_MS for keys-api and the notifier: 5 minutes unless a test needs a person's second email sooner. */
  digestWindowMs?: number;
}

export interface Issuer {
  keysApiUrl: string;
  /** The consumer groups of policy and (when started) notifier, to wait until they have handled everything. */
  groups: { policy: string; notifier?: string };
  /** The topics the services of the file share (key-state: what verifiers follow). */
  topics: { exposures: string; keyEvents: string; keyState: string; keyUsage: string };
  /** The config every service of the file shares (for services started beside these). */
  common: { HOST: string; PORT: number; LOG_LEVEL: LogLevel; KAFKA_BROKERS: string[]; MONGODB_URI: string };
  stop(): Promise<void>;
}

const suffix = () => randomBytes(4).toString('hex');

export async function startIssuer(options: IssuerOptions): Promise<Issuer> {
  const common = {
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: options.logLevel,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS']!.split(','),
    MONGODB_URI: uriWithDatabase(process.env['MONGODB_URI']!, options.dbName),
  };
  const { logger } = options;
  const topics = {
    ...options.topics,
    findings: options.topics.findings ?? `${options.topics.keyEvents}.findings`,
    keyState: options.topics.keyState ?? `e2e.key-state.${suffix()}`,
    keyUsage: options.topics.keyUsage ?? `e2e.key-usage.${suffix()}`,
  };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    const keysApi = await startKeysApi(
      {
        ...common,
        KEYGUARD_BOOTSTRAP_ADMIN_KEY: options.adminKey,
        BOOTSTRAP_ADMIN_EMAIL: options.admin?.email ?? `admin.${suffix()}@example.test`,
        BOOTSTRAP_ADMIN_NAME: options.admin?.name ?? 'Admin',
        SESSION_TTL_HOURS: 1,
        LAST_USED_GRANULARITY_MS: 1000,
        SESSION_COOKIE_SECURE: false,
        DASHBOARD_DIR: options.dashboardDir ?? '/nonexistent',
        KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: true,
        KEYGUARD_DIGEST_WINDOW_MS: options.digestWindowMs ?? 300_000,
        ...(options.channelEncryptionKey ? { KEYGUARD_CHANNEL_ENCRYPTION_KEY: options.channelEncryptionKey } : {}),
        ...options.keysApi,
      },
      {
        logger,
        topics: {
          keyEvents: topics.keyEvents,
          findings: topics.findings,
          keyState: topics.keyState,
          keyUsage: topics.keyUsage,
          ...(topics.scanRequests ? { scanRequests: topics.scanRequests } : {}),
        },
        extend: watchContract,
        watchHotAnswers: watchHotAnswer,
      },
    );
    stops.push(keysApi.stop);
    const keysApiUrl = `http://127.0.0.1:${keysApi.port}`;
    const groups: Issuer['groups'] = { policy: `e2e-policy-${suffix()}` };
    const policy = await startPolicy({ ...common, SWEEP_INTERVAL_MS: 60_000 }, { logger, topics, groupId: groups.policy, sweeper: false });
    stops.push(policy.stop);
    if (options.notifier) {
      groups.notifier = `e2e-notifier-${suffix()}`;
      const notifier = await startNotifier(
        {
          ...common,
          SMTP_URL: process.env['SMTP_URL']!,
          MAIL_FROM: 'Keyguard <keyguard@localhost>',
          DASHBOARD_URL: `${keysApiUrl}/`,
          KEYGUARD_DIGEST_WINDOW_MS: options.digestWindowMs ?? 300_000,
          DIGEST_SETTLE_MS: 500,
          KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: true,
          WEBHOOK_RETRY_INITIAL_MS: 200,
          WEBHOOK_RETRY_MAX_MS: 2000,
          WEBHOOK_RETRY_FOR_MS: 86_400_000,
          WEBHOOK_TIMEOUT_MS: 5000,
          WEEKLY_DIGEST_PERIOD_MS: 7 * 86_400_000,
          WEEKLY_DIGEST_CHECK_MS: 60_000,
          ...(options.channelEncryptionKey ? { KEYGUARD_CHANNEL_ENCRYPTION_KEY: options.channelEncryptionKey } : {}),
        },
        { logger, topics: { keyEvents: topics.keyEvents, findings: topics.findings }, groupId: groups.notifier, tickMs: 200 },
      );
      stops.push(notifier.stop);
    }
    return { keysApiUrl, topics, common, groups, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
