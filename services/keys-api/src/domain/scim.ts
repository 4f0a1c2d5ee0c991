import { type ScimGroup, ScimSchemas, type ScimUser, type ScimUserInput } from '@keyguard/contract';
import type { Role, ScimGroupDoc, ScimIdentity, UserDoc } from '@keyguard/store';

/** Pure SCIM decisions: representations, what a provider's User means for a Keyguard user, groups → roles. */

const iso = (d: Date) => new Date(d).toISOString();

/** A SCIM answer's error: its HTTP status, RFC 7644 `scimType` and a sentence. */
export class ScimProblem extends Error {
  constructor(
    readonly status: number,
    readonly scimType: 'invalidFilter' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ScimProblem';
  }
}

export function scimUserOf(u: UserDoc, groups: ScimGroupDoc[], base: string): ScimUser {
  return {
    schemas: [ScimSchemas.user],
    id: u._id,
    ...(u.scim?.externalId !== undefined ? { externalId: u.scim.externalId } : {}),
    userName: u.scim?.userName ?? u.email,
    displayName: u.name,
    name: {
      formatted: u.name,
      ...(u.scim?.givenName !== undefined ? { givenName: u.scim.givenName } : {}),
      ...(u.scim?.familyName !== undefined ? { familyName: u.scim.familyName } : {}),
    },
    emails: [{ value: u.email, type: 'work', primary: true }],
    active: u.active !== false,
    groups: groups.map((g) => ({ value: g._id, display: g.displayName, $ref: `${base}/Groups/${g._id}` })),
    meta: { resourceType: 'User', created: iso(u.createdAt), lastModified: iso(u.updatedAt ?? u.createdAt), location: `${base}/Users/${u._id}` },
  };
}

export function scimGroupOf(g: ScimGroupDoc, members: Map<string, UserDoc>, base: string): ScimGroup {
  return {
    schemas: [ScimSchemas.group],
    id: g._id,
    ...(g.externalId !== undefined ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    members: g.members.map((id) => ({ value: id, display: members.get(id)?.name ?? '', $ref: `${base}/Users/${id}` })),
    meta: { resourceType: 'Group', created: iso(g.createdAt), lastModified: iso(g.updatedAt), location: `${base}/Groups/${g._id}` },
  };
}

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface UserIdentity {
  email: string;
  name: string;
  active: boolean;
  scim: ScimIdentity;
}

/**
 * What a provider's User means here: keys' emails go to the primary email (else the first,
 * else an email-shaped userName); the display name, else the formatted or given + family name,
 * else the userName, is the person's name.
 */
export function identityOf(input: ScimUserInput): UserIdentity {
  const emails = input.emails ?? [];
  const chosen = emails.find((e) => e.primary === true)?.value ?? emails[0]?.value ?? input.userName;
  const email = chosen.trim().toLowerCase();
  if (!emailShape.test(email)) throw new ScimProblem(400, 'invalidValue', 'a user needs an email address: in emails, or as an email-shaped userName');
  const given = input.name?.givenName?.trim();
  const family = input.name?.familyName?.trim();
  const name = (input.displayName?.trim() || input.name?.formatted?.trim() || [given, family].filter(Boolean).join(' ') || input.userName).slice(0, 100);
  return {
    email,
    name,
    active: input.active ?? true,
    scim: {
      userName: input.userName,
      userNameKey: input.userName.toLowerCase(),
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      ...(given ? { givenName: given } : {}),
      ...(family ? { familyName: family } : {}),
    },
  };
}

const rank: Record<Role, number> = { member: 0, team_admin: 1, super_admin: 2 };

/**
 * Groups map to roles by display name: "Keyguard Super Admins" → super_admin, "Keyguard Team
 * Admins" (or "Keyguard Admins") → team_admin; any other group gives no role. Case, spaces,
 * `-` and `_` do not matter.
 */
export function roleOfGroup(displayName: string): Role | null {
  const normal = displayName
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  if (normal === 'keyguard super admins') return 'super_admin';
  if (normal === 'keyguard team admins' || normal === 'keyguard admins') return 'team_admin';
  return null;
}

/** A provisioned person's role: the highest their groups give, never above what the SCIM key may grant; member without one. */
export function roleFromGroups(groups: Pick<ScimGroupDoc, 'role'>[], grantsUpTo: Role): Role {
  let role: Role = 'member';
  for (const g of groups) if (g.role && rank[g.role] > rank[role]) role = g.role;
  return rank[role] > rank[grantsUpTo] ? grantsUpTo : role;
}
