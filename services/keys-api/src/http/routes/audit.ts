import type { FastifyInstance } from 'fastify';
import { HttpError } from '@keyguard/runtime';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { requireAdmin } from '../auth.js';
import { type ApiContext, parse } from '../context.js';
import { auditView } from '../views.js';

const AuditQuery = z.object({
  action: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

export function auditRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/audit', async (request) => {
    const p = requireAdmin(request);
    const query = parse(AuditQuery, request.query);
    const offset = decodeCursor(query.cursor);
    if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
    const page = await ctx.audit.list(p.team._id, { offset, limit: query.limit, action: query.action });
    return { items: page.items.map(auditView), nextCursor: page.more ? encodeCursor(offset + query.limit) : null };
  });
}
