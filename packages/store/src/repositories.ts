import { createAuditRepository } from './repositories/audit.js';
import { createDeliveryRepository } from './repositories/deliveries.js';
import { createFindingRepository } from './repositories/findings.js';
import { createKeyRepository } from './repositories/keys.js';
import { createNotificationRepository } from './repositories/notifications.js';
import { createServiceTokenRepository } from './repositories/service-tokens.js';
import { createSessionRepository } from './repositories/sessions.js';
import { createTeamRepository } from './repositories/teams.js';
import { createUserRepository } from './repositories/users.js';
import type { Store } from './store.js';

/** Every repository of a store, for composition roots that use several. */
export function repositoriesOf(store: Store) {
  return {
    audit: createAuditRepository(store),
    deliveries: createDeliveryRepository(store),
    findings: createFindingRepository(store),
    keys: createKeyRepository(store),
    notifications: createNotificationRepository(store),
    serviceTokens: createServiceTokenRepository(store),
    sessions: createSessionRepository(store),
    teams: createTeamRepository(store),
    users: createUserRepository(store),
  };
}
export type Repositories = ReturnType<typeof repositoriesOf>;
