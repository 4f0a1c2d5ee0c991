import { hashApiKey, newId, previewOf } from '@keyguard/keys';
import type { Logger } from '@keyguard/logger';
import type { Repositories } from '@keyguard/store';

export const DEFAULT_TEAM_ID = 'team_default';

export interface BootstrapOptions {
  adminKey?: string;
  adminEmail: string;
  adminName: string;
}

/**
 * Made sure of at every start, idempotently and keeping earlier data: the default team, a
 * super admin, and the bootstrap key — existing and enabled — for that admin.
 */
export async function bootstrap({ teams, users, keys }: Repositories, options: BootstrapOptions, logger: Logger): Promise<void> {
  const now = new Date();
  await teams.ensure({
    _id: DEFAULT_TEAM_ID,
    name: 'Default team',
    settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false },
    createdAt: now,
    updatedAt: now,
  });
  if (!options.adminKey) {
    logger.warn('KEYGUARD_BOOTSTRAP_ADMIN_KEY is not set: no admin key was made sure of');
    return;
  }
  const hash = hashApiKey(options.adminKey);
  const existing = await keys.findByHash(hash);
  let adminId = existing?.createdBy;
  if (!adminId) {
    adminId = await users.ensure(options.adminEmail, { _id: newId('usr'), teamId: DEFAULT_TEAM_ID, name: options.adminName, createdAt: now }, 'super_admin');
  } else {
    await users.setRole(adminId, 'super_admin');
  }
  await keys.ensureEnabled(hash, {
    _id: newId('key'),
    preview: previewOf(options.adminKey),
    name: 'Bootstrap admin key',
    teamId: DEFAULT_TEAM_ID,
    createdBy: adminId,
    createdAt: now,
  });
  logger.info({ userId: adminId }, 'bootstrap admin key is enabled');
}
