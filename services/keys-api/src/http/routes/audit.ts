import { listAudit } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { auditView } from '../views.js';

export function auditRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    ...listAudit,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const query = request.query;
      const offset = decodeCursor(query.cursor);
      if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
      const page = await ctx.audit.list(p.team._id, { offset, limit: query.limit, action: query.action });
      return { items: page.items.map(auditView), nextCursor: page.more ? encodeCursor(offset + query.limit) : null };
    },
  });
}
