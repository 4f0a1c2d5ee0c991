import { flag, secret } from '@keyguard/config';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

/**
 * The environment every ingest service reads beyond its provider's own variables: operational
 * switches and the limits that keep one sender from starving the others (issue 10).
 */
export const ingestFields = {
  /** Run the worker in this process (false: receiver only, with workers scaled out separately). */
  INGEST_WORKER: flag(true),
  /** Serve the webhook routes (false: a worker-only process; health endpoints stay up). */
  INGEST_RECEIVER: flag(true),
  /** How long Kafka may take to acknowledge before the sender gets 503 (GitHub waits 10 s). */
  PUBLISH_TIMEOUT_MS: int(100, 9000, 3000),
  /**
   * The deployment's key for HMAC-SHA256 of secrets that may be guessable (passwords in URLs,
   * partner-alert tokens of no known format): their `tokenHash` cannot be brute-forced offline
   * by someone who reads Kafka or MongoDB. Every ingest service of a deployment needs the same.
   */
  KEYGUARD_HASH_KEY: secret(32),
  /** The relay's X25519 public key (base64url SPKI): GitHub tokens found in public are sealed to it. */
  KEYGUARD_RELAY_PUBLIC_KEY: relayPublicKeyField,
  /** Secrets one event may report one by one; the rest become one `too-many-secrets` exposure. */
  MAX_EXPOSURES_PER_EVENT: int(1, 10_000, 100),
  /** A webhook request must have arrived whole (headers and body) within this time. */
  REQUEST_TIMEOUT_MS: int(1000, 120_000, 20_000),
  /** Request bodies over 1 MiB read at the same time; more get 503 with Retry-After. */
  LARGE_BODY_SLOTS: int(1, 256, 4),
  /** Each call to a provider's API (GitHub, GitLab, Postman, partner keys) must finish within this time. */
  UPSTREAM_TIMEOUT_MS: int(1000, 300_000, 20_000),
  /** The largest answer read from a provider's API; a larger one is skipped as too large. */
  UPSTREAM_MAX_BYTES: int(64 * 1024, 1024 * 1024 * 1024, 16 * 1024 * 1024),
};

/**
 * The operational switches every ingest service has, with the defaults its env schema gives
 * them: `startService` callers (tests, embedders) may leave them out.
 */
import { historyDefaults } from './history-config.js';
import { relayPublicKeyField } from './relay-sealing.js';

export const ingestDefaults = {
  ...historyDefaults,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  SCAN_PRIVATE: false,
  INGEST_WORKER: true,
  INGEST_RECEIVER: true,
  PUBLISH_TIMEOUT_MS: 3000,
  MAX_EXPOSURES_PER_EVENT: 100,
  REQUEST_TIMEOUT_MS: 20_000,
  LARGE_BODY_SLOTS: 4,
  UPSTREAM_TIMEOUT_MS: 20_000,
  UPSTREAM_MAX_BYTES: 16 * 1024 * 1024,
} as const;

type Defaulted = keyof typeof ingestDefaults;

/** A service's full config with the defaulted switches optional. */
export type IngestServiceConfig<C> = Omit<C, Defaulted> & Partial<Pick<C, Extract<Defaulted, keyof C>>>;

export function withIngestDefaults<C>(input: IngestServiceConfig<C>): C {
  return { ...ingestDefaults, ...input } as C;
}
