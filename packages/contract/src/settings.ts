import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { ApiError, authErrors, bodyErrors, errors } from './errors.js';
import { Key } from './keys.js';

export const Settings = z
  .object({
    allowMemberKeyGeneration: z.boolean(),
    /** When set, every key expires `createdAt + keyExpiryDays` days. */
    keyExpiryDays: z.number().int().min(1).nullable(),
    autoRevokeExposed: z.boolean(),
    /** False: the dashboard takes single sign-on only (OpenID Connect), not an API key. API calls with keys are unaffected. */
    apiKeySignIn: z.boolean(),
    /** Also emailed about every exposure of the team's keys and every third-party finding. */
    securityContacts: z.array(z.string()),
    /** The team's alert digest window; null until an admin sets one (the operator default applies). */
    digestWindowMs: z.number().int().nullable(),
    /** KEYGUARD_DIGEST_WINDOW_MS: the window while digestWindowMs is null (read-only). */
    digestWindowDefaultMs: z.number().int(),
    /** Report third-party tokens found in public (GitHub tokens) to their issuers for revocation. */
    relayThirdPartyTokens: z.boolean(),
    /** Opt-in (off by default): every team admin is emailed the last 7 days' insights once a week. */
    weeklyDigest: z.boolean(),
  })
  .meta({ id: 'Settings' });
export type Settings = z.output<typeof Settings>;

export const PatchSettings = z
  .object({
    allowMemberKeyGeneration: z.boolean().optional(),
    keyExpiryDays: z.number().int().min(1).max(3650).nullable().optional(),
    autoRevokeExposed: z.boolean().optional(),
    /** Turning it off needs single sign-on configured (409 SSO_NOT_CONFIGURED otherwise). */
    apiKeySignIn: z.boolean().optional(),
    /** When turning autoRevokeExposed on while exposed keys exist: revoke them, or leave them. */
    existingExposed: z.enum(['revoke', 'ignore']).optional().describe('Required to turn autoRevokeExposed on while exposed keys exist'),
    securityContacts: z.array(z.email('must be an email address')).max(20).optional(),
    /** 1 minute to 1 day; null goes back to the operator default. */
    digestWindowMs: z.number().int().min(60_000).max(86_400_000).nullable().optional(),
    relayThirdPartyTokens: z.boolean().optional(),
    weeklyDigest: z.boolean().optional(),
    /** Required when the new keyExpiryDays expires keys at once, and to turn relayThirdPartyTokens on. */
    confirm: z.boolean().optional().describe('Required when keyExpiryDays expires keys at once, and to turn relayThirdPartyTokens on'),
  })
  .strict();
export type PatchSettings = z.input<typeof PatchSettings>;

/** What PATCH /settings answers: the settings now, and what applying them did. */
export const SettingsResult = Settings.extend({
  /** Keys expired (revoked) at once by a new expiry. */
  expiresNow: z.number().int(),
  revokedExposed: z.number().int(),
});
export type SettingsResult = z.output<typeof SettingsResult>;

/** PATCH /settings needs a decision before it changes anything. */
export const SettingsConflict = z.discriminatedUnion('error', [
  ApiError.omit({ issues: true }).extend({
    error: z.literal('EXPOSED_KEYS_EXIST'),
    code: z.literal('EXPOSED_KEYS_EXIST'),
    exposedCount: z.number().int(),
    keys: z.array(Key),
  }),
  ApiError.omit({ issues: true }).extend({
    error: z.literal('CONFIRM_EXPIRY'),
    code: z.literal('CONFIRM_EXPIRY'),
    expiresNow: z.number().int(),
  }),
  ApiError.omit({ issues: true }).extend({ error: z.literal('SSO_NOT_CONFIGURED') }),
  ApiError.omit({ issues: true }).extend({
    error: z.literal('CONFIRM_RELAY'),
    code: z.literal('CONFIRM_RELAY'),
    /** What reporting third-party tokens does: the dashboard shows it before turning it on. */
    message: z.string(),
  }),
]);
export type SettingsConflict = z.output<typeof SettingsConflict>;

const tags = ['settings'];

export const getSettings = endpoint({
  method: 'GET',
  url: '/settings',
  schema: { summary: "The team's settings (admins)", tags, response: { 200: Settings, ...errors(...authErrors, 403) } },
});

export const patchSettings = endpoint({
  method: 'PATCH',
  url: '/settings',
  schema: {
    summary: 'Change team settings (admins); 409 EXPOSED_KEYS_EXIST / CONFIRM_EXPIRY / CONFIRM_RELAY until the caller decides',
    tags,
    body: PatchSettings,
    response: { 200: SettingsResult, 409: SettingsConflict, ...errors(...bodyErrors, ...authErrors, 403) },
  },
});
