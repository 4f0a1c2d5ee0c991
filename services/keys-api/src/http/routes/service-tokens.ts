import { createServiceToken, deleteServiceToken, listServiceTokens } from '@keyguard/contract';
import { issueServiceToken, newId } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ServiceTokenDoc } from '@keyguard/store';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { serviceTokenView } from '../views.js';
import { userActor } from './keys.js';

/** A team's service tokens: admins create (shown once), list and delete them; every change is audited. */
export function serviceTokenRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    ...createServiceToken,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const issued = issueServiceToken();
      const doc: ServiceTokenDoc = {
        _id: newId('stk'),
        teamId: p.team._id,
        name: request.body.name,
        scopes: [...new Set(request.body.scopes)],
        hash: issued.hash,
        preview: issued.preview,
        createdBy: p.user._id,
        createdAt: new Date(),
        lastUsedAt: null,
      };
      await ctx.serviceTokens.insert(doc);
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'service_token.created',
        target: { type: 'service_token', id: doc._id },
        details: { name: doc.name, preview: doc.preview, scopes: doc.scopes },
      });
      return reply.code(201).send({ ...serviceTokenView(doc, new Map([[p.user._id, p.user]])), token: issued.raw });
    },
  });

  app.route({
    ...listServiceTokens,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const items = await ctx.serviceTokens.list(p.team._id);
      const users = await ctx.keys.usersFor(items);
      return { items: items.map((t) => serviceTokenView(t, users)) };
    },
  });

  app.route({
    ...deleteServiceToken,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const deleted = await ctx.serviceTokens.delete(p.team._id, request.params.id);
      if (!deleted) throw new HttpError(404, 'not_found', 'no such service token');
      ctx.verifyCallers.forget(deleted.hash);
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'service_token.deleted',
        target: { type: 'service_token', id: deleted._id },
        details: { name: deleted.name, preview: deleted.preview },
      });
      return reply.code(204).send();
    },
  });
}
