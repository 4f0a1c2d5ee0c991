import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { ingestFields } from '@keyguard/ingest-kit';
import { flag, httpUrl, kafkaFields, loadConfigOrExit, mongoFields, secret, serviceFields } from '@keyguard/config';
import { historyFields } from '@keyguard/ingest-kit';

/** The defaults of the settings below that `startService` callers (tests, embedders) may leave out. */
export const githubDefaults = {
  GITHUB_GIT_URL: 'https://github.com',
  GITHUB_RECONCILE_INTERVAL_MS: 5 * 60_000,
  GITHUB_RECONCILE_HOOKS: [] as string[],
  GITHUB_RECONCILE_LOOKBACK_MS: 24 * 3600_000,
};

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
  /** Where repositories are cloned from (`<url>/<owner>/<repo>.git`) and permalinks point (`<url>/<owner>/<repo>/blob/...`). */
  GITHUB_GIT_URL: httpUrl.default(githubDefaults.GITHUB_GIT_URL),
  ...historyFields,
  /** GitHub App mode: the App's id and private key (PEM; `\n` escapes allowed). Set both or neither. */
  GITHUB_APP_ID: z.coerce.number().int().positive().optional(),
  GITHUB_APP_PRIVATE_KEY: z
    .string()
    .transform((pem) => pem.replace(/\\n/g, '\n'))
    .refine(isPrivateKey, 'must be a PEM private key (the .pem file GitHub generated for the App)')
    .optional(),
  /** The App's webhook secret, when it differs from GITHUB_WEBHOOK_SECRET (deliveries signed with either are accepted). */
  GITHUB_APP_WEBHOOK_SECRET: secret(16).optional(),
  /** Delivery reconciler: how often it runs (0: never). It runs in App mode and for GITHUB_RECONCILE_HOOKS. */
  GITHUB_RECONCILE_INTERVAL_MS: z.coerce.number().int().nonnegative().default(githubDefaults.GITHUB_RECONCILE_INTERVAL_MS),
  /** Repository webhooks to reconcile, `owner/repo:hookId,...` (GITHUB_TOKEN must be allowed to manage their webhooks). */
  GITHUB_RECONCILE_HOOKS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[\w.-]+\/[\w.-]+:\d+$/, 'must be a comma-separated list of owner/repo:hookId')))
    .default([]),
  /** How far back the reconciler's first run looks for failed deliveries. */
  GITHUB_RECONCILE_LOOKBACK_MS: z.coerce.number().int().positive().default(githubDefaults.GITHUB_RECONCILE_LOOKBACK_MS),
  /** Scan private repositories too (only public ones by default). */
  SCAN_PRIVATE: flag(false),
  ...ingestFields,
});
export type Config = z.infer<typeof Config>;

/** Both App settings or neither: one without the other names the missing variable. */
export const ConfigWithApp = Config.superRefine((config, ctx) => {
  if (config.GITHUB_APP_ID !== undefined && config.GITHUB_APP_PRIVATE_KEY === undefined) {
    ctx.addIssue({ code: 'custom', path: ['GITHUB_APP_PRIVATE_KEY'], message: 'is required when GITHUB_APP_ID is set' });
  }
  if (config.GITHUB_APP_PRIVATE_KEY !== undefined && config.GITHUB_APP_ID === undefined) {
    ctx.addIssue({ code: 'custom', path: ['GITHUB_APP_ID'], message: 'is required when GITHUB_APP_PRIVATE_KEY is set' });
  }
});

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(ConfigWithApp, env, 'github-ingest');
