import { z } from 'zod';
import { ingestFields } from '@keyguard/ingest-kit';
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
  /** Scan private repositories too (only public ones by default). */
  SCAN_PRIVATE: flag(false),
  ...ingestFields,
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'github-ingest');
