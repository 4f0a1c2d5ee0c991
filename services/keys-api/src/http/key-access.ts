import type { ApiKeyDoc, KeyScope } from '@keyguard/store';
import { HttpError } from '@keyguard/runtime';
import { canGovernKeyOf, isAdmin, outranking } from '../domain/access.js';
import type { Principal } from './auth.js';
import type { ApiContext } from './context.js';

/** A member sees and acts on their own keys only: the owner filter for them, none for admins. */
export const ownerScope = (p: Principal): string | undefined => (isAdmin(p.user.role) ? undefined : p.user._id);

/**
 * The owner condition of a bulk change (bulk revoke, revoke-all): a member's own keys; a team
 * admin's team minus its super admins' keys; everything for a super admin.
 */
export async function governableOwners(ctx: ApiContext, p: Principal): Promise<Omit<KeyScope, 'teamId'>> {
  const own = ownerScope(p);
  if (own) return { createdBy: own };
  const above = await ctx.keys.userIdsWithRole(p.team._id, outranking(p.user.role));
  return above.length > 0 ? { notCreatedBy: above } : {};
}

/** 403 unless the caller may disable, enable or revoke this key (role hierarchy). */
export async function assertCanGovern(ctx: ApiContext, p: Principal, record: ApiKeyDoc): Promise<void> {
  if (record.createdBy === p.user._id) return;
  const owner = (await ctx.keys.usersFor([record])).get(record.createdBy);
  if (!isAdmin(p.user.role) || (owner && !canGovernKeyOf({ id: p.user._id, role: p.user.role }, { id: owner._id, role: owner.role }))) {
    throw new HttpError(403, 'OUTRANKED', "only a super admin can disable, enable or revoke a super admin's keys");
  }
}
