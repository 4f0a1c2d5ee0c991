import { z } from 'zod';
import { envelopeOf } from './envelope.js';
import { Confidence, ExposureLocation, TokenHash } from './exposures.js';
import { Actor } from './key-events.js';

/** One of the team's keys, as people name it: never the key, never its hash. */
export const KeyRef = z.object({
  id: z.string().min(1),
  name: z.string(),
  preview: z.string(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});
export type KeyRef = z.infer<typeof KeyRef>;

/**
 * What the policy did about an exposure: `revoked` (the team auto-revokes), `marked_exposed`
 * (the key stays alive, the finding is open), `already_revoked` (a dead key found again),
 * `recorded` (not one of our keys: a third-party or unknown token, only a finding).
 */
export const ExposureAction = z.enum(['revoked', 'marked_exposed', 'already_revoked', 'recorded']);
export type ExposureAction = z.infer<typeof ExposureAction>;

export const RecordedLocation = ExposureLocation.extend({ detectedAt: z.iso.datetime({ offset: true }) });
export type RecordedLocation = z.infer<typeof RecordedLocation>;

/**
 * The policy recorded new places of one token (one event per token per batch, only when it
 * added something: a redelivered exposure publishes nothing new). It carries the team and the
 * key's owner, so the notifier alerts people without re-deriving the policy's decisions.
 */
export const ExposureRecordedPayload = z.object({
  findingId: z.string().min(1),
  tokenHash: TokenHash,
  ruleId: z.string().min(1),
  redacted: z.string().min(1).max(64),
  confidence: Confidence,
  /** The team whose key this is; null for a token that is none of our keys (every team's admins see it). */
  teamId: z.string().min(1).nullable(),
  key: KeyRef.nullable(),
  action: ExposureAction,
  /** True when this is the token's first sighting (the finding was created now). */
  findingCreated: z.boolean(),
  /** True when a resolved finding was reopened by a new place. */
  reopened: z.boolean(),
  /** The places added now. */
  locations: z.array(RecordedLocation).min(1),
});
export type ExposureRecordedPayload = z.infer<typeof ExposureRecordedPayload>;
export const ExposureRecorded = envelopeOf('exposure.recorded', ExposureRecordedPayload);
export type ExposureRecorded = z.infer<typeof ExposureRecorded>;

export const FindingResolvedPayload = z.object({
  findingId: z.string().min(1),
  tokenHash: TokenHash,
  ruleId: z.string().min(1),
  redacted: z.string().min(1).max(64),
  teamId: z.string().min(1).nullable(),
  keyId: z.string().nullable(),
  resolution: z.enum(['revoked', 'false_positive', 'wont_fix', 'ignored']),
  actor: Actor,
  resolvedAt: z.iso.datetime({ offset: true }),
});
export type FindingResolvedPayload = z.infer<typeof FindingResolvedPayload>;
export const FindingResolved = envelopeOf('finding.resolved', FindingResolvedPayload);
export type FindingResolved = z.infer<typeof FindingResolved>;

/** Every event on keyguard.findings.v1 (keyed by tokenHash: one token's events stay in order). */
export const FindingEvent = z.discriminatedUnion('type', [ExposureRecorded, FindingResolved]);
export type FindingEvent = z.infer<typeof FindingEvent>;
