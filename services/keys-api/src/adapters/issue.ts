import { issueApiKey, newId } from '@keyguard/keys';
import type { ApiKeyDoc, KeyRepository, TeamDoc, UserDoc } from '@keyguard/store';
import { expiryFor } from '../domain/expiry.js';

/** Issues keys: the raw value goes back to the caller once; only its hash and preview are kept. */
export function createKeyIssuer(keys: KeyRepository) {
  return {
    async issue(owner: UserDoc, team: TeamDoc, name: string, requestedExpiresAt: Date | null): Promise<{ record: ApiKeyDoc; raw: string }> {
      const material = issueApiKey();
      const createdAt = new Date();
      const record: ApiKeyDoc = {
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
      await keys.insert(record);
      return { record, raw: material.raw };
    },
  };
}
export type KeyIssuer = ReturnType<typeof createKeyIssuer>;
