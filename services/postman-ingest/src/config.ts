import { relayPublicKeyField } from '@keyguard/ingest-kit';
import { z } from 'zod';
import { flag, httpUrl, kafkaFields, loadConfigOrExit, mongoFields, secret, serviceFields } from '@keyguard/config';

export const Config = z.object({
  ...serviceFields(8083),
  ...kafkaFields,
  ...mongoFields,
  /** HMAC key of X-Postman-Signature. */
  POSTMAN_WEBHOOK_SECRET: secret(16),
  POSTMAN_API_URL: httpUrl.default('https://api.getpostman.com'),
  /** Sent as X-Api-Key when the worker fetches a resource. */
  POSTMAN_API_KEY: z.string().optional(),
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
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'postman-ingest');
