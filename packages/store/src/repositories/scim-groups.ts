import type { ScimGroupDoc } from '../documents.js';
import { mapDuplicate } from '../errors.js';
import type { Store } from '../store.js';

/** The groups a team's identity provider pushed over SCIM, with their members' user ids. */
export function createScimGroupRepository(store: Store) {
  const groups = store.collections.scimGroups;
  return {
    /** A taken display name throws (check with `isDuplicateKey`). */
    async insert(doc: ScimGroupDoc): Promise<void> {
      await mapDuplicate('scimGroups', () => groups.insertOne(doc));
    },
    find: (teamId: string, id: string) => groups.findOne({ _id: id, teamId }),

    /** A page of the team's groups (optionally those with this display name), oldest first. */
    async page(
      teamId: string,
      where: { displayName?: string; externalId?: string },
      offset: number,
      limit: number,
    ): Promise<{ items: ScimGroupDoc[]; total: number }> {
      const filter = { teamId, ...where };
      const [items, total] = await Promise.all([
        groups.find(filter).sort({ createdAt: 1, _id: 1 }).skip(offset).limit(limit).toArray(),
        groups.countDocuments(filter),
      ]);
      return { items, total };
    },

    /** Replaces what the provider manages of a group; a taken display name throws. */
    async replace(
      teamId: string,
      id: string,
      set: Pick<ScimGroupDoc, 'displayName' | 'role' | 'members'> & { externalId?: string },
    ): Promise<ScimGroupDoc | null> {
      return mapDuplicate('scimGroups', () =>
        groups.findOneAndUpdate({ _id: id, teamId }, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' }),
      );
    },

    delete: (teamId: string, id: string) => groups.findOneAndDelete({ _id: id, teamId }),

    /** The groups this person is a member of. */
    ofUser: (teamId: string, userId: string) => groups.find({ teamId, members: userId }).toArray(),

    /** Takes a person out of every group (they were deleted). */
    async removeMember(teamId: string, userId: string): Promise<void> {
      await groups.updateMany({ teamId, members: userId }, { $pull: { members: userId } });
    },
  };
}
export type ScimGroupRepository = ReturnType<typeof createScimGroupRepository>;
