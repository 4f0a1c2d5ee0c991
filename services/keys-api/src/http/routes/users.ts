import { createUser, getMe, listUsers, patchUser } from '@keyguard/contract';
import { newId } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import { isDuplicateKey, type UserDoc } from '@keyguard/store';
import { canGovernKeyOf, canGrant } from '../../domain/access.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { adminOnly, principalOf, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { keyView, settingsView, userView } from '../views.js';
import { userActor } from './keys.js';
import { digestWindowOf } from '../../config.js';

export function userRoutes(app: Api, ctx: ApiContext): void {
  const { users } = ctx.repos;

  app.route({
    ...getMe,
    handler: async (request) => {
      const p = principalOf(request);
      return {
        ...userView(p.user),
        team: { id: p.team._id, name: p.team.name, settings: settingsView(p.team, digestWindowOf(ctx.config)) },
        keyId: p.keyId,
        authenticatedBy: p.via,
      };
    },
  });

  app.route({
    ...listUsers,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const { limit, cursor } = request.query;
      const offset = decodeCursor(cursor);
      if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
      const page = await users.pageInTeam(p.team._id, offset, limit);
      return { items: page.items.map(userView), nextCursor: page.more ? encodeCursor(offset + limit) : null, total: page.total };
    },
  });

  app.route({
    ...createUser,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const body = request.body;
      if (!canGrant(p.user.role, body.role)) throw new HttpError(403, 'forbidden', 'only a super admin can add a super admin');
      const user: UserDoc = { _id: newId('usr'), teamId: p.team._id, email: body.email, name: body.name, role: body.role, createdAt: new Date() };
      try {
        await users.insert(user);
      } catch (error) {
        if (isDuplicateKey(error)) throw new HttpError(409, 'EMAIL_TAKEN', 'a user with this email already exists');
        throw error;
      }
      const { record, raw } = await ctx.issuer.issue(user, p.team, `${user.name}'s key`, null);
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'user.created',
        target: { type: 'user', id: user._id },
        details: { email: user.email, role: user.role },
      });
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'key.created',
        target: { type: 'key', id: record._id },
        details: { name: record.name, preview: record.preview, for: user._id },
      });
      return reply.code(201).send({ user: userView(user), key: { ...keyView(record, new Map([[user._id, user]])), key: raw } });
    },
  });

  app.route({
    ...patchUser,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const { role, active } = request.body;
      const user = await users.findInTeam(p.team._id, request.params.id);
      if (!user) throw new HttpError(404, 'not_found', 'no such user');
      if (user._id === p.user._id) throw new HttpError(403, 'forbidden', 'you cannot change your own role or deactivate yourself');
      if (!canGovernKeyOf({ id: p.user._id, role: p.user.role }, { id: user._id, role: user.role }))
        throw new HttpError(403, 'forbidden', 'only a super admin can change a super admin');
      if (role !== undefined && !canGrant(p.user.role, role)) throw new HttpError(403, 'forbidden', 'only a super admin can make someone a super admin');
      const actor = userActor(p);
      const target = { type: 'user' as const, id: user._id };
      if (role !== undefined && role !== user.role) {
        await users.setRole(user._id, role);
        await ctx.audit.record({ teamId: p.team._id, actor, action: 'user.role_changed', target, details: { email: user.email, from: user.role, to: role } });
      }
      if (active === false) {
        const done = await ctx.deprovisioner.deactivate(user, actor);
        if (user.active !== false)
          await ctx.audit.record({ teamId: p.team._id, actor, action: 'user.deactivated', target, details: { email: user.email, ...done } });
      } else if (active === true && user.active === false) {
        await users.setActive(p.team._id, user._id, true);
        await ctx.audit.record({ teamId: p.team._id, actor, action: 'user.reactivated', target, details: { email: user.email } });
      }
      return userView((await users.findInTeam(p.team._id, user._id))!);
    },
  });
}
