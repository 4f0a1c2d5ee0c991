import type { FindingRecord, KeyRecord } from '@keyguard/keys';
import type { AuditLogDoc, LocationDoc, TeamDoc, UserDoc } from '@keyguard/store';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export interface UserRef {
  id: string;
  name: string;
  email: string;
}

export const userView = (u: UserDoc) => ({ id: u._id, name: u.name, email: u.email, role: u.role });

export const locationView = (l: LocationDoc) => ({ ...l, detectedAt: iso(l.detectedAt) });

/** The key object of the API (never the hash, never the key itself). */
export function keyView(k: KeyRecord, users: Map<string, UserDoc>) {
  const owner = users.get(k.createdBy);
  const firstLocation = k.exposure?.locations[0];
  return {
    id: k._id,
    name: k.name,
    preview: k.preview,
    status: k.status,
    createdBy: { id: k.createdBy, name: owner?.name ?? '', email: owner?.email ?? '' } satisfies UserRef,
    createdAt: iso(k.createdAt),
    expiresAt: iso(k.expiresAt),
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
    revocation: k.revocation ? { reason: k.revocation.reason, actor: k.revocation.actor } : null,
    exposure: k.exposure ? { detectedAt: iso(k.exposure.detectedAt), location: firstLocation ? locationView(firstLocation) : null } : null,
  };
}
export type KeyView = ReturnType<typeof keyView>;

export function findingView(f: FindingRecord) {
  return {
    id: f._id,
    tokenHash: f.tokenHash,
    ruleId: f.ruleId,
    redacted: f.redacted,
    confidence: f.confidence,
    // FerretDB drops nulls set on insert by an upsert: a missing field reads as null.
    keyId: f.keyId ?? null,
    status: f.status,
    resolution: f.resolution ?? null,
    locations: f.locations.map(locationView),
    firstSeen: iso(f.firstSeen),
    lastSeen: iso(f.lastSeen),
    history: f.history.map((h) => ({ ...h, at: iso(h.at) })),
    /** When the token was reported to its issuer for revocation, by issuer (`github`). */
    reportedTo: Object.fromEntries(Object.entries(f.reportedTo ?? {}).map(([issuer, at]) => [issuer, iso(at)])),
  };
}

/** The team's settings, with the alerting fields' defaults (a team's digest window is unset until an admin sets it). */
export const settingsView = (t: TeamDoc, defaultDigestWindowMs: number) => ({
  allowMemberKeyGeneration: t.settings.allowMemberKeyGeneration,
  keyExpiryDays: t.settings.keyExpiryDays,
  autoRevokeExposed: t.settings.autoRevokeExposed,
  securityContacts: t.settings.securityContacts ?? [],
  digestWindowMs: t.settings.digestWindowMs ?? null,
  /** KEYGUARD_DIGEST_WINDOW_MS: what applies while digestWindowMs is null. */
  digestWindowDefaultMs: defaultDigestWindowMs,
  relayThirdPartyTokens: t.settings.relayThirdPartyTokens ?? false,
});

export const auditView = (a: AuditLogDoc) => ({
  id: a._id,
  at: iso(a.at),
  actor: a.actor,
  action: a.action,
  target: a.target,
  details: a.details,
});
