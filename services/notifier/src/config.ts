import { z } from 'zod';
import { flag, httpUrl, kafkaFields, loadConfigOrExit, mongoFields, serviceFields, smtpUrl } from '@keyguard/config';

const ms = (what: string) => z.coerce.number({ message: `must be a number of milliseconds (${what})` }).int();

export const Config = z.object({
  ...serviceFields(8091),
  ...kafkaFields,
  ...mongoFields,
  SMTP_URL: smtpUrl,
  /** Sender of the emails. */
  MAIL_FROM: z.string().default('Keyguard <keyguard@localhost>'),
  /** Where the email's "what to do next" links point (the dashboard). */
  DASHBOARD_URL: httpUrl.default('http://127.0.0.1:8080/'),
  /** The alert digest window of every team that has not set its own: one email per person per window. */
  KEYGUARD_DIGEST_WINDOW_MS: ms('the digest window')
    .min(1000)
    .max(7 * 24 * 3600 * 1000)
    .default(5 * 60 * 1000),
  /** The leading edge: a person's first alert after a quiet window waits this long for the rest of a burst. */
  DIGEST_SETTLE_MS: ms('the digest settle time').min(0).max(60_000).default(2000),
  /** Allow channel URLs on loopback, private and link-local addresses (local receivers, tests). */
  KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: flag(false),
  /** 64 hex: decrypts channel signing secrets (keys-api encrypts them with the same key). */
  KEYGUARD_CHANNEL_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  /** First retry of a failed delivery; doubles per attempt up to WEBHOOK_RETRY_MAX_MS, for WEBHOOK_RETRY_FOR_MS. */
  WEBHOOK_RETRY_INITIAL_MS: ms('the first retry delay').min(10).default(10_000),
  WEBHOOK_RETRY_MAX_MS: ms('the longest retry delay')
    .min(10)
    .default(60 * 60 * 1000),
  WEBHOOK_RETRY_FOR_MS: ms('the retry period')
    .min(1000)
    .default(24 * 60 * 60 * 1000),
  WEBHOOK_TIMEOUT_MS: ms('the request timeout').min(100).max(60_000).default(10_000),
  /** The weekly insights email's period (teams that opted in): a week, starting Mondays 00:00 UTC. */
  WEEKLY_DIGEST_PERIOD_MS: ms('the weekly insights period')
    .min(1000)
    .default(7 * 24 * 60 * 60 * 1000),
  /** How often the notifier looks whether a period's weekly email is due. */
  WEEKLY_DIGEST_CHECK_MS: ms('the weekly insights check interval').min(100).default(60_000),
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'notifier');
