import type { FastifyInstance } from 'fastify';
import { changing, keyRecords } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ActorRef } from '@keyguard/store';
import { z } from 'zod';
import { canCreateKey, isAdmin } from '../../domain/access.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { type Principal, principalOf, requireAdmin } from '../auth.js';
import { type ApiContext, parse } from '../context.js';
import { keyView } from '../views.js';

const KeyStatusList = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['enabled', 'disabled', 'revoked'])));

const ListQuery = z.object({
  status: KeyStatusList.optional(),
  createdBy: z.string().min(1).optional(),
  q: z.string().min(1).max(200).optional(),
  /** The hex SHA-256 of a full key value: search without putting the key itself in a URL. */
  keyHash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a hex SHA-256').optional(),
  sort: z.enum(['newest', 'oldest', 'recently_used']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

const CreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

const Ids = z.object({ ids: z.array(z.string().min(1)).min(1).max(1000) });
const Confirm = z.object({ confirm: z.literal(true) });

export const userActor = (p: Principal): ActorRef => ({ type: 'user', id: p.user._id, name: p.user.name });

/** A member acts only on their own keys; admins on every key of the team. */
const ownerScope = (p: Principal) => (isAdmin(p.user.role) ? undefined : p.user._id);

export function keyRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const records = keyRecords(ctx.store);

  async function viewOf(teamId: string, id: string) {
    const record = await ctx.keys.find(teamId, id);
    if (!record) throw new HttpError(404, 'not_found', 'no such key');
    return keyView(record, await ctx.keys.usersFor([record]));
  }

  async function scopedKey(p: Principal, id: string) {
    const record = await ctx.keys.find(p.team._id, id, ownerScope(p));
    if (!record) throw new HttpError(404, 'not_found', 'no such key');
    return record;
  }

  app.get('/keys', async (request) => {
    const p = principalOf(request);
    const query = parse(ListQuery, request.query);
    const offset = decodeCursor(query.cursor);
    if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
    if (query.q && query.keyHash) throw new HttpError(400, 'invalid_request', 'give q or keyHash, not both');
    if (!isAdmin(p.user.role) && query.createdBy && query.createdBy !== p.user._id) {
      throw new HttpError(403, 'forbidden', "members can list only their own keys");
    }
    const result = await ctx.keys.list({
      teamId: p.team._id,
      statuses: query.status,
      createdBy: ownerScope(p) ?? query.createdBy,
      q: query.q,
      keyHash: query.keyHash,
      sort: query.sort,
      offset,
      limit: query.limit,
    });
    const users = await ctx.keys.usersFor(result.items);
    return {
      items: result.items.map((k) => keyView(k, users)),
      nextCursor: result.more ? encodeCursor(offset + query.limit) : null,
      total: result.total,
    };
  });

  app.post('/keys', async (request, reply) => {
    const p = principalOf(request);
    const body = parse(CreateBody, request.body);
    if (!canCreateKey(p.user.role, p.team.settings.allowMemberKeyGeneration)) {
      throw new HttpError(403, 'forbidden', 'your team allows only admins to generate API keys');
    }
    const requested = body.expiresAt ? new Date(body.expiresAt) : null;
    if (requested && requested.getTime() <= Date.now()) throw new HttpError(400, 'invalid_request', 'expiresAt: must be in the future');
    const { record, raw } = await ctx.issuer.issue(p.user, p.team, body.name, requested);
    await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'key.created', target: { type: 'key', id: record._id }, details: { name: record.name, preview: record.preview } });
    return reply.code(201).send({ ...keyView(record, new Map([[p.user._id, p.user]])), key: raw });
  });

  app.get<{ Params: { id: string } }>('/keys/:id', async (request) => {
    const p = principalOf(request);
    const record = await scopedKey(p, request.params.id);
    return keyView(record, await ctx.keys.usersFor([record]));
  });

  for (const [action, from, to] of [
    ['disable', 'enabled', 'disabled'],
    ['enable', 'disabled', 'enabled'],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/keys/:id/${action}`, async (request) => {
      const p = principalOf(request);
      const record = await scopedKey(p, request.params.id);
      if (record.status === 'revoked') throw new HttpError(409, 'KEY_REVOKED', 'a revoked key cannot be enabled or disabled');
      const changed = await records.findOneAndUpdate({ _id: record._id, status: from }, changing({ $set: { status: to } }), { returnDocument: 'after' });
      if (changed) {
        await ctx.keyState.publish([changed]);
        await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: `key.${action}d`, target: { type: 'key', id: record._id }, details: { name: record.name, preview: record.preview } });
      }
      return viewOf(p.team._id, record._id);
    });
  }

  app.post<{ Params: { id: string } }>('/keys/:id/revoke', async (request) => {
    const p = principalOf(request);
    const record = await scopedKey(p, request.params.id);
    await ctx.revoker.revoke(record._id, { reason: 'admin', actor: userActor(p), where: { teamId: p.team._id } });
    return viewOf(p.team._id, record._id);
  });

  app.post('/keys/revoke', async (request) => {
    const p = principalOf(request);
    const { ids } = parse(Ids, request.body);
    const owner = ownerScope(p);
    const revoked = await ctx.revoker.revokeMany([...new Set(ids)], {
      reason: 'admin',
      actor: userActor(p),
      where: { teamId: p.team._id, ...(owner ? { createdBy: owner } : {}) },
    });
    return { revoked: revoked.length };
  });

  app.post('/keys/revoke-all', async (request) => {
    const p = requireAdmin(request);
    const body = request.body as { confirm?: unknown } | undefined;
    if (body?.confirm !== true) throw new HttpError(400, 'CONFIRM_REQUIRED', 'revoking every key of the team needs { "confirm": true }');
    parse(Confirm, body);
    // Every key of the team except the one making this request (the admin keeps access).
    const targets = await records
      .find({ teamId: p.team._id, status: { $ne: 'revoked' }, _id: { $ne: p.keyId } }, { projection: { _id: 1 } })
      .toArray();
    const revoked = await ctx.revoker.revokeMany(
      targets.map((k) => k._id),
      { reason: 'admin', actor: userActor(p), where: { teamId: p.team._id } },
    );
    return { revoked: revoked.length, owners: new Set(revoked.map((k) => k.createdBy)).size };
  });
}
