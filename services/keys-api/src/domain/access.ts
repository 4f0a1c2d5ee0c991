import type { Role } from '@keyguard/store';

/** Team admins and super admins see and govern the whole team; members only their own keys. */
export const isAdmin = (role: Role): boolean => role === 'team_admin' || role === 'super_admin';

/** Who may add a user with which role: only a super admin makes another super admin. */
export function canGrant(granter: Role, role: Role): boolean {
  if (!isAdmin(granter)) return false;
  return role !== 'super_admin' || granter === 'super_admin';
}

/** Members may create keys unless the team turned that off; admins always may. */
export const canCreateKey = (role: Role, allowMemberKeyGeneration: boolean): boolean => isAdmin(role) || allowMemberKeyGeneration;

const rank: Record<Role, number> = { member: 0, team_admin: 1, super_admin: 2 };

/** Roles the given role does not outrank (the owners whose keys it may not govern). */
export const outranking = (role: Role): Role[] => (Object.keys(rank) as Role[]).filter((r) => rank[r] > rank[role]);

/**
 * Who may disable, enable or revoke a key: its owner, or an admin the owner does not outrank
 * (a team admin governs members' and team admins' keys, never a super admin's).
 */
export function canGovernKeyOf(actor: { id: string; role: Role }, owner: { id: string; role: Role }): boolean {
  if (actor.id === owner.id) return true;
  return isAdmin(actor.role) && rank[actor.role] >= rank[owner.role];
}

/** A disabled key is enabled again only by someone at least as senior as whoever disabled it. */
export const canUndoDisable = (actor: Role, disabledBy: Role): boolean => rank[actor] >= rank[disabledBy];
