import { initialState, issueApiKey, type KeyStatePublisher, newId } from '@keyguard/keys';
import type { ApiKeyDoc, KeyRepository, TeamDoc, UserDoc } from '@keyguard/store';
import { expiryFor } from '../domain/expiry.js';

/**
 * Issues keys: the raw value goes back to the caller once; only its hash and preview are kept.
 * The new key's state is on keyguard.key-state.v1 before the caller hears of it, so every
 * verifier knows a key as soon as its owner can use it.
 */
export function createKeyIssuer(keys: KeyRepository, keyState: KeyStatePublisher) {
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
        ...initialState(createdAt),
      };
      await keys.insert(record);
      await keyState.publish([record]);
      return { record, raw: material.raw };
    },
  };
}
export type KeyIssuer = ReturnType<typeof createKeyIssuer>;
