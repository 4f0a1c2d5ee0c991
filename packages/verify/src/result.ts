import { z } from 'zod';

/**
 * The answer to "is this key good?", the same from the in-process verifier and from
 * `POST /api/v1/keys/verify`. It never carries the key. `UNAVAILABLE` comes only from a
 * verifier that cannot vouch for its table (not caught up yet, or out of touch with Kafka for
 * longer than `maxStalenessMs` while failing closed).
 */
export const VerifyCode = z.enum(['VALID', 'NOT_FOUND', 'DISABLED', 'REVOKED', 'EXPIRED', 'UNAVAILABLE']);
export type VerifyCode = z.infer<typeof VerifyCode>;

export const VerifyResult = z.object({
  valid: z.boolean(),
  code: VerifyCode,
  keyId: z.string().optional(),
  teamId: z.string().optional(),
  owner: z.object({ id: z.string(), email: z.string() }).optional(),
  /** ISO 8601, or null for a key that never expires. */
  expiresAt: z.string().nullable().optional(),
  /** Found in a public place (a finding exists), whether or not it still works. */
  exposed: z.boolean(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const NOT_FOUND: VerifyResult = Object.freeze({ valid: false, code: 'NOT_FOUND', exposed: false });
export const UNAVAILABLE: VerifyResult = Object.freeze({ valid: false, code: 'UNAVAILABLE', exposed: false });
