export * from './documents.js';
export { dropOldestBeyond } from './arrays.js';
export { DuplicateKeyError, isDuplicateKey, mapDuplicate } from './errors.js';
export { type Collections, connectStore, type ConnectStoreOptions, type Store } from './store.js';
export { createDeliveryRepository, type DeliveryRepository } from './repositories/deliveries.js';
export { createNotificationRepository, type NotificationRepository } from './repositories/notifications.js';
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
  rollupIncrement,
  type RollupFinding,
} from './repositories/insights.js';
export { createScanJobRepository, type LockResult, type NewScanJob, type ScanJobRepository } from './repositories/scan-jobs.js';
export { createVisibilityRepository, type VisibilityRepository } from './repositories/visibility.js';
export { createCursorRepository, type CursorRepository } from './repositories/cursors.js';
