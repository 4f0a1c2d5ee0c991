import type { Role, UserDoc } from '../documents.js';
import type { Store } from '../store.js';

/** The users collection: the people of each team and their role. */
export function createUserRepository(store: Store) {
  const users = store.collections.users;
  return {
    findById: (id: string) => users.findOne({ _id: id }),
    findByEmail: (email: string) => users.findOne({ email }),

    /** The users with these ids, by id. */
    async byIds(ids: Iterable<string>): Promise<Map<string, UserDoc>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const found = await users.find({ _id: { $in: unique } }).toArray();
      return new Map(found.map((u) => [u._id, u]));
    },

    listInTeam: (teamId: string) => users.find({ teamId }).sort({ name: 1, _id: 1 }).toArray(),

    /** Adds a user; a taken email throws (check with `isDuplicateKey`). */
    async insert(user: UserDoc): Promise<void> {
      await users.insertOne(user);
    },

    /** Makes sure a user with this email exists with this role; returns their id. */
    async ensure(email: string, created: Omit<UserDoc, 'email' | 'role'>, role: Role): Promise<string> {
      await users.updateOne({ email }, { $setOnInsert: created, $set: { role } }, { upsert: true });
      return (await users.findOne({ email }))!._id;
    },

    async setRole(id: string, role: Role): Promise<void> {
      await users.updateOne({ _id: id }, { $set: { role } });
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
