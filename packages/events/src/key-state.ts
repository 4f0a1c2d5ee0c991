import { z } from 'zod';
import { envelopeOf } from './envelope.js';

export const KeyStatus = z.enum(['enabled', 'disabled', 'revoked']);
export type KeyStatus = z.infer<typeof KeyStatus>;

/**
 * The state of one API key, as every verifier needs it. keyguard.key-state.v1 is a compacted
 * table, not an event stream: its record key is the hex SHA-256 of the API key and its value is
 * this object itself (no envelope), so the last record for a hash is the key's state and Kafka's
 * compaction keeps exactly that one. `version` grows by one with every state change written to
 * MongoDB; a reader keeps the highest version it has seen for a hash.
 */
export const KeyState = z.object({
  keyId: z.string().min(1),
  teamId: z.string().min(1),
  ownerId: z.string().min(1),
  /** The owner's email when the state was written (what verification answers carry). */
  ownerEmail: z.string(),
  status: KeyStatus,
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  /** Found in a public place (a finding exists); an exposed key may still be enabled. */
  exposed: z.boolean(),
  version: z.number().int().nonnegative(),
  /** When MongoDB took the change this record carries (propagation is measured from here). */
  changedAt: z.iso.datetime({ offset: true }),
});
export type KeyState = z.infer<typeof KeyState>;

/**
 * Verifications of one key by one verifier, coalesced over at most a second: keyguard.key-usage.v1,
 * keyed by keyId. keys-api turns them into `lastUsedAt` ("Last used", "Used after exposure").
 */
export const KeyUsedPayload = z.object({
  keyId: z.string().min(1),
  teamId: z.string().min(1),
  /** Valid verifications in the window. */
  count: z.number().int().positive(),
  firstUsedAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }),
  /** The reporting verifier (one id per process start). */
  verifier: z.string().min(1),
});
export type KeyUsedPayload = z.infer<typeof KeyUsedPayload>;

export const KeyUsed = envelopeOf('key.used', KeyUsedPayload);
export type KeyUsed = z.infer<typeof KeyUsed>;
