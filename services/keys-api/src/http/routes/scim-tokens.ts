import { createScimToken, deleteScimToken, listScimTokens } from '@keyguard/contract';
import { issueScimToken, newId } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ScimTokenDoc } from '@keyguard/store';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { scimTokenView } from '../views.js';
import { userActor } from './keys.js';

/** A team's SCIM API keys: admins create (shown once), list and revoke them; every change is audited. */
export function scimTokenRoutes(app: Api, ctx: ApiContext): void {
  const { scimTokens } = ctx.repos;

  app.route({
    ...createScimToken,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const issued = issueScimToken();
      const doc: ScimTokenDoc = {
        _id: newId('scim'),
        teamId: p.team._id,
        name: request.body.name,
        hash: issued.hash,
        preview: issued.preview,
        grantsUpTo: p.user.role,
        createdBy: p.user._id,
        createdAt: new Date(),
        lastUsedAt: null,
      };
      await scimTokens.insert(doc);
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'scim_token.created',
        target: { type: 'scim_token', id: doc._id },
        details: { name: doc.name, preview: doc.preview },
      });
      return reply.code(201).send({ ...scimTokenView(doc, new Map([[p.user._id, p.user]])), token: issued.raw });
    },
  });

  app.route({
    ...listScimTokens,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const items = await scimTokens.list(p.team._id);
      const users = await ctx.keys.usersFor(items);
      return { items: items.map((t) => scimTokenView(t, users)) };
    },
  });

  app.route({
    ...deleteScimToken,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const deleted = await scimTokens.delete(p.team._id, request.params.id);
      if (!deleted) throw new HttpError(404, 'not_found', 'no such SCIM API key');
      ctx.scimCallers.forget(deleted.hash);
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'scim_token.deleted',
        target: { type: 'scim_token', id: deleted._id },
        details: { name: deleted.name, preview: deleted.preview },
      });
      return reply.code(204).send();
    },
  });
}
