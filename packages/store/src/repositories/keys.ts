import { randomUUID } from 'node:crypto';
import type { Filter, Sort } from 'mongodb';
import type { ActorRef, ApiKeyDoc, KeyStatus, RevocationReason } from '../documents.js';
import { mapDuplicate } from '../errors.js';
import { bulkWriteInChunks } from '../bulk.js';
import type { Store } from '../store.js';
import { findByIds, findByValues } from '../lookups.js';

export type KeySort = 'newest' | 'oldest' | 'recently_used';

/** Conditions a caller may put on which keys an operation touches (its team, a member's own keys). */
export interface KeyScope {
  teamId?: string;
  createdBy?: string;
  /** Keys of anyone but these people (a team admin's bulk change spares the super admins'). */
  notCreatedBy?: string[];
}

function scoped({ teamId, createdBy, notCreatedBy }: KeyScope): Filter<ApiKeyDoc> {
  return {
    ...(teamId !== undefined ? { teamId } : {}),
    ...(createdBy !== undefined ? { createdBy } : notCreatedBy?.length ? { createdBy: { $nin: notCreatedBy } } : {}),
  };
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

/**
 * What every write that changes a key's state (status, expiry, exposure) adds to its update:
 * the version grows by one in the same update that decides the change. The state is on
 * keyguard.key-state.v1 once `publishedVersion` has caught up (see @keyguard/keys key-state.ts).
 */
export function stateChange(now = new Date()) {
  return { $set: { stateChangedAt: now }, $inc: { stateVersion: 1 } };
}

/** Whether the key's latest state may not be on keyguard.key-state.v1 yet. */
export const isStatePending = (key: Pick<ApiKeyDoc, 'stateVersion' | 'publishedVersion'>) => (key.stateVersion ?? 0) > (key.publishedVersion ?? 0);

/** `update` with the state bookkeeping merged in. */
export function changing<U extends { $set?: Record<string, unknown>; $inc?: Record<string, number> }>(update: U, now = new Date()) {
  const change = stateChange(now);
  return { ...update, $set: { ...update.$set, ...change.$set }, $inc: { ...update.$inc, ...change.$inc } };
}

/** The bookkeeping fields a new key is inserted with (version 1, not published yet). */
export const initialState = (now = new Date()) => ({ stateVersion: 1, stateChangedAt: now });

/** Enabled and not expired at `now`: a key that authenticates. */
const isUsable = (key: Pick<ApiKeyDoc, 'status' | 'expiresAt'>, now: Date) => key.status === 'enabled' && (key.expiresAt == null || key.expiresAt > now);

/** The apiKeys collection: every key Keyguard issued, stored as its hash. */
export function createKeyRepository(store: Store) {
  const keys = store.collections.apiKeys;
  return {
    insert: (key: ApiKeyDoc) => mapDuplicate('apiKeys', () => keys.insertOne(key)).then(() => undefined),

    findById: (id: string, scope: KeyScope = {}) => keys.findOne({ ...scoped(scope), _id: id }),
    findByHash: (hash: string) => keys.findOne({ hash }),

    /**
     * An enabled, unexpired key, or null: a disabled, revoked, expired or unknown key finds nothing.
     * The filter is the key alone and the state is checked here: FerretDB pushes an `_id`-only
     * filter down to its storage but scans the collection for any other (3.6 s instead of 0.3 s
     * per lookup at 100,000 keys on SQLite), and this runs on every authenticated request.
     *
     * By hash, `idHint` is the id the caller believes the key has (keys-api's verifier table
     * knows every key's id by hash): the key is read by that id — an `_id` read everywhere — and
     * counts only when its stored hash is the one presented; a wrong or unknown hint falls back to
     * the lookup by hash. The document read decides either way, so a key revoked a moment ago is
     * refused whatever the hint's source has heard.
     */
    async findUsable(by: { hash: string; idHint?: string | undefined } | { _id: string }, now = new Date()): Promise<ApiKeyDoc | null> {
      let key: ApiKeyDoc | null = null;
      if ('_id' in by) key = await keys.findOne({ _id: by._id });
      else {
        if (by.idHint !== undefined) key = await keys.findOne({ _id: by.idHint });
        if (key?.hash !== by.hash) key = await keys.findOne({ hash: by.hash });
      }
      return key && isUsable(key, now) ? key : null;
    },

    /** Moves each key's lastUsedAt forward to the time given (never back: reports may come late or twice). */
    async recordUses(latest: Map<string, Date>): Promise<void> {
      if (latest.size === 0) return;
      await bulkWriteInChunks(
        keys,
        [...latest].map(([id, at]) => ({ updateOne: { filter: { _id: id }, update: { $max: { lastUsedAt: at } } } })),
        { ordered: false },
      );
    },

    /** Writes lastUsedAt = now unless a later use already did (an `_id`-only filter: see findUsable). */
    async stampUse(id: string, now: Date): Promise<void> {
      await keys.updateOne({ _id: id }, { $max: { lastUsedAt: now } });
    },

    async list(query: KeyListQuery): Promise<{ items: ApiKeyDoc[]; total: number; more: boolean }> {
      const filter: Filter<ApiKeyDoc> = { teamId: query.teamId };
      if (query.statuses?.length) filter.status = { $in: query.statuses };
      if (query.createdBy) filter.createdBy = query.createdBy;
      if (query.hash) filter.hash = query.hash.toLowerCase();
      const [items, total] = await Promise.all([
        keys
          .find(filter)
          .sort(sorts[query.sort])
          .skip(query.offset)
          .limit(query.limit + 1)
          .toArray(),
        keys.countDocuments(filter),
      ]);
      return { items: items.slice(0, query.limit), total, more: items.length > query.limit };
    },

    /** How many keys (enabled or disabled, not revoked) this person holds. */
    countLiveOf: (userId: string) => keys.countDocuments({ createdBy: userId, ...notRevoked }),

    /**
     * Moves a key from one status to another (a state change: its version grows), with `alsoSet`
     * on the same write; returns the key after it, or null when it was not in `from`.
     */
    setStatus: (id: string, from: KeyStatus, to: KeyStatus, alsoSet: Partial<ApiKeyDoc> = {}, now = new Date()) =>
      keys.findOneAndUpdate({ _id: id, status: from }, changing({ $set: { ...alsoSet, status: to } }, now), { returnDocument: 'after' }),

    /** The team's keys that are not revoked, but `exceptId` (the caller's own key). */
    async liveIdsInTeam(teamId: string, exceptId?: string, scope: Omit<KeyScope, 'teamId'> = {}): Promise<string[]> {
      const found = await keys
        .find({ ...scoped(scope), teamId, ...notRevoked, ...(exceptId ? { _id: { $ne: exceptId } } : {}) }, { projection: { _id: 1 } })
        .toArray();
      return found.map((k) => k._id);
    },

    /** The team's keys found in public, most recent detection first (`live`: not revoked yet). */
    exposedInTeam: (teamId: string, { live = false } = {}) =>
      keys
        .find({ teamId, exposure: { $ne: null }, ...(live ? notRevoked : {}) })
        .sort({ 'exposure.detectedAt': -1, _id: 1 })
        .toArray(),

    /** A page of the team's keys found in public (most recent detection first), with how many there are and how many are still live. */
    async exposedPage(
      teamId: string,
      offset: number,
      limit: number,
      where: { state?: 'active' | 'revoked'; createdBy?: string } = {},
    ): Promise<{ items: ApiKeyDoc[]; more: boolean; total: number; active: number }> {
      const base: Filter<ApiKeyDoc> = { teamId, exposure: { $ne: null }, ...(where.createdBy ? { createdBy: where.createdBy } : {}) };
      const filter: Filter<ApiKeyDoc> = {
        ...base,
        ...(where.state === 'active' ? notRevoked : where.state === 'revoked' ? { status: 'revoked' as const } : {}),
      };
      const [page, total, active] = await Promise.all([
        keys
          .find(filter)
          .sort({ 'exposure.detectedAt': -1, _id: 1 })
          .skip(offset)
          .limit(limit + 1)
          .toArray(),
        keys.countDocuments(filter),
        keys.countDocuments({ ...base, ...notRevoked }),
      ]);
      return { items: page.slice(0, limit), more: page.length > limit, total, active };
    },

    /** How many of the team's live keys were created at or before `createdBefore`. */
    countLiveCreatedBy: (teamId: string, createdBefore: Date) => keys.countDocuments({ teamId, ...notRevoked, createdAt: { $lte: createdBefore } }),

    /** Sets every live key's expiry from its creation date (a new team expiry; a state change); returns their ids. */
    async resetExpiries(teamId: string, expiryOf: (createdAt: Date) => Date | null, now = new Date()): Promise<string[]> {
      const live = await keys.find({ teamId, ...notRevoked }, { projection: { _id: 1, createdAt: 1 } }).toArray();
      if (live.length === 0) return [];
      await bulkWriteInChunks(
        keys,
        live.map((k) => ({ updateOne: { filter: { _id: k._id }, update: changing({ $set: { expiresAt: expiryOf(k.createdAt) } }, now) } })),
        { ordered: false },
      );
      return live.map((k) => k._id);
    },

    /** Ids of keys past their expiry and not revoked yet (at most `limit`). */
    async dueForExpiry(now: Date, scope: KeyScope = {}, limit = 500): Promise<string[]> {
      const due = await keys
        .find({ ...scoped(scope), ...notRevoked, expiresAt: { $ne: null, $lte: now } }, { projection: { _id: 1 } })
        .limit(limit)
        .toArray();
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
      now = new Date(),
    ) =>
      keys.findOneAndUpdate(
        { ...scoped(scope), _id: id, ...notRevoked },
        changing({ $set: { ...alsoSet, status: 'revoked' as const, revokedAt: now, revocation, revocationPending: true } }, now),
        { returnDocument: 'after' },
      ),

    /**
     * The revoking write for several keys in one write: the same condition decides each key's
     * single winner, and the keys revoked here carry this call's claim, so reading them back by
     * `_id` tells which they are (returned; unknown or already revoked keys are left out). For a
     * writer whose writes queue for one lock anyway (FerretDB on SQLite, where a condition
     * beside `_id` costs a decoding scan of every key per write, not per key changed).
     */
    async beginRevocations(ids: string[], revocation: { reason: RevocationReason; actor: ActorRef }, now = new Date()): Promise<ApiKeyDoc[]> {
      if (ids.length === 0) return [];
      const revocationClaim = randomUUID();
      await keys.updateMany(
        { _id: { $in: ids }, ...notRevoked },
        changing({ $set: { status: 'revoked' as const, revokedAt: now, revocation, revocationPending: true, revocationClaim } }, now),
      );
      return (await findByIds(keys, store.capabilities, ids)).filter((k) => k.revocationClaim === revocationClaim);
    },

    /** The key if a revocation of it is still unfinished. */
    findPending: (id: string, scope: KeyScope = {}) => keys.findOne({ ...scoped(scope), _id: id, revocationPending: true }),

    /** The key if its revocation or its state publication is still unfinished. */
    async findLeftovers(id: string): Promise<ApiKeyDoc | null> {
      const key = await keys.findOne({ _id: id });
      return key && (key.revocationPending || isStatePending(key)) ? key : null;
    },

    /** The keys with these ids. */
    byIds: (ids: string[]) => findByIds(keys, store.capabilities, ids),

    /** The state versions of these keys now (what a publisher compares with what it sent). */
    stateVersions: (ids: string[]) =>
      findByIds(keys, store.capabilities, ids, { projection: { _id: 1, stateVersion: 1 } }) as Promise<Pick<ApiKeyDoc, '_id' | 'stateVersion'>[]>,

    /**
     * Records that these versions are on keyguard.key-state.v1. `$max` never moves a key's
     * published version back, so the update needs no condition: on FerretDB a filter of `_id`
     * alone is the cheap one (a condition beside it makes it decode every key).
     */
    async recordPublished(published: { id: string; version: number }[]): Promise<void> {
      if (published.length === 0) return;
      await bulkWriteInChunks(
        keys,
        published.map((p) => ({ updateOne: { filter: { _id: p.id }, update: { $max: { publishedVersion: p.version } } } })),
        { ordered: false },
      );
    },

    /**
     * Keys whose state changed between `since` and `before`, a page at a time in `_id` order
     * (after the last one of the previous page): where the sweeper looks for states a crashed
     * writer left unpublished.
     */
    stateChangedBetween: (since: Date, before: Date, after: string | undefined, limit: number) =>
      keys
        .find({ stateChangedAt: { $gte: since, $lte: before }, ...(after === undefined ? {} : { _id: { $gt: after } }) })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray(),

    /** Every key, a page at a time in `_id` order (after the last one of the previous page). */
    page: (after: string | undefined, limit: number) =>
      keys
        .find(after === undefined ? {} : { _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray(),

    async clearPending(id: string): Promise<void> {
      await keys.updateOne({ _id: id }, { $unset: { revocationPending: '' } });
    },

    /** Revocations left unfinished since before `before` (at most `limit`). */
    stalePending: (before: Date, limit = 500) =>
      keys
        .find({ revocationPending: true, revokedAt: { $lte: before } })
        .limit(limit)
        .toArray(),

    /** The keys among these hashes, with what the policy decides on. */
    matchHashes: (hashes: string[]) =>
      findByValues(keys, store.capabilities, 'hash', hashes, {
        projection: {
          _id: 1,
          hash: 1,
          teamId: 1,
          status: 1,
          exposure: 1,
          revocationPending: 1,
          stateVersion: 1,
          publishedVersion: 1,
          name: 1,
          preview: 1,
          createdBy: 1,
        },
      }) as Promise<
        Pick<
          ApiKeyDoc,
          '_id' | 'hash' | 'teamId' | 'status' | 'exposure' | 'revocationPending' | 'stateVersion' | 'publishedVersion' | 'name' | 'preview' | 'createdBy'
        >[]
      >,

    /** Which of these hashes are keys we issued. */
    async knownHashes(hashes: string[]): Promise<Set<string>> {
      const found = await findByValues(keys, store.capabilities, 'hash', hashes, { projection: { hash: 1 } });
      return new Set(found.map((k) => k.hash));
    },

    /**
     * Records where each key was found. The caller marks only keys it read unmarked, and it is
     * the only writer of `exposure`: the policy, which sees a token's exposures in order on one
     * partition (keyed by the token's hash). So the update needs no `exposure: null` condition
     * (on FerretDB a filter of `_id` alone is the cheap one): a redelivery reads the key marked.
     */
    async markExposed(marks: { id: string; exposure: KeyExposure }[], now = new Date()): Promise<void> {
      if (marks.length === 0) return;
      await bulkWriteInChunks(
        keys,
        marks.map((m) => ({ updateOne: { filter: { _id: m.id }, update: changing({ $set: { exposure: m.exposure } }, now) } })),
        { ordered: false },
      );
    },

    /** Flags a key as made from KEYGUARD_BOOTSTRAP_ADMIN_KEY. */
    async markBootstrap(id: string): Promise<void> {
      await keys.updateOne({ _id: id }, { $set: { bootstrap: true } });
    },

    /** Bootstrap keys of another value that are not revoked yet (the variable changed). */
    async liveBootstrapIdsExcept(hash: string): Promise<string[]> {
      const found = await keys.find({ bootstrap: true, hash: { $ne: hash }, ...notRevoked }, { projection: { _id: 1 } }).toArray();
      return found.map((k) => k._id);
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
