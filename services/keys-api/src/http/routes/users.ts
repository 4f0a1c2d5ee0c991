import { createUser, getMe, listUsers } from '@keyguard/contract';
import { newId } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import { isDuplicateKey, type UserDoc } from '@keyguard/store';
import { canGrant } from '../../domain/access.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { adminOnly, principalOf, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { keyView, settingsView, userView } from '../views.js';
import { userActor } from './keys.js';

export function userRoutes(app: Api, ctx: ApiContext): void {
  const users = ctx.store.collections.users;

  app.route({
    ...getMe,
    handler: async (request) => {
      const p = principalOf(request);
      return {
        ...userView(p.user),
        team: { id: p.team._id, name: p.team.name, settings: settingsView(p.team, ctx.config.KEYGUARD_DIGEST_WINDOW_MS) },
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
      const filter = { teamId: p.team._id };
      const [items, total] = await Promise.all([
        users.find(filter).sort({ name: 1, _id: 1 }).skip(offset).limit(limit + 1).toArray(),
        users.countDocuments(filter),
      ]);
      return { items: items.slice(0, limit).map(userView), nextCursor: items.length > limit ? encodeCursor(offset + limit) : null, total };
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
        await users.insertOne(user);
      } catch (error) {
        if (isDuplicateKey(error)) throw new HttpError(409, 'EMAIL_TAKEN', 'a user with this email already exists');
        throw error;
      }
      const { record, raw } = await ctx.issuer.issue(user, p.team, `${user.name}'s key`, null);
      await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'user.created', target: { type: 'user', id: user._id }, details: { email: user.email, role: user.role } });
      await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'key.created', target: { type: 'key', id: record._id }, details: { name: record.name, preview: record.preview, for: user._id } });
      return reply.code(201).send({ user: userView(user), key: { ...keyView(record, new Map([[user._id, user]])), key: raw } });
    },
  });
}
