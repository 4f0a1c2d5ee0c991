import { relayPublicKeyField } from '@keyguard/ingest-kit';
import { z } from 'zod';
import { flag, httpUrl, kafkaFields, loadConfigOrExit, mongoFields, secret, serviceFields } from '@keyguard/config';

export const Config = z.object({
  ...serviceFields(8082),
  ...kafkaFields,
  ...mongoFields,
  /** The webhook's secret token, sent verbatim in X-Gitlab-Token. */
  GITLAB_WEBHOOK_TOKEN: secret(16),
  GITLAB_URL: httpUrl.default('https://gitlab.com'),
  GITLAB_TOKEN: z.string().optional(),
  /** GitLab gives partners this URL on request; without it POST /secret-detection/gitlab is disabled. */
  GITLAB_PARTNER_KEYS_URL: httpUrl.optional(),
  /** The relay's X25519 public key (base64url SPKI): GitHub tokens found in public are sealed to it. */
  KEYGUARD_RELAY_PUBLIC_KEY: relayPublicKeyField,
  SCAN_PRIVATE: flag(false),
  /** Run the worker in this process (false: receiver only, with workers scaled out separately). */
  INGEST_WORKER: flag(true),
  /** Serve the webhook routes (false: a worker-only process; health endpoints stay up). */
  INGEST_RECEIVER: flag(true),
  PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(9000).default(3000),
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'gitlab-ingest');
