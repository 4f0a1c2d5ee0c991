import { changing, hashApiKey, initialState, type KeyStatePublisher, keyRecords, newId, previewOf } from '@keyguard/keys';
import type { Logger } from '@keyguard/logger';
import type { Store, TeamDoc } from '@keyguard/store';

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
export async function bootstrap(store: Store, keyState: KeyStatePublisher, options: BootstrapOptions, logger: Logger): Promise<void> {
  const now = new Date();
  const { teams, users } = store.collections;
  await teams.updateOne(
    { _id: DEFAULT_TEAM_ID },
    {
      $setOnInsert: {
        name: 'Default team',
        settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false } satisfies TeamDoc['settings'],
        createdAt: now,
        updatedAt: now,
      },
    },
    { upsert: true },
  );
  if (!options.adminKey) {
    logger.warn('KEYGUARD_BOOTSTRAP_ADMIN_KEY is not set: no admin key was made sure of');
    return;
  }
  const hash = hashApiKey(options.adminKey);
  const keys = keyRecords(store);
  const existing = await keys.findOne({ hash });
  let adminId = existing?.createdBy;
  if (!adminId) {
    await users.updateOne(
      { email: options.adminEmail },
      { $setOnInsert: { _id: newId('usr'), teamId: DEFAULT_TEAM_ID, name: options.adminName, createdAt: now }, $set: { role: 'super_admin' } },
      { upsert: true },
    );
    adminId = (await users.findOne({ email: options.adminEmail }))!._id;
  } else {
    await users.updateOne({ _id: adminId }, { $set: { role: 'super_admin' } });
  }
  if (!existing) {
    await keys.updateOne(
      { hash },
      {
        $setOnInsert: {
          _id: newId('key'),
          preview: previewOf(options.adminKey),
          name: 'Bootstrap admin key',
          teamId: DEFAULT_TEAM_ID,
          createdBy: adminId,
          createdAt: now,
          lastUsedAt: null,
          exposure: null,
          status: 'enabled',
          expiresAt: null,
          revokedAt: null,
          revocation: null,
          ...initialState(now),
        },
      },
      { upsert: true },
    );
  } else if (existing.status !== 'enabled' || existing.expiresAt != null) {
    // Re-enabled at every start, whatever happened to it: a state change like any other.
    await keys.updateOne({ hash }, changing({ $set: { status: 'enabled' as const, expiresAt: null, revokedAt: null, revocation: null } }, now));
  }
  const key = await keys.findOne({ hash });
  if (key && (key.statePending || !existing)) await keyState.publish([key]);
  logger.info({ userId: adminId }, 'bootstrap admin key is enabled');
}
