export * from './documents.js';
export { detectCapabilities, type StoreCapabilities } from './capabilities.js';
export { DuplicateKeyError, isDuplicateKey, isStoreBusy, mapDuplicate } from './errors.js';
export { dropOldestBeyond } from './arrays.js';
export { type Collections, connectStore, type ConnectStoreOptions, type Store } from './store.js';
export { type AuditEntryInput, type AuditRepository, createAuditRepository } from './repositories/audit.js';
export { createDeliveryRepository, type DeliveryRepository } from './repositories/deliveries.js';
export { createFindingRepository, type FindingListQuery, type FindingRepository, type LocationsUpdate } from './repositories/findings.js';
export {
  changing,
  createKeyRepository,
  initialState,
  isStatePending,
  type KeyExposure,
  type KeyListQuery,
  type KeyRepository,
  type KeyScope,
  type KeySort,
  stateChange,
} from './repositories/keys.js';
export { createNotificationRepository, type NotificationRepository } from './repositories/notifications.js';
export { createDigestRepository, type DigestItemRecord, type DigestRepository, digestKeyOf, type NewDigestItem, NOTHING_DUE } from './repositories/digests.js';
export { createWeeklyDigestRepository, type WeeklyDigestDoc, type WeeklyDigestRepository } from './repositories/weekly-digests.js';
export { createChannelRepository, type ChannelRepository } from './repositories/notification-channels.js';
export { createChannelDeliveryRepository, type ChannelDeliveryRepository, type DeliveryOutcome } from './repositories/channel-deliveries.js';
export { createRelayRepository, type RelayRepository } from './repositories/relay.js';
export { createTeamDirectory, type TeamDirectory, type TeamRecipients } from './repositories/team-directory.js';
export { createSessionRepository, type SessionRepository } from './repositories/sessions.js';
export { createTeamRepository, type TeamRepository } from './repositories/teams.js';
export { createUserRepository, type UserRepository } from './repositories/users.js';
export { type Repositories, repositoriesOf } from './repositories.js';
export {
  bucketOf,
  changesOf,
  createInsightsRepository,
  dayOf,
  INSIGHT_SOURCES,
  insightSourceOf,
  type InsightChange,
  type InsightsDailyDoc,
  type InsightsOpenDoc,
  type InsightSource,
  type InsightsRead,
  type InsightsRepository,
  LATENCY_BOUNDS_S,
  NO_TEAM,
  rollupFindingOf,
  rollupIncrement,
  type RollupFinding,
} from './repositories/insights.js';
export { createScanJobRepository, type LockResult, type NewScanJob, type ScanJobRepository } from './repositories/scan-jobs.js';
export { createVisibilityRepository, type VisibilityRepository } from './repositories/visibility.js';
export { createCursorRepository, type CursorRepository } from './repositories/cursors.js';
export { createMarkerRepository, type MarkerRepository } from './repositories/markers.js';
export { createServiceTokenRepository, type ServiceTokenRepository } from './repositories/service-tokens.js';
export { createScimTokenRepository, type ScimTokenRepository } from './repositories/scim-tokens.js';
export { createScimGroupRepository, type ScimGroupRepository } from './repositories/scim-groups.js';
