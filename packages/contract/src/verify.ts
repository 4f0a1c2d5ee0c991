import { z } from 'zod';
import { DateTime } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';

/** A Keyguard API key: `PMAK-` + 24 hex + `-` + 34 hex. */
const API_KEY = /^PMAK-[0-9a-f]{24}-[0-9a-f]{34}$/;

export const VerifyKey = z.object({
  key: z
    .string()
    .min(1, 'must not be empty')
    .max(512, 'is far longer than a Keyguard API key')
    .regex(API_KEY, 'must be a Keyguard API key (PMAK-<24 hex>-<34 hex>)')
    .describe('The full key a client presented to your API. Never stored, logged or echoed.'),
});
export type VerifyKey = z.input<typeof VerifyKey>;

export const VerifyCode = z.enum(['VALID', 'NOT_FOUND', 'DISABLED', 'REVOKED', 'EXPIRED']);
export type VerifyCode = z.output<typeof VerifyCode>;

/**
 * Whether a key is good, and whose it is: the same shape @keyguard/verify answers in-process.
 * Only keys of the caller's team are found; any other key is NOT_FOUND.
 */
export const Verification = z
  .object({
    valid: z.boolean(),
    code: VerifyCode,
    keyId: z.string().optional(),
    teamId: z.string().optional(),
    owner: z.object({ id: z.string(), email: z.string() }).optional(),
    expiresAt: DateTime.nullable().optional(),
    /** Found in a public place (a finding exists), whether or not it still works. */
    exposed: z.boolean(),
  })
  .meta({ id: 'Verification' });
export type Verification = z.output<typeof Verification>;

export const verifyKey = endpoint({
  method: 'POST',
  url: '/keys/verify',
  schema: {
    summary: 'Verify a key (service token with scope keys:verify, or an admin key); failed calls are throttled per caller (429)',
    description:
      'Answers from the key-state table keys-api follows (the same one every @keyguard/verify reads), so a revocation shows here within milliseconds. The work is the same whether the key exists or not: a SHA-256 and one lookup. A malformed, empty or oversized body is a 400/413 with the reason.',
    tags: ['keys'],
    security: [{ bearer: [] }, { apiKey: [] }],
    body: VerifyKey,
    response: { 200: Verification, ...errors(...bodyErrors, ...authErrors, 429) },
  },
});
