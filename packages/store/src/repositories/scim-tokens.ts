import type { ScimTokenDoc } from '../documents.js';
import { mapDuplicate } from '../errors.js';
import type { Store } from '../store.js';

/** A team's SCIM API keys (the identity provider's bearer tokens), looked up by the SHA-256 of the token. */
export function createScimTokenRepository(store: Store) {
  const tokens = store.collections.scimTokens;
  return {
    async insert(doc: ScimTokenDoc): Promise<void> {
      await mapDuplicate('scimTokens', () => tokens.insertOne(doc));
    },
    list(teamId: string): Promise<ScimTokenDoc[]> {
      return tokens.find({ teamId }).sort({ createdAt: -1, _id: -1 }).toArray();
    },
    findByHash(hash: string): Promise<ScimTokenDoc | null> {
      return tokens.findOne({ hash });
    },
    /** Deletes the team's token; returns what was deleted, or null when there was none. */
    delete(teamId: string, id: string): Promise<ScimTokenDoc | null> {
      return tokens.findOneAndDelete({ _id: id, teamId });
    },
    /** Records a use (callers throttle how often they call this). */
    async touch(id: string, at = new Date()): Promise<void> {
      await tokens.updateOne({ _id: id }, { $set: { lastUsedAt: at } });
    },
  };
}
export type ScimTokenRepository = ReturnType<typeof createScimTokenRepository>;
