import { z } from 'zod';
import { envelopeOf } from './envelope.js';
import { Provider } from './source-events.js';

/** Hex SHA-256 of the exact raw token: the only form of a secret that leaves the scanner. */
export const TokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256');

export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

export const ExposureLocation = z.object({
  source: Provider,
  /** What kind of place: `commit`, `partner_alert`, `collection`, `environment`, ... */
  kind: z.string().min(1),
  /** A permalink a person can open (may be empty for partner alerts without one). */
  url: z.string(),
  repository: z.string().optional(),
  commit: z.string().optional(),
  path: z.string().optional(),
  line: z.number().int().positive().optional(),
  resourceType: z.string().optional(),
  resourceId: z.string().optional(),
  workspaceId: z.string().optional(),
  jsonPath: z.string().optional(),
  /** When the place became public, as far as the source tells: the commit's time (history scans) or the event's (a push, a Postman change). */
  publishedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ExposureLocation = z.infer<typeof ExposureLocation>;

/**
 * The rule id of the one exposure that stands for an event's secrets beyond the per-event cap
 * (a collection stuffed with thousands of secret-shaped strings). Its `tokenHash` is not the
 * hash of a secret but a stable id of the place (the same resource always gives the same one),
 * so policy keeps one "too many secrets" finding per place.
 */
export const TOO_MANY_SECRETS_RULE = 'too-many-secrets';

/** What an event over the cap held: reported one by one up to the cap, counted here in full. */
export const ExposureOverflow = z.object({
  /** Distinct secret occurrences in the event. */
  total: z.number().int().positive(),
  /** How many of them were published as their own exposures (the most confident first). */
  reported: z.number().int().nonnegative(),
  /** Occurrences per rule id. */
  byRule: z.record(z.string(), z.number().int().positive()),
});
export type ExposureOverflow = z.infer<typeof ExposureOverflow>;

export const ExposurePayload = z.object({
  tokenHash: TokenHash,
  ruleId: z.string().min(1),
  /** Redacted preview such as `PMAK-…a1b2`; never the secret. */
  redacted: z.string().min(1).max(64),
  confidence: Confidence,
  detectedAt: z.iso.datetime({ offset: true }),
  location: ExposureLocation,
  /**
   * Only for a token its issuer can revoke (e.g. a GitHub token) found in a public place, when
   * the deployment has a relay: the token sealed to the relay's X25519 public key
   * (`@keyguard/seal`, additional data = tokenHash). Nothing but the relay can open it.
   */
  sealedToken: z.string().startsWith('ks1.').max(1024).optional(),
  /** Only on a `too-many-secrets` exposure. */
  overflow: ExposureOverflow.optional(),
});
export type ExposurePayload = z.infer<typeof ExposurePayload>;

export const ExposureDetected = envelopeOf('exposure.detected', ExposurePayload);
export type ExposureDetected = z.infer<typeof ExposureDetected>;
