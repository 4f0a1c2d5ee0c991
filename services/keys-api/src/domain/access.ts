import type { Role } from '@keyguard/store';

/** Team admins and super admins see and govern the whole team; members only their own keys. */
export const isAdmin = (role: Role): boolean => role === 'team_admin' || role === 'super_admin';

/** Who may add a user with which role: only a super admin makes another super admin. */
export function canGrant(granter: Role, role: Role): boolean {
  if (!isAdmin(granter)) return false;
  return role !== 'super_admin' || granter === 'super_admin';
}

/** Members may create keys unless the team turned that off; admins always may. */
export const canCreateKey = (role: Role, allowMemberKeyGeneration: boolean): boolean =>
  isAdmin(role) || allowMemberKeyGeneration;
