import { relayPublicKeyField } from '@keyguard/ingest-kit';
import { z } from 'zod';
import { flag, httpUrl, kafkaFields, loadConfigOrExit, mongoFields, secret, serviceFields } from '@keyguard/config';

export const Config = z.object({
  ...serviceFields(8081),
  ...kafkaFields,
  ...mongoFields,
  /** Shared secret of the repository/organisation webhook (X-Hub-Signature-256). */
  GITHUB_WEBHOOK_SECRET: secret(16),
  GITHUB_API_URL: httpUrl.default('https://api.github.com'),
  /** Optional: raises the REST rate limit and lets the keys endpoint be called authenticated. */
  GITHUB_TOKEN: z.string().optional(),
  GITHUB_PARTNER_KEYS_URL: httpUrl.default('https://api.github.com/meta/public_keys/secret_scanning'),
  /** The relay's X25519 public key (base64url SPKI): GitHub tokens found in public are sealed to it. */
  KEYGUARD_RELAY_PUBLIC_KEY: relayPublicKeyField,
  /** Scan private repositories too (only public ones by default). */
  SCAN_PRIVATE: flag(false),
  /** Run the worker in this process (false: receiver only, with workers scaled out separately). */
  INGEST_WORKER: flag(true),
  /** Serve the webhook routes (false: a worker-only process; health endpoints stay up). */
  INGEST_RECEIVER: flag(true),
  /** How long Kafka may take to acknowledge before the sender gets 503 (GitHub waits 10 s). */
  PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(9000).default(3000),
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'github-ingest');
