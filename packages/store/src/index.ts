export * from './documents.js';
export { DuplicateKeyError, isDuplicateKey, mapDuplicate } from './errors.js';
export { type Collections, connectStore, type ConnectStoreOptions, type Store } from './store.js';
export { createDeliveryRepository, type DeliveryRepository } from './repositories/deliveries.js';
export { createNotificationRepository, type NotificationRepository } from './repositories/notifications.js';
export { createMarkerRepository, type MarkerRepository } from './repositories/markers.js';
export { createServiceTokenRepository, type ServiceTokenRepository } from './repositories/service-tokens.js';
