import { z } from 'zod';
import { envelopeOf } from './envelope.js';
import { ExposureLocation } from './exposures.js';

export const RevocationReason = z.enum(['admin', 'expired', 'exposure_auto', 'deprovisioned']);
export type RevocationReason = z.infer<typeof RevocationReason>;

/** Who acted: a user, or a Keyguard job (`policy`, `expiry-sweeper`). */
export const Actor = z.object({
  type: z.enum(['user', 'system']),
  id: z.string().min(1),
  name: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

export const KeyRevokedPayload = z.object({
  keyId: z.string().min(1),
  teamId: z.string().min(1),
  name: z.string(),
  preview: z.string(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  reason: RevocationReason,
  actor: Actor,
  revokedAt: z.iso.datetime({ offset: true }),
  exposure: z.object({ detectedAt: z.iso.datetime({ offset: true }), locations: z.array(ExposureLocation) }).nullable(),
});
export type KeyRevokedPayload = z.infer<typeof KeyRevokedPayload>;

export const KeyRevoked = envelopeOf('key.revoked', KeyRevokedPayload);
export type KeyRevoked = z.infer<typeof KeyRevoked>;

/** Every event on keyguard.key-events.v1 (more types join this union as they appear). */
export const KeyEvent = z.discriminatedUnion('type', [KeyRevoked]);
export type KeyEvent = z.infer<typeof KeyEvent>;
