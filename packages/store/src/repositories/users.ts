import type { Role, ScimIdentity, UserDoc } from '../documents.js';
import { mapDuplicate } from '../errors.js';
import type { Store } from '../store.js';
import { findByIds } from '../lookups.js';

/** The users collection: the people of each team and their role. */
export function createUserRepository(store: Store) {
  const users = store.collections.users;
  return {
    findById: (id: string) => users.findOne({ _id: id }),
    findByEmail: (teamId: string, email: string) => users.findOne({ teamId, email }),

    /** The users with these ids, by id. */
    async byIds(ids: Iterable<string>): Promise<Map<string, UserDoc>> {
      const found = await findByIds(users, store.capabilities, ids);
      return new Map(found.map((u) => [u._id, u]));
    },

    /** The email of each of these users (an unknown id is left out). */
    async emailsOf(ids: string[]): Promise<Map<string, string>> {
      const found = await findByIds(users, store.capabilities, ids, { projection: { _id: 1, email: 1 } });
      return new Map(found.map((u) => [u._id, u.email]));
    },

    /** Ids of the team's users with one of these roles. */
    async idsWithRole(teamId: string, roles: Role[]): Promise<string[]> {
      if (roles.length === 0) return [];
      const found = await users.find({ teamId, role: { $in: roles } }, { projection: { _id: 1 } }).toArray();
      return found.map((u) => u._id);
    },

    /** A page of the team's people, by name. */
    async pageInTeam(teamId: string, offset: number, limit: number): Promise<{ items: UserDoc[]; total: number; more: boolean }> {
      const [items, total] = await Promise.all([
        users
          .find({ teamId })
          .sort({ name: 1, _id: 1 })
          .skip(offset)
          .limit(limit + 1)
          .toArray(),
        users.countDocuments({ teamId }),
      ]);
      return { items: items.slice(0, limit), total, more: items.length > limit };
    },

    /** Adds a user; a taken email throws (check with `isDuplicateKey`). */
    async insert(user: UserDoc): Promise<void> {
      await users.insertOne(user);
    },

    /** Makes sure the team has a user with this email and this role; returns them. */
    async ensure(teamId: string, email: string, created: Omit<UserDoc, 'teamId' | 'email' | 'role'>, role: Role): Promise<UserDoc> {
      await users.updateOne({ teamId, email }, { $setOnInsert: created, $set: { role } }, { upsert: true });
      return (await users.findOne({ teamId, email }))!;
    },

    async setRole(id: string, role: Role): Promise<void> {
      await users.updateOne({ _id: id }, { $set: { role, updatedAt: new Date() } });
    },

    findInTeam: (teamId: string, id: string) => users.findOne({ _id: id, teamId }),

    /**
     * A page of the team's people for SCIM, oldest first: all of them, or those whose userName
     * (case-insensitive; a person added in Keyguard has their email as userName) or externalId is this.
     */
    async scimPage(
      teamId: string,
      where: { userName?: string; externalId?: string },
      offset: number,
      limit: number,
    ): Promise<{ items: UserDoc[]; total: number }> {
      const key = where.userName?.toLowerCase();
      const filter = {
        teamId,
        ...(key !== undefined ? { $or: [{ 'scim.userNameKey': key }, { scim: { $exists: false }, email: key }] } : {}),
        ...(where.externalId !== undefined ? { 'scim.externalId': where.externalId } : {}),
      };
      const [items, total] = await Promise.all([
        users.find(filter).sort({ createdAt: 1, _id: 1 }).skip(offset).limit(limit).toArray(),
        users.countDocuments(filter),
      ]);
      return { items, total };
    },

    /** What the identity provider manages of a person (SCIM PUT/PATCH); a taken email throws DuplicateKeyError. */
    async updateIdentity(teamId: string, id: string, set: { email: string; name: string; active: boolean; scim: ScimIdentity }): Promise<UserDoc | null> {
      return mapDuplicate('users', () => users.findOneAndUpdate({ _id: id, teamId }, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' }));
    },

    /** Sets whether a person may sign in; returns them after, or null when not in the team. */
    setActive: (teamId: string, id: string, active: boolean) =>
      users.findOneAndUpdate({ _id: id, teamId }, { $set: { active, updatedAt: new Date() } }, { returnDocument: 'after' }),

    delete: (teamId: string, id: string) => users.findOneAndDelete({ _id: id, teamId }),
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
