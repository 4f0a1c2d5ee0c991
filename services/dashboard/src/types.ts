/** Shapes the keys-api REST API (`/api/v1`) answers with, as the dashboard reads them. */

export type Role = 'member' | 'team_admin' | 'super_admin';
export type KeyStatus = 'enabled' | 'disabled' | 'revoked';
export type RevocationReason = 'admin' | 'expired' | 'exposure_auto';

export interface Me {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string;
  team?: { id: string; name: string };
  /** The key this session was opened with: "Revoke All" spares it so the admin keeps access. */
  keyId?: string;
}

export interface UserRef {
  id: string;
  name?: string;
  email?: string;
}

export interface TeamUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface Actor {
  type: 'user' | 'system';
  id: string;
  name?: string;
}

export interface Location {
  source: 'github' | 'gitlab' | 'postman' | string;
  kind?: string;
  url: string;
  repository?: string;
  commit?: string;
  path?: string;
  line?: number;
  resourceType?: string;
  resourceId?: string;
  workspaceId?: string;
  detectedAt?: string;
}

export interface ApiKey {
  id: string;
  name: string;
  preview: string;
  status: KeyStatus;
  createdBy: UserRef | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revocation: { reason: RevocationReason; actor: Actor } | null;
  exposure: { detectedAt: string; location?: Location; locations?: Location[] } | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface Exposure {
  /** The exposed key (same shape as in /keys) — or its fields flattened, see `normaliseExposure`. */
  key: ApiKey;
  owner: UserRef | null;
  detectedAt: string;
  lastUsedAt: string | null;
  locations: Location[];
  status: string;
  findingId?: string;
}

export type FindingStatus = 'open' | 'resolved';
export type FindingResolution = 'revoked' | 'false_positive' | 'wont_fix' | 'ignored';

export interface FindingHistoryEntry {
  at: string;
  action: string;
  actor?: Actor;
  status?: FindingStatus;
  resolution?: FindingResolution;
  note?: string;
}

export interface Finding {
  id: string;
  tokenHash: string;
  ruleId: string;
  redacted: string;
  confidence?: string;
  keyId?: string | null;
  status: FindingStatus;
  resolution: FindingResolution | null;
  locations: Location[];
  firstSeen: string;
  lastSeen: string;
  history: FindingHistoryEntry[];
  /** When the token was reported to its issuer for revocation, by issuer (`github`). */
  reportedTo?: Record<string, string>;
}

export interface Settings {
  allowMemberKeyGeneration: boolean;
  keyExpiryDays: number | null;
  autoRevokeExposed: boolean;
  securityContacts?: string[];
  digestWindowMs?: number | null;
  digestWindowDefaultMs?: number;
  relayThirdPartyTokens?: boolean;
}
