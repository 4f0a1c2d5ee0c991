export * from './documents.js';
export { detectCapabilities, type StoreCapabilities } from './capabilities.js';
export { dropOldestBeyond } from './arrays.js';
export { DuplicateKeyError, isDuplicateKey, mapDuplicate } from './errors.js';
export { type Collections, connectStore, type ConnectStoreOptions, type Store } from './store.js';
export { createDeliveryRepository, type DeliveryRepository } from './repositories/deliveries.js';
export { createNotificationRepository, type NotificationRepository } from './repositories/notifications.js';
