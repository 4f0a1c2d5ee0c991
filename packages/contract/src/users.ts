import { z } from 'zod';
import { pageOf, paging, Role } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';
import { IssuedKey } from './keys.js';
import { Settings } from './settings.js';

export const User = z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role }).meta({ id: 'User' });
export type User = z.output<typeof User>;

/** The caller: who they are, their team and its settings, and how they authenticated. */
export const Me = User.extend({
  team: z.object({ id: z.string(), name: z.string(), settings: Settings }),
  /** The key this request is made with (directly, or the one that opened the session): "Revoke All" spares it. */
  keyId: z.string(),
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
