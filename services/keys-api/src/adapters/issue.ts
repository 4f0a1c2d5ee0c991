import { issueApiKey, type KeyRecord, keyRecords, newId } from '@keyguard/keys';
import { mapDuplicate, type Store, type TeamDoc, type UserDoc } from '@keyguard/store';
import { expiryFor } from '../domain/expiry.js';

/** Issues keys: the raw value goes back to the caller once; only its hash and preview are kept. */
export function createKeyIssuer(store: Store) {
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
      };
      await mapDuplicate('apiKeys', () => keys.insertOne(record));
      return { record, raw: material.raw };
    },
  };
}
export type KeyIssuer = ReturnType<typeof createKeyIssuer>;
