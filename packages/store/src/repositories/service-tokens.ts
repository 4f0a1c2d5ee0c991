import type { ServiceTokenDoc } from '../documents.js';
import { mapDuplicate } from '../errors.js';
import type { Store } from '../store.js';

/** A team's service tokens (machine credentials), looked up by the SHA-256 of the token. */
export function createServiceTokenRepository(store: Store) {
  const tokens = store.collections.serviceTokens;
  return {
    async insert(doc: ServiceTokenDoc): Promise<void> {
      await mapDuplicate('serviceTokens', () => tokens.insertOne(doc));
    },
    list(teamId: string): Promise<ServiceTokenDoc[]> {
      return tokens.find({ teamId }).sort({ createdAt: -1, _id: -1 }).toArray();
    },
    findByHash(hash: string): Promise<ServiceTokenDoc | null> {
      return tokens.findOne({ hash });
    },
    /** Deletes the team's token; returns what was deleted, or null when there was none. */
    delete(teamId: string, id: string): Promise<ServiceTokenDoc | null> {
      return tokens.findOneAndDelete({ _id: id, teamId });
    },
    /** Records a use (callers throttle how often they call this). */
    async touch(id: string, at = new Date()): Promise<void> {
      await tokens.updateOne({ _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] }, { $set: { lastUsedAt: at } });
    },
  };
}
export type ServiceTokenRepository = ReturnType<typeof createServiceTokenRepository>;
