import type { TeamDoc, TeamSettings } from '../documents.js';
import type { Store } from '../store.js';
import { findByIds } from '../lookups.js';

/** The teams collection: each team and its key-governance settings. */
export function createTeamRepository(store: Store) {
  const teams = store.collections.teams;
  return {
    findById: (id: string) => teams.findOne({ _id: id }),

    /** The settings of these teams, by team id. */
    async settingsOf(ids: Iterable<string>): Promise<Map<string, TeamSettings>> {
      const found = await findByIds(teams, store.capabilities, ids);
      return new Map(found.map((t) => [t._id, t.settings]));
    },

    /** Which of these team ids exist. */
    async existing(ids: Iterable<string>): Promise<Set<string>> {
      const found = await findByIds(teams, store.capabilities, ids, { projection: { _id: 1 } });
      return new Set(found.map((t) => t._id));
    },

    /** Creates the team unless it exists (an existing team keeps its name and settings). */
    async ensure(team: TeamDoc): Promise<void> {
      const { _id, ...created } = team;
      await teams.updateOne({ _id }, { $setOnInsert: created }, { upsert: true });
    },

    async updateSettings(id: string, settings: TeamSettings, at = new Date()): Promise<void> {
      await teams.updateOne({ _id: id }, { $set: { settings, updatedAt: at } });
    },
  };
}
export type TeamRepository = ReturnType<typeof createTeamRepository>;
