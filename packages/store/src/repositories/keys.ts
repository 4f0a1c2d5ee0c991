import type { Filter, Sort } from 'mongodb';
import type { ActorRef, ApiKeyDoc, KeyStatus, RevocationReason } from '../documents.js';
import { mapDuplicate } from '../errors.js';
import type { Store } from '../store.js';

export type KeySort = 'newest' | 'oldest' | 'recently_used';

/** Conditions a caller may put on which keys an operation touches (its team, a member's own keys). */
export interface KeyScope {
  teamId?: string;
  createdBy?: string;
}

export interface KeyListQuery {
  teamId: string;
  statuses?: KeyStatus[];
  createdBy?: string;
  /** The hex SHA-256 of a full key value. */
  hash?: string;
  sort: KeySort;
  offset: number;
  limit: number;
}

export type KeyExposure = NonNullable<ApiKeyDoc['exposure']>;

const sorts: Record<KeySort, Sort> = {
  newest: { createdAt: -1, _id: -1 },
  oldest: { createdAt: 1, _id: 1 },
  // Descending puts never-used keys (null) last.
  recently_used: { lastUsedAt: -1, createdAt: -1, _id: -1 },
};

const notRevoked = { status: { $ne: 'revoked' as const } };

/** The apiKeys collection: every key Keyguard issued, stored as its hash. */
export function createKeyRepository(store: Store) {
  const keys = store.collections.apiKeys;
  return {
    insert: (key: ApiKeyDoc) => mapDuplicate('apiKeys', () => keys.insertOne(key)).then(() => undefined),

    findById: (id: string, scope: KeyScope = {}) => keys.findOne({ ...scope, _id: id }),
    findByHash: (hash: string) => keys.findOne({ hash }),

    /** An enabled, unexpired key, or null: a disabled, revoked, expired or unknown key finds nothing. */
    findUsable: (by: { hash: string } | { _id: string }, now = new Date()) =>
      keys.findOne({ ...by, status: 'enabled', $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] }),

    /** Writes lastUsedAt = now unless a later use already did. */
    async stampUse(id: string, now: Date): Promise<void> {
      await keys.updateOne({ _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: now } }] }, { $set: { lastUsedAt: now } });
    },

    async list(query: KeyListQuery): Promise<{ items: ApiKeyDoc[]; total: number; more: boolean }> {
      const filter: Filter<ApiKeyDoc> = { teamId: query.teamId };
      if (query.statuses?.length) filter.status = { $in: query.statuses };
      if (query.createdBy) filter.createdBy = query.createdBy;
      if (query.hash) filter.hash = query.hash.toLowerCase();
      const [items, total] = await Promise.all([
        keys.find(filter).sort(sorts[query.sort]).skip(query.offset).limit(query.limit + 1).toArray(),
        keys.countDocuments(filter),
      ]);
      return { items: items.slice(0, query.limit), total, more: items.length > query.limit };
    },

    /** Moves a key from one status to another; false when it was not in `from` (no change). */
    async setStatus(id: string, from: KeyStatus, to: KeyStatus): Promise<boolean> {
      return (await keys.updateOne({ _id: id, status: from }, { $set: { status: to } })).modifiedCount === 1;
    },

    /** The team's keys that are not revoked, but `exceptId` (the caller's own key). */
    async liveIdsInTeam(teamId: string, exceptId?: string): Promise<string[]> {
      const found = await keys.find({ teamId, ...notRevoked, ...(exceptId ? { _id: { $ne: exceptId } } : {}) }, { projection: { _id: 1 } }).toArray();
      return found.map((k) => k._id);
    },

    /** The team's keys found in public, most recent detection first (`live`: not revoked yet). */
    exposedInTeam: (teamId: string, { live = false } = {}) =>
      keys
        .find({ teamId, exposure: { $ne: null }, ...(live ? notRevoked : {}) })
        .sort({ 'exposure.detectedAt': -1, _id: 1 })
        .toArray(),

    /** How many of the team's live keys were created at or before `createdBefore`. */
    countLiveCreatedBy: (teamId: string, createdBefore: Date) => keys.countDocuments({ teamId, ...notRevoked, createdAt: { $lte: createdBefore } }),

    /** Sets every live key's expiry from its creation date (a new team expiry). */
    async resetExpiries(teamId: string, expiryOf: (createdAt: Date) => Date | null): Promise<void> {
      const live = await keys.find({ teamId, ...notRevoked }, { projection: { _id: 1, createdAt: 1 } }).toArray();
      if (live.length === 0) return;
      await keys.bulkWrite(
        live.map((k) => ({ updateOne: { filter: { _id: k._id }, update: { $set: { expiresAt: expiryOf(k.createdAt) } } } })),
        { ordered: false },
      );
    },

    /** Ids of keys past their expiry and not revoked yet (at most `limit`). */
    async dueForExpiry(now: Date, scope: KeyScope = {}, limit = 500): Promise<string[]> {
      const due = await keys.find({ ...scope, ...notRevoked, expiresAt: { $ne: null, $lte: now } }, { projection: { _id: 1 } }).limit(limit).toArray();
      return due.map((k) => k._id);
    },

    /**
     * The revoking write: the one conditional update that decides the single winner (the key
     * is not revoked yet). Returns the key when this call revoked it, else null.
     */
    beginRevocation: (
      id: string,
      revocation: { reason: RevocationReason; actor: ActorRef },
      scope: KeyScope = {},
      alsoSet: Partial<ApiKeyDoc> = {},
    ) =>
      keys.findOneAndUpdate(
        { ...scope, _id: id, ...notRevoked },
        { $set: { ...alsoSet, status: 'revoked', revokedAt: new Date(), revocation, revocationPending: true } },
        { returnDocument: 'after' },
      ),

    /** The key if a revocation of it is still unfinished. */
    findPending: (id: string, scope: KeyScope = {}) => keys.findOne({ ...scope, _id: id, revocationPending: true }),

    async clearPending(id: string): Promise<void> {
      await keys.updateOne({ _id: id }, { $unset: { revocationPending: '' } });
    },

    /** Revocations left unfinished since before `before` (at most `limit`). */
    stalePending: (before: Date, limit = 500) => keys.find({ revocationPending: true, revokedAt: { $lte: before } }).limit(limit).toArray(),

    /** The keys among these hashes, with what the policy decides on. */
    matchHashes: (hashes: string[]) =>
      keys
        .find({ hash: { $in: hashes } }, { projection: { _id: 1, hash: 1, teamId: 1, status: 1, exposure: 1, revocationPending: 1 } })
        .toArray() as Promise<Pick<ApiKeyDoc, '_id' | 'hash' | 'teamId' | 'status' | 'exposure' | 'revocationPending'>[]>,

    /** Which of these hashes are keys we issued. */
    async knownHashes(hashes: string[]): Promise<Set<string>> {
      const found = await keys.find({ hash: { $in: hashes } }, { projection: { hash: 1 } }).toArray();
      return new Set(found.map((k) => k.hash));
    },

    /** Records where each key was found, once (a key already marked keeps its first exposure). */
    async markExposed(marks: { id: string; exposure: KeyExposure }[]): Promise<void> {
      if (marks.length === 0) return;
      await keys.bulkWrite(
        marks.map((m) => ({ updateOne: { filter: { _id: m.id, exposure: null }, update: { $set: { exposure: m.exposure } } } })),
        { ordered: false },
      );
    },

    /** Makes sure a key with this hash exists and is enabled, never expiring (the bootstrap admin key). */
    async ensureEnabled(hash: string, created: Pick<ApiKeyDoc, '_id' | 'preview' | 'name' | 'teamId' | 'createdBy' | 'createdAt'>): Promise<void> {
      await keys.updateOne(
        { hash },
        {
          $setOnInsert: { ...created, lastUsedAt: null, exposure: null },
          $set: { status: 'enabled', expiresAt: null, revokedAt: null, revocation: null },
        },
        { upsert: true },
      );
    },
  };
}
export type KeyRepository = ReturnType<typeof createKeyRepository>;
