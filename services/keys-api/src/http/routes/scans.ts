import { getScan, listScans, requestScan } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { scanView } from '../views.js';
import { userActor } from './keys.js';

/** On-demand scans (admins): queue one, list recent ones, follow one. */
export function scanRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    ...requestScan,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const { source, target } = request.body;
      const job = await ctx.scans.request({ source, target, teamId: p.team._id, actor: userActor(p) });
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'scan.requested',
        target: { type: 'scan', id: job._id },
        details: { source, target },
      });
      return reply.code(202).send(scanView(job));
    },
  });

  app.route({
    ...listScans,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      return { items: (await ctx.scans.list(p.team._id)).map(scanView) };
    },
  });

  app.route({
    ...getScan,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const job = await ctx.scans.get(request.params.id, p.team._id);
      if (!job) throw new HttpError(404, 'not_found', 'no such scan');
      return scanView(job);
    },
  });
}
