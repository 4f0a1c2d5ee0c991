import type { TeamDoc } from '../documents.js';
import type { Store } from '../store.js';
import { findByIds } from '../lookups.js';

export interface TeamRecipients {
  teamId: string;
  /** Team admins and super admins of the team. */
  admins: string[];
  securityContacts: string[];
  /** The team's own digest window; null when it has none (the operator default applies). */
  digestWindowMs: number | null;
}

/** Who is told about a team's exposures: read by the notifier. */
export function createTeamDirectory(store: Store) {
  const { teams, users } = store.collections;
  const recipientsOf = async (team: TeamDoc): Promise<TeamRecipients> => {
    const admins = await users.find({ teamId: team._id, role: { $in: ['team_admin', 'super_admin'] } }, { projection: { email: 1 } }).toArray();
    return {
      teamId: team._id,
      admins: admins.map((u) => u.email),
      securityContacts: team.settings.securityContacts ?? [],
      digestWindowMs: team.settings.digestWindowMs ?? null,
    };
  };
  return {
    async recipients(teamId: string): Promise<TeamRecipients | null> {
      const team = await teams.findOne({ _id: teamId });
      return team ? recipientsOf(team) : null;
    },
    /** Every team's security contacts (third-party findings are seen by every team). */
    async allSecurityContacts(): Promise<{ teamId: string; contacts: string[] }[]> {
      const all = await teams.find({}, { projection: { settings: 1 } }).toArray();
      return all.map((t) => ({ teamId: t._id, contacts: t.settings?.securityContacts ?? [] })).filter((t) => t.contacts.length > 0);
    },
    async digestWindows(teamIds: string[]): Promise<Map<string, number | null>> {
      const found = await findByIds(teams, store.capabilities, teamIds, { projection: { settings: 1 } });
      return new Map(found.map((t) => [t._id, t.settings?.digestWindowMs ?? null]));
    },
    /** Teams whose admins asked for the weekly insights email. */
    async weeklyDigestTeams(): Promise<string[]> {
      return (await teams.find({ 'settings.weeklyDigest': true }, { projection: { _id: 1 } }).toArray()).map((t) => t._id);
    },
    /** True when some team asked for third-party tokens to be reported to their issuers. */
    async relayWanted(): Promise<boolean> {
      return (await teams.countDocuments({ 'settings.relayThirdPartyTokens': true }, { limit: 1 })) > 0;
    },
  };
}
export type TeamDirectory = ReturnType<typeof createTeamDirectory>;
