/**
 * Document shapes of Keyguard's collections (DESIGN.md "Data"). Ids are strings we mint, so
 * they are stable across services and readable in logs. No raw secret is ever a field:
 * keys and tokens appear only as SHA-256 hex (`hash`, `tokenHash`) and redacted previews.
 */

export type Role = 'member' | 'team_admin' | 'super_admin';
export type KeyStatus = 'enabled' | 'disabled' | 'revoked';
export type RevocationReason = 'admin' | 'expired' | 'exposure_auto' | 'deprovisioned';
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
  /** False: the dashboard takes single sign-on only, not an API key (absent: allowed). */
  apiKeySignIn?: boolean;
  /** Extra people (emails) alerted about every exposure of the team's keys and third-party findings. */
  securityContacts?: string[];
  /** The team's alert digest window; unset (null / missing) until an admin sets it: KEYGUARD_DIGEST_WINDOW_MS applies. */
  digestWindowMs?: number | null;
  /** Report third-party tokens found in public (GitHub tokens) to their issuers for revocation. */
  relayThirdPartyTokens?: boolean;
  /** Opt-in: each team admin gets a weekly email with the last 7 days' insights (absent: off). */
  weeklyDigest?: boolean;
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
  /** False once the identity provider deactivated them (SCIM): they can no longer sign in. Absent: active. */
  active?: boolean;
  /** Set for people the identity provider manages (SCIM). */
  scim?: ScimIdentity;
  updatedAt?: Date;
}

/** What the identity provider said about a person (RFC 7643 User attributes Keyguard keeps). */
export interface ScimIdentity {
  /** As the provider sent it. */
  userName: string;
  /** Lower case: what `filter=userName eq "…"` matches (userName is case-insensitive). */
  userNameKey: string;
  externalId?: string;
  givenName?: string;
  familyName?: string;
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
  /** When the place became public, as far as the source tells: the commit's time (history scans) or the event's (a push, a Postman change). */
  publishedAt?: Date;
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
  /** Set by the revoking update, cleared once the audit entry, finding and event are done. */
  revocationPending?: boolean;
  /** Which write revoked the key, when one write revoked several (see beginRevocations). */
  revocationClaim?: string;
  /** Grows by one with every change of status, expiry or exposure (the key-state record's `version`). */
  stateVersion?: number;
  /** The highest version known to be on keyguard.key-state.v1 (behind `stateVersion`: not yet). */
  publishedVersion?: number;
  /** When the last state change was written. */
  stateChangedAt?: Date;
  /** Who disabled the key, with their role then: only someone as senior enables it again. */
  disabled?: { at: Date; by: ActorRef; role: Role } | null;
  /** Made by keys-api from KEYGUARD_BOOTSTRAP_ADMIN_KEY; revoked when that variable changes. */
  bootstrap?: boolean;
}

export interface FindingHistoryEntry {
  at: Date;
  action: 'detected' | 'location_added' | 'reopened' | 'resolved' | 'key_revoked' | 'reported_to_issuer' | 'issuer_rejected';
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
  /** When the token was reported to its issuer's revocation API, by issuer (e.g. `github`). */
  reportedTo?: Record<string, Date>;
  /** One identity string per location: what keeps `locations` free of duplicates. */
  locationKeys?: string[];
  /**
   * Only on a `too-many-secrets` finding: one place held more secrets than an event may report
   * one by one. The counts are the latest event's.
   */
  overflow?: { total: number; reported: number; byRule: Record<string, number> };
}

