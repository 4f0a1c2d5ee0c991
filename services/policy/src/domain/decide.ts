import type { ExposurePayload } from '@keyguard/events';
import type { ExposureRecord } from '@keyguard/keys';
import type { KeyStatus, TeamSettings } from '@keyguard/store';

/**
 * What the policy does with one of the team's keys found in a public place:
 * - already revoked: nothing (the finding still records the new location);
 * - the team auto-revokes exposed keys: revoke it (reason exposure_auto, actor policy);
 * - otherwise: mark it exposed and leave the finding open for the team to act on.
 * A token that is none of our keys (an unknown PMAK key, a third-party secret) is only a finding.
 */
export type KeyDecision = 'none' | 'revoke' | 'mark_exposed';

export function decideKeyAction(key: { status: KeyStatus }, settings: Pick<TeamSettings, 'autoRevokeExposed'> | undefined): KeyDecision {
  if (key.status === 'revoked') return 'none';
  return settings?.autoRevokeExposed ? 'revoke' : 'mark_exposed';
}

/** The exposure event as the finding repository stores it (dates as Dates). */
export function toExposureRecord(payload: ExposurePayload): ExposureRecord {
  return {
    tokenHash: payload.tokenHash,
    ruleId: payload.ruleId,
    redacted: payload.redacted,
    confidence: payload.confidence,
    location: (({ publishedAt, ...location }) => ({
      ...location,
      detectedAt: new Date(payload.detectedAt),
      ...(publishedAt ? { publishedAt: new Date(publishedAt) } : {}),
    }))(payload.location),
    ...(payload.overflow ? { overflow: payload.overflow } : {}),
  };
}
