import { getInsights, MAX_INSIGHTS_DAYS } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import { insightsRange, summarize } from '@keyguard/keys';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';

/** GET /insights: sums the team's daily rollups (packages/store insights) — never a scan of the findings. */
export function insightsRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    ...getInsights,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const range = insightsRange(request.query, MAX_INSIGHTS_DAYS);
      if ('error' in range) throw new HttpError(400, 'invalid_request', range.error);
      return summarize(await ctx.insights.read(p.team._id, range.from, range.to), range.from, range.to);
    },
  });
}
