import { hashApiKey, initialState, newId, previewOf, type Revoker } from '@keyguard/keys';
import type { Logger } from '@keyguard/logger';
import { type ActorRef, type ApiKeyDoc, DuplicateKeyError, type Repositories } from '@keyguard/store';
import { expiryFor } from './domain/expiry.js';

export const DEFAULT_TEAM_ID = 'team_default';

export interface BootstrapOptions {
  adminKey?: string;
  adminEmail: string;
  adminName: string;
}

/** Who revokes a bootstrap key that KEYGUARD_BOOTSTRAP_ADMIN_KEY no longer names. */
export const bootstrapActor: ActorRef = { type: 'system', id: 'bootstrap', name: 'Keyguard bootstrap (KEYGUARD_BOOTSTRAP_ADMIN_KEY changed)' };

/**
 * Run at every start, keeping earlier data:
 * - the default team exists;
 * - the key KEYGUARD_BOOTSTRAP_ADMIN_KEY names is created, with its super admin, only if no
 *   key with that value exists. An existing one is never touched: a revoked, disabled, expired
 *   or exposed bootstrap key stays so across restarts (to get access back, set a new value);
 * - every earlier bootstrap key (another value) is revoked: changing the variable rotates it.
 */
export async function bootstrap({ teams, users, keys }: Repositories, revoker: Revoker, options: BootstrapOptions, logger: Logger): Promise<void> {
  const now = new Date();
  await teams.ensure({
    _id: DEFAULT_TEAM_ID,
    name: 'Default team',
    settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false },
    createdAt: now,
    updatedAt: now,
  });
  if (!options.adminKey) {
    logger.warn('KEYGUARD_BOOTSTRAP_ADMIN_KEY is not set: no bootstrap admin key was created');
    return;
  }
  const hash = hashApiKey(options.adminKey);
  const existing = await keys.findByHash(hash);
  if (existing) {
    if (!existing.bootstrap) await keys.markBootstrap(existing._id);
    const usable = existing.status === 'enabled' && (!existing.expiresAt || existing.expiresAt > now);
    if (usable) logger.info({ keyId: existing._id }, 'bootstrap admin key exists');
    else
      logger.warn(
        { keyId: existing._id, status: existing.status },
        'the bootstrap admin key is not usable and stays so; set a new KEYGUARD_BOOTSTRAP_ADMIN_KEY to create another',
      );
  } else {
    const admin = await users.ensure(DEFAULT_TEAM_ID, options.adminEmail, { _id: newId('usr'), name: options.adminName, createdAt: now }, 'super_admin');
    const team = (await teams.findById(DEFAULT_TEAM_ID))!;
    try {
      const key: ApiKeyDoc = {
        _id: newId('key'),
        hash,
        preview: previewOf(options.adminKey),
        name: 'Bootstrap admin key',
        teamId: DEFAULT_TEAM_ID,
        createdBy: admin._id,
        createdAt: now,
        expiresAt: expiryFor(now, team.settings.keyExpiryDays, null),
        lastUsedAt: null,
        status: 'enabled',
        revokedAt: null,
        revocation: null,
        exposure: null,
        bootstrap: true,
        ...initialState(now),
      };
      await keys.insert(key);
      await revoker.keyState.publish([key]);
      logger.info({ userId: admin._id }, 'bootstrap admin key created');
    } catch (error) {
      // Another keys-api instance starting at the same time created it.
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }
  const earlier = await keys.liveBootstrapIdsExcept(hash);
  if (earlier.length > 0) {
    const revoked = await revoker.revokeMany(earlier, { reason: 'admin', actor: bootstrapActor });
    logger.warn({ keyIds: revoked.map((k) => k._id) }, 'KEYGUARD_BOOTSTRAP_ADMIN_KEY changed: the earlier bootstrap admin key is revoked');
  }
}
