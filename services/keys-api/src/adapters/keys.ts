import type { Filter, Sort } from 'mongodb';
import { type KeyRecord, keyRecords } from '@keyguard/keys';
import type { KeyStatus, Store, UserDoc } from '@keyguard/store';

export type KeySort = 'newest' | 'oldest' | 'recently_used';

export interface KeyQuery {
  teamId: string;
  statuses?: KeyStatus[];
  createdBy?: string;
  /** The hash of a full key value, computed by the caller. */
  keyHash?: string;
  sort: KeySort;
  offset: number;
  limit: number;
}

const sorts: Record<KeySort, Sort> = {
  newest: { createdAt: -1, _id: -1 },
  oldest: { createdAt: 1, _id: 1 },
  // Descending puts never-used keys (null) last.
  recently_used: { lastUsedAt: -1, createdAt: -1, _id: -1 },
};

export function createKeyQueries(store: Store) {
  const keys = keyRecords(store);
  const users = store.collections.users;
  return {
    async list(query: KeyQuery): Promise<{ items: KeyRecord[]; total: number; more: boolean }> {
      const filter: Filter<KeyRecord> = { teamId: query.teamId };
      if (query.statuses?.length) filter.status = { $in: query.statuses };
      if (query.createdBy) filter.createdBy = query.createdBy;
      if (query.keyHash) filter.hash = query.keyHash.toLowerCase();
      const [items, total] = await Promise.all([
        keys.find(filter).sort(sorts[query.sort]).skip(query.offset).limit(query.limit + 1).toArray(),
        keys.countDocuments(filter),
      ]);
      return { items: items.slice(0, query.limit), total, more: items.length > query.limit };
    },
    /** One key of the team, limited to the owner's own keys when `ownerId` is given. */
    find(teamId: string, id: string, ownerId?: string): Promise<KeyRecord | null> {
      return keys.findOne({ _id: id, teamId, ...(ownerId ? { createdBy: ownerId } : {}) });
    },
    /** How many keys (enabled or disabled, not revoked) this person holds. */
    liveCountOf(userId: string): Promise<number> {
      return keys.countDocuments({ createdBy: userId, status: { $ne: 'revoked' } });
    },
    /** Ids of the team's users with one of these roles. */
    async userIdsWithRole(teamId: string, roles: UserDoc['role'][]): Promise<string[]> {
      if (roles.length === 0) return [];
      const found = await users.find({ teamId, role: { $in: roles } }, { projection: { _id: 1 } }).toArray();
      return found.map((u) => u._id);
    },
    async usersFor(records: { createdBy: string }[]): Promise<Map<string, UserDoc>> {
      const ids = [...new Set(records.map((r) => r.createdBy))];
      if (ids.length === 0) return new Map();
      const found = await users.find({ _id: { $in: ids } }).toArray();
      return new Map(found.map((u) => [u._id, u]));
    },
  };
}
export type KeyQueries = ReturnType<typeof createKeyQueries>;
