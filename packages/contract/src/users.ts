import { z } from 'zod';
import { IdParams, pageOf, paging, Role } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';
import { IssuedKey } from './keys.js';
import { Settings } from './settings.js';

export const User = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: Role,
    /** False once deactivated (by an admin or the identity provider): they can no longer sign in, their keys are revoked. */
    active: z.boolean(),
    /** True for people the identity provider manages (SCIM). */
    provisioned: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.output<typeof User>;

/** The caller: who they are, their team and its settings, and how they authenticated. */
export const Me = User.extend({
  team: z.object({ id: z.string(), name: z.string(), settings: Settings }),
  /** The key this request is made with (directly, or the one that opened the session): "Revoke All" spares it. Null in a single sign-on session. */
  keyId: z.string().nullable(),
  authenticatedBy: z.enum(['api_key', 'session']),
});
export type Me = z.output<typeof Me>;

export const ListUsersQuery = z.object({ ...paging });
export type ListUsersQuery = z.input<typeof ListUsersQuery>;

/** A page of the team's users, by name. */
export const UserPage = pageOf(User).extend({ total: z.number().int() });
export type UserPage = z.output<typeof UserPage>;

export const CreateUser = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  role: Role.default('member'),
});
export type CreateUser = z.input<typeof CreateUser>;

export const CreatedUser = z.object({ user: User, key: IssuedKey });
export type CreatedUser = z.output<typeof CreatedUser>;

const tags = ['users'];

export const getMe = endpoint({
  method: 'GET',
  url: '/me',
  schema: { summary: 'The caller, their team and settings', tags, response: { 200: Me, ...errors(...authErrors) } },
});

export const listUsers = endpoint({
  method: 'GET',
  url: '/users',
  schema: { summary: 'Team members (admins), paged', tags, querystring: ListUsersQuery, response: { 200: UserPage, ...errors(400, ...authErrors, 403) } },
});

export const createUser = endpoint({
  method: 'POST',
  url: '/users',
  schema: {
    summary: 'Add a member and issue their first key (shown once); 409 EMAIL_TAKEN',
    tags,
    body: CreateUser,
    response: { 201: CreatedUser, ...errors(...bodyErrors, ...authErrors, 403, 409) },
  },
});

/** An admin changes a person's role, or deactivates them (their sessions end, their keys are revoked: `deprovisioned`) or reactivates them. */
export const PatchUser = z
  .object({ role: Role.optional(), active: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.active !== undefined, { message: 'give role or active' });
export type PatchUser = z.input<typeof PatchUser>;

export const patchUser = endpoint({
  method: 'PATCH',
  url: '/users/:id',
  schema: {
    summary: "Change a person's role, deactivate or reactivate them (admins; a team admin cannot change a super admin, nobody their own account)",
    tags,
    params: IdParams,
    body: PatchUser,
    response: { 200: User, ...errors(...bodyErrors, ...authErrors, 403, 404) },
  },
});