export interface AuditLogDoc {
  _id: string;
  teamId: string;
  at: Date;
  actor: ActorRef;
  action: string;
  target: { type: 'key' | 'finding' | 'settings' | 'user' | 'scan' | 'service_token' | 'scim_token' | 'scim_group' | 'channel'; id: string };
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

/** A team's webhook or Slack channel. The signing secret is stored encrypted (`enc1.…`), never in clear. */
export interface NotificationChannelDoc {
  _id: string;
  teamId: string;
  type: 'webhook' | 'slack';
  url: string;
  events: string[];
  secretEncrypted: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ChannelDeliveryStatus = 'pending' | 'delivering' | 'succeeded' | 'failed';

/** One event to one channel: the persisted retry schedule of the delivery worker. */
export interface ChannelDeliveryDoc {
  /** `<channel id>:<event id>`: one delivery per channel and event, however often it is redelivered. */
  _id: string;
  channelId: string;
  teamId: string;
  /** The public event type, e.g. `exposure.detected`. */
  event: string;
  eventId: string;
  /** Deliveries with the same order key reach the channel in `seq` order (one key's story stays in order). */
  orderKey: string;
  seq: number;
  /** The JSON body sent, secret-free. */
  body: string;
  status: ChannelDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** The worker claim that holds the current attempt (only it records the attempt's result). */
  claimId?: string | null;
}

/** One thing to tell one person, waiting for their next digest email. */
/**
 * The alerts one consumed batch holds for one person in one team: a batch's items are written as
 * one document per person (FerretDB writes documents one at a time under one lock, so a burst
 * of 10,000 events is a few hundred documents, not 20,000).
 */
export interface DigestItemDoc {
  /** `<digest key>|<hash of the item ids>`: the same batch redelivered inserts nothing new. */
  _id: string;
  digestKey: string;
  teamId: string;
  email: string;
  /** `<event id>|<team>|<email>` per item: a redelivery in other batches is recognised item by item. */
  itemIds: string[];
  items: { id: string; item: Record<string, unknown> }[];
  createdAt: Date;
}

/** A person's digest schedule in one team: when the next email may go. */
export interface DigestDoc {
  /** `<team id>|<email>` */
  _id: string;
  teamId: string;
  email: string;
  lastSentAt: Date | null;
  /** When the flusher should look next; far in the future while nothing waits. */
  dueAt: Date;
  claimId: string | null;
  claimedUntil: Date | null;
  /**
   * The email being sent, written just before the send: a flusher that takes over a crashed
   * claim sends exactly these items again under this Message-ID (mailboxes show it once).
   */
  sending?: { messageId: string; itemIds: string[] } | null;
  /** Counts `add`s (after their items are stored): a flush that saw another count re-arms the schedule. */
  added?: number;
  /**
   * The item groups (`digestItems` ids) already emailed: kept here, in a small document, rather
   * than marked on the groups themselves (FerretDB rewrites and rescans per document of an
   * `updateMany`; the groups are large). Pruned with the groups after an hour.
   */
  sentGroups?: string[];
}

/** A sealed third-party token waiting to be reported to its issuer; the seal is dropped once accepted. */
export interface RelayReportDoc {
  /** `<issuer>:<tokenHash>` */
  _id: string;
  issuer: string;
  tokenHash: string;
  findingId: string;
  ruleId: string;
  redacted: string;
  /** The sealed token (`ks1.…`); null once the issuer accepted (or finally refused) it. */
  sealed: string | null;
  status: 'pending' | 'sending' | 'reported' | 'rejected';
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  createdAt: Date;
  reportedAt: Date | null;
  lastError: string | null;
  /** Set once the finding's history shows the outcome. */
  findingUpdated: boolean;
  /** The claim that holds it while a call is in flight. */
  batch?: string;
}

/** An issuer's call budget as the relay last saw it (survives restarts). */
export interface RelayIssuerDoc {
  _id: string;
  windowStart: Date;
  calls: number;
  blockedUntil: Date | null;
}

/** A browser session of the dashboard: only the SHA-256 of its random id is stored. */
export interface SessionDoc {
  _id: string;
  userId: string;
  /** The key it was opened with; null for a single sign-on session (it lives as long as the person stays active). */
  keyId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export type ScanJobStatus = 'queued' | 'running' | 'done' | 'partial' | 'failed' | 'skipped';

/**
 * One scan: the history of a repository (made public, added to the GitHub App, or asked for)
 * or one Postman resource. Progress and counts are updated as the worker goes; `cursor` is
 * where a history scan resumes when its worker died (the refs it walks and the commits done).
 */
export interface ScanJobDoc {
  _id: string;
  provider: 'github' | 'gitlab' | 'postman';
  kind: 'history' | 'resource' | 'installation';
  target: string;
  reason: 'publicized' | 'installation' | 'on_demand';
  /** The team whose admin asked for it (on-demand scans); null for scans events started. */
  teamId: string | null;
  requestedBy: ActorRef | null;
  status: ScanJobStatus;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  progress: { commits: number; bytes: number };
  /** `exposures`: occurrences published; `secrets`: distinct token hashes among them. */
  counts: { exposures: number; secrets: number };
  cursor: { tips: string[]; commits: number } | null;
  /** Why it stopped early, failed or was skipped (a stable code and a sentence without secrets). */
  error: { code: string; message: string } | null;
}

/** At most one running scan per repository: `_id` = `provider:target`, held by one attempt of one job. */
export interface ScanLockDoc {
  _id: string;
  jobId: string;
  /** The attempt holding it (a fresh id per worker attempt). */
  holder: string;
  leaseUntil: Date;
}

/** Last visibility seen per repository, so that only a change to public starts a history scan. */
export interface VisibilityDoc {
  /** `provider:project id` */
  _id: string;
  visibility: string;
  updatedAt: Date;
}

/** A named cursor a periodic job keeps between runs, with a lease so one process runs it at a time. */
export interface CursorDoc {
  _id: string;
  /** Job-specific position (e.g. the newest delivery id already looked at per hook). */
  value: Record<string, unknown>;
  holder: string | null;
  leaseUntil: Date | null;
  updatedAt: Date;
}

/** A one-off job that finished (e.g. `key-state-backfill:<topic>`), so a restart does not redo it. */
export interface MarkerDoc {
  _id: string;
  at: Date;
}

export type ServiceTokenScope = 'keys:verify';

/**
 * A machine credential (`kgst_…`) of a team: stored only as the SHA-256 of the token, with a
 * preview. Deleting one removes it; it stops working at once in the process that deleted it
 * and within a second everywhere else (verification callers are cached that long).
 */
export interface ServiceTokenDoc {
  _id: string;
  teamId: string;
  name: string;
  scopes: ServiceTokenScope[];
  /** Hex SHA-256 of the token. */
  hash: string;
  /** e.g. `kgst_…a1b2` */
  preview: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/**
 * A SCIM API key (`kgscim_…`): the bearer token a team's identity provider provisions people
 * with. Stored only as its SHA-256 and a preview. `grantsUpTo`: the role of the admin who
 * created it — groups pushed with it never make anyone more than that.
 */
export interface ScimTokenDoc {
  _id: string;
  teamId: string;
  name: string;
  hash: string;
  preview: string;
  grantsUpTo: Role;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A group the identity provider pushed (SCIM). Its members get `role` when it maps to one. */
export interface ScimGroupDoc {
  _id: string;
  teamId: string;
  displayName: string;
  externalId?: string;
  /** The role its members hold in Keyguard (from the display name), or null: no role. */
  role: Role | null;
  members: string[];
  createdAt: Date;
  updatedAt: Date;
}
