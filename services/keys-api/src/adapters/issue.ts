import { initialState, issueApiKey, type KeyRecord, type KeyStatePublisher, keyRecords, newId } from '@keyguard/keys';
import { mapDuplicate, type Store, type TeamDoc, type UserDoc } from '@keyguard/store';
import { expiryFor } from '../domain/expiry.js';

/**
 * Issues keys: the raw value goes back to the caller once; only its hash and preview are kept.
 * The new key's state is on keyguard.key-state.v1 before the caller hears of it, so every
 * verifier knows a key as soon as its owner can use it.
 */
export function createKeyIssuer(store: Store, keyState: KeyStatePublisher) {
  const keys = keyRecords(store);
  return {
    async issue(owner: UserDoc, team: TeamDoc, name: string, requestedExpiresAt: Date | null): Promise<{ record: KeyRecord; raw: string }> {
      const material = issueApiKey();
      const createdAt = new Date();
      const record: KeyRecord = {
        _id: newId('key'),
        hash: material.hash,
        preview: material.preview,
        name,
        teamId: team._id,
        createdBy: owner._id,
        createdAt,
        expiresAt: expiryFor(createdAt, team.settings.keyExpiryDays, requestedExpiresAt),
        lastUsedAt: null,
        status: 'enabled',
        revokedAt: null,
        revocation: null,
        exposure: null,
        ...initialState(createdAt),
      };
      await mapDuplicate('apiKeys', () => keys.insertOne(record));
      await keyState.publish([record]);
      return { record, raw: material.raw };
    },
  };
}
export type KeyIssuer = ReturnType<typeof createKeyIssuer>;
