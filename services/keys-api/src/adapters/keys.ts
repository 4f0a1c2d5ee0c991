import type { ApiKeyDoc, KeySort, KeyStatus, Repositories, UserDoc } from '@keyguard/store';

export type { KeySort } from '@keyguard/store';

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

/** The key reads the routes share, over the store's repositories. */
export function createKeyQueries({ keys, users }: Pick<Repositories, 'keys' | 'users'>) {
  return {
    list: ({ keyHash, ...query }: KeyQuery) => keys.list({ ...query, hash: keyHash }),
    /** One key of the team, limited to the owner's own keys when `ownerId` is given. */
    find: (teamId: string, id: string, ownerId?: string): Promise<ApiKeyDoc | null> =>
      keys.findById(id, { teamId, ...(ownerId ? { createdBy: ownerId } : {}) }),
    /** How many keys (enabled or disabled, not revoked) this person holds. */
    liveCountOf: (userId: string): Promise<number> => keys.countLiveOf(userId),
    /** Ids of the team's users with one of these roles. */
    userIdsWithRole: (teamId: string, roles: UserDoc['role'][]): Promise<string[]> => users.idsWithRole(teamId, roles),
    usersFor: (records: { createdBy: string }[]): Promise<Map<string, UserDoc>> => users.byIds(records.map((r) => r.createdBy)),
  };
}
export type KeyQueries = ReturnType<typeof createKeyQueries>;
