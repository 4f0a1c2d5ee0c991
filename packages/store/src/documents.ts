/**
 * Document shapes of Keyguard's collections (DESIGN.md "Data"). Ids are strings we mint, so
 * they are stable across services and readable in logs. No raw secret is ever a field:
 * keys and tokens appear only as SHA-256 hex (`hash`, `tokenHash`) and redacted previews.
 */

export type Role = 'member' | 'team_admin' | 'super_admin';
export type KeyStatus = 'enabled' | 'disabled' | 'revoked';
export type RevocationReason = 'admin' | 'expired' | 'exposure_auto';
export type FindingStatus = 'open' | 'resolved';
export type FindingResolution = 'revoked' | 'false_positive' | 'wont_fix' | 'ignored';

export interface ActorRef {
  type: 'user' | 'system';
  id: string;
  name?: string;
}

export interface TeamSettings {
  allowMemberKeyGeneration: boolean;
  /** When set, every key expires `createdAt + keyExpiryDays` days. */
  keyExpiryDays: number | null;
  autoRevokeExposed: boolean;
}

export interface TeamDoc {
  _id: string;
  name: string;
  settings: TeamSettings;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserDoc {
  _id: string;
  teamId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export interface LocationDoc {
  source: 'github' | 'gitlab' | 'postman';
  kind: string;
  url: string;
  repository?: string;
  commit?: string;
  path?: string;
  line?: number;
  resourceType?: string;
  resourceId?: string;
  workspaceId?: string;
  jsonPath?: string;
  detectedAt: Date;
}

export interface ApiKeyDoc {
  _id: string;
  /** Hex SHA-256 of the full key: what authentication and "search by key value" look up. */
  hash: string;
  /** e.g. `PMAK-…a1b2` */
  preview: string;
  name: string;
  teamId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  status: KeyStatus;
  revokedAt: Date | null;
  revocation: { reason: RevocationReason; actor: ActorRef } | null;
  /** Set when the key was found in a public place (the finding holds every location). */
  exposure: { findingId: string; detectedAt: Date; locations: LocationDoc[] } | null;
  /** Who disabled the key, with their role then: only someone as senior enables it again. */
  disabled?: { at: Date; by: ActorRef; role: Role } | null;
  /** Made by keys-api from KEYGUARD_BOOTSTRAP_ADMIN_KEY; revoked when that variable changes. */
  bootstrap?: boolean;
}

export interface FindingHistoryEntry {
  at: Date;
  action: 'detected' | 'location_added' | 'reopened' | 'resolved' | 'key_revoked';
  actor: ActorRef;
  status?: FindingStatus;
  resolution?: FindingResolution;
  note?: string;
}

export interface FindingDoc {
  _id: string;
  tokenHash: string;
  ruleId: string;
  redacted: string;
  confidence: 'high' | 'medium' | 'low';
  /** The team whose key this is, when the token is one of ours. */
  teamId: string | null;
  keyId: string | null;
  status: FindingStatus;
  resolution: FindingResolution | null;
  /** The latest places (capped, oldest dropped first). */
  locations: LocationDoc[];
  /** Every place ever recorded (`locations` keeps the latest); missing on older documents. */
  locationCount?: number;
  firstSeen: Date;
  lastSeen: Date;
  history: FindingHistoryEntry[];
}

export interface AuditLogDoc {
  _id: string;
  teamId: string;
  at: Date;
  actor: ActorRef;
  action: string;
  target: { type: 'key' | 'finding' | 'settings' | 'user'; id: string };
  details: Record<string, unknown>;
}

export interface DeliveryDoc {
  /** `<provider>:<delivery id>` */
  _id: string;
  receivedAt: Date;
}

export interface NotificationDoc {
  /** The id of the event the notification is for: one email per event. */
  _id: string;
  kind: string;
  to: string;
  status: 'sending' | 'sent';
  createdAt: Date;
  sentAt: Date | null;
}
