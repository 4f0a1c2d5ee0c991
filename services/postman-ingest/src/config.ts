import { z } from 'zod';
import { ingestFields } from '@keyguard/ingest-kit';
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
  SCAN_PRIVATE: flag(false),
  ...ingestFields,
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'postman-ingest');
