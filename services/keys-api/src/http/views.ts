import type { AuditEntry, Finding, Key, Location, ScanJob, ScimToken, ServiceToken, Settings, User, UserRef } from '@keyguard/contract';
import type { ApiKeyDoc, AuditLogDoc, FindingDoc, LocationDoc, ScanJobDoc, ScimTokenDoc, ServiceTokenDoc, TeamDoc, UserDoc } from '@keyguard/store';

/** Stored documents → the answers of @keyguard/contract (dates as ISO strings, ids without `_`). */
const iso = (d: Date) => new Date(d).toISOString();
const isoOrNull = (d: Date | null | undefined) => (d ? iso(d) : null);

export const userView = (u: UserDoc): User => ({
  id: u._id,
  name: u.name,
  email: u.email,
  role: u.role,
  active: u.active !== false,
  provisioned: u.scim !== undefined,
});

export const locationView = ({ publishedAt, ...l }: LocationDoc): Location => ({
  ...l,
  detectedAt: isoOrNull(l.detectedAt),
  ...(publishedAt ? { publishedAt: iso(publishedAt) } : {}),
});

/** The key object of the API (never the hash, never the key itself). */
export function keyView(k: ApiKeyDoc, users: Map<string, UserDoc>): Key {
  const owner = users.get(k.createdBy);
  const firstLocation = k.exposure?.locations[0];
  return {
    id: k._id,
    name: k.name,
    preview: k.preview,
    status: k.status,
    createdBy: { id: k.createdBy, name: owner?.name ?? '', email: owner?.email ?? '' } satisfies UserRef,
    createdAt: iso(k.createdAt),
    expiresAt: isoOrNull(k.expiresAt),
    lastUsedAt: isoOrNull(k.lastUsedAt),
    revokedAt: isoOrNull(k.revokedAt),
    revocation: k.revocation ? { reason: k.revocation.reason, actor: k.revocation.actor } : null,
    exposure: k.exposure ? { detectedAt: isoOrNull(k.exposure.detectedAt), location: firstLocation ? locationView(firstLocation) : null } : null,
  };
}

export function findingView(f: FindingDoc): Finding {
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
    // Older findings have no count yet: at least what they show.
    locationCount: Math.max(f.locationCount ?? 0, f.locations.length),
    firstSeen: iso(f.firstSeen),
    lastSeen: iso(f.lastSeen),
    history: f.history.map((h) => ({ ...h, at: iso(h.at) })),
    reportedTo: Object.fromEntries(Object.entries(f.reportedTo ?? {}).map(([issuer, at]) => [issuer, new Date(at).toISOString()])),
    overflow: f.overflow ?? null,
  };
}

/** The team's settings, with the alerting fields' defaults (a team's digest window is unset until an admin sets it). */
export const settingsView = (t: TeamDoc, defaultDigestWindowMs: number): Settings => ({
  allowMemberKeyGeneration: t.settings.allowMemberKeyGeneration,
  keyExpiryDays: t.settings.keyExpiryDays,
  autoRevokeExposed: t.settings.autoRevokeExposed,
  securityContacts: t.settings.securityContacts ?? [],
  digestWindowMs: t.settings.digestWindowMs ?? null,
  digestWindowDefaultMs: defaultDigestWindowMs,
  relayThirdPartyTokens: t.settings.relayThirdPartyTokens ?? false,
  weeklyDigest: t.settings.weeklyDigest === true,
  apiKeySignIn: t.settings.apiKeySignIn !== false,
});

export const auditView = (a: AuditLogDoc): AuditEntry => ({
  id: a._id,
  at: iso(a.at),
  actor: a.actor,
  action: a.action,
  target: a.target,
  details: a.details,
});

export const scanView = (j: ScanJobDoc): ScanJob => ({
  id: j._id,
  source: j.provider,
  kind: j.kind,
  target: j.target,
  reason: j.reason,
  status: j.status,
  requestedBy: j.requestedBy,
  createdAt: j.createdAt.toISOString(),
  startedAt: isoOrNull(j.startedAt),
  finishedAt: isoOrNull(j.finishedAt),
  progress: j.progress,
  counts: j.counts,
  error: j.error,
});

/** A service token: its preview, never the token or its hash. */
export function serviceTokenView(t: ServiceTokenDoc, users: Map<string, UserDoc>): ServiceToken {
  const creator = users.get(t.createdBy);
  return {
    id: t._id,
    name: t.name,
    scopes: t.scopes,
    preview: t.preview,
    createdBy: { id: t.createdBy, name: creator?.name ?? '', email: creator?.email ?? '' } satisfies UserRef,
    createdAt: iso(t.createdAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
  };
}

/** A SCIM API key: its preview, never the token or its hash. */
export function scimTokenView(t: ScimTokenDoc, users: Map<string, UserDoc>): ScimToken {
  const creator = users.get(t.createdBy);
  return {
    id: t._id,
    name: t.name,
    preview: t.preview,
    grantsUpTo: t.grantsUpTo,
    createdBy: { id: t.createdBy, name: creator?.name ?? '', email: creator?.email ?? '' } satisfies UserRef,
    createdAt: iso(t.createdAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
  };
}
