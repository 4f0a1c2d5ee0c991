import { z } from 'zod';
import { ingestFields } from '@keyguard/ingest-kit';
import { flag, httpUrl, kafkaFields, loadConfigOrExit, mongoFields, secret, serviceFields } from '@keyguard/config';
import { historyFields } from '@keyguard/ingest-kit';

export const Config = z.object({
  ...serviceFields(8082),
  ...kafkaFields,
  ...mongoFields,
  /** The webhook's secret token, sent verbatim in X-Gitlab-Token. */
  GITLAB_WEBHOOK_TOKEN: secret(16),
  GITLAB_URL: httpUrl.default('https://gitlab.com'),
  GITLAB_TOKEN: z.string().optional(),
  /** Where projects are cloned from (`<url>/<group>/<project>.git`) and permalinks point; GITLAB_URL when unset. */
  GITLAB_GIT_URL: httpUrl.optional(),
  ...historyFields,
  /** GitLab gives partners this URL on request; without it POST /secret-detection/gitlab is disabled. */
  GITLAB_PARTNER_KEYS_URL: httpUrl.optional(),
  SCAN_PRIVATE: flag(false),
  ...ingestFields,
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'gitlab-ingest');
