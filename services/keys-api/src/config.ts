import { z } from 'zod';
import { flag, kafkaFields, loadConfigOrExit, mongoFields, serviceFields } from '@keyguard/config';

export const Config = z
  .object({
    ...serviceFields(8080),
    ...kafkaFields,
    ...mongoFields,
    /** A PMAK-format key for a super admin of the default team, created at start if absent; changing it revokes the earlier one. */
    KEYGUARD_BOOTSTRAP_ADMIN_KEY: z
      .string()
      .regex(/^PMAK-[0-9a-f]{24}-[0-9a-f]{34}$/, 'must be a Postman-format key (PMAK-<24 hex>-<34 hex>)')
      .optional(),
    BOOTSTRAP_ADMIN_EMAIL: z.string().email('must be an email address').default('admin@keyguard.local'),
    BOOTSTRAP_ADMIN_NAME: z.string().min(1).default('Keyguard Admin'),
    /** The dashboard's built assets; defaults to services/dashboard/dist beside this package. */
    DASHBOARD_DIR: z.string().optional(),
    SESSION_TTL_HOURS: z.coerce.number({ message: 'must be a number of hours' }).positive().default(12),
    /** How fresh lastUsedAt is kept: a key's use is written when the stored value is older than this (default 1000). */
    LAST_USED_GRANULARITY_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(0).default(1000),
    /** Mark the session cookie Secure and send HSTS (set when served over HTTPS). */
    SESSION_COOKIE_SECURE: flag(false),
    /** Allow notification channels on loopback, private and link-local addresses (local receivers, tests). */
    KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: flag(false).optional(),
    /** 64 hex: encrypts channel signing secrets at rest (the notifier decrypts them to sign). Channels answer 503 without it. */
    KEYGUARD_CHANNEL_ENCRYPTION_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
      .optional(),
    /** The operator's default alert digest window (the notifier applies it; shown in Settings for teams without their own). */
    KEYGUARD_DIGEST_WINDOW_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(1000).optional(),
    /**
     * POST /api/v1/keys/verify is answered below Fastify, by the route's own steps (default true);
     * false leaves it to the Fastify route (the reference, what the OpenAPI document describes).
     */
    VERIFY_FAST_PATH: flag(true).optional(),
    /** Failed authentications per client address per minute before 429 (default 20). */
    AUTH_FAILURES_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int().min(1).optional(),
    /** POST /session calls per client address per minute (default 30). */
    SESSION_OPENS_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int().min(1).optional(),
    /**
     * Behind a reverse proxy: whose X-Forwarded-For to believe for the client address the rate
     * limits count by — `true`, a number of hops, or comma-separated addresses/CIDRs. Unset: none.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a number of hops or comma-separated addresses')
      .transform((v) => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
      .optional(),
    /**
     * Single sign-on for the dashboard (OpenID Connect, authorization code + PKCE): the provider's
     * issuer URL and this client's id and secret. All three, or none.
     */
    OIDC_ISSUER: z.url('must be the issuer URL of an OpenID provider').optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Where the provider sends people back; default `<the address they used>/api/v1/session/oidc/callback`. */
    OIDC_REDIRECT_URI: z.url('must be a URL').optional(),
    /** The team people signing in with SSO belong to (default: the bootstrap team). */
    OIDC_TEAM_ID: z.string().min(1).optional(),
    /** A claim listing the person's groups (e.g. `groups`): "Keyguard Team Admins" in it makes them a team admin. */
    OIDC_GROUPS_CLAIM: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    const set = [c.OIDC_ISSUER, c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET].filter((v) => v !== undefined).length;
    if (set !== 0 && set !== 3) {
      for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
        if (c[name] === undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: 'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none)' });
      }
    }
  });
export type Config = z.infer<typeof Config>;

/** KEYGUARD_DIGEST_WINDOW_MS when the operator sets none (the notifier's default too). */
export const DEFAULT_DIGEST_WINDOW_MS = 5 * 60 * 1000;

/** The operator's default digest window. */
export const digestWindowOf = (config: Config) => config.KEYGUARD_DIGEST_WINDOW_MS ?? DEFAULT_DIGEST_WINDOW_MS;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'keys-api');
