import { createKey, disableKey, enableKey, getKey, listKeys, revokeAllKeys, revokeKey, revokeKeys } from '@keyguard/contract';
import { keyRecords } from '@keyguard/keys';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '@keyguard/runtime';
import type { ActorRef } from '@keyguard/store';
import { canCreateKey, isAdmin } from '../../domain/access.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { adminOnly, type Principal, principalOf, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { keyView } from '../views.js';

export const userActor = (p: Principal): ActorRef => ({ type: 'user', id: p.user._id, name: p.user.name });

/** A member acts only on their own keys; admins on every key of the team. */
const ownerScope = (p: Principal) => (isAdmin(p.user.role) ? undefined : p.user._id);

export function keyRoutes(app: Api, ctx: ApiContext): void {
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

  app.route({ ...listKeys, handler: async (request) => {
    const p = principalOf(request);
    const query = request.query;
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
  } });

  app.route({ ...createKey, handler: async (request, reply) => {
    const p = principalOf(request);
    const body = request.body;
    if (!canCreateKey(p.user.role, p.team.settings.allowMemberKeyGeneration)) {
      throw new HttpError(403, 'forbidden', 'your team allows only admins to generate API keys');
    }
    const requested = body.expiresAt ? new Date(body.expiresAt) : null;
    if (requested && requested.getTime() <= Date.now()) throw new HttpError(400, 'invalid_request', 'expiresAt: must be in the future');
    const { record, raw } = await ctx.issuer.issue(p.user, p.team, body.name, requested);
    await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'key.created', target: { type: 'key', id: record._id }, details: { name: record.name, preview: record.preview } });
    return reply.code(201).send({ ...keyView(record, new Map([[p.user._id, p.user]])), key: raw });
  } });

  app.route({ ...getKey, handler: async (request) => {
    const p = principalOf(request);
    const record = await scopedKey(p, request.params.id);
    return keyView(record, await ctx.keys.usersFor([record]));
  } });

  /** Disable or enable: a revoked key stays revoked (409). */
  const setStatus = (action: 'disable' | 'enable', from: 'enabled' | 'disabled', to: 'enabled' | 'disabled') => async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const p = principalOf(request);
    const record = await scopedKey(p, request.params.id);
    if (record.status === 'revoked') throw new HttpError(409, 'KEY_REVOKED', 'a revoked key cannot be enabled or disabled');
    const changed = await records.updateOne({ _id: record._id, status: from }, { $set: { status: to } });
    if (changed.modifiedCount === 1) {
      await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: `key.${action}d`, target: { type: 'key', id: record._id }, details: { name: record.name, preview: record.preview } });
    }
    return viewOf(p.team._id, record._id);
  };
  app.route({ ...disableKey, handler: setStatus('disable', 'enabled', 'disabled') });
  app.route({ ...enableKey, handler: setStatus('enable', 'disabled', 'enabled') });

  app.route({ ...revokeKey, handler: async (request) => {
    const p = principalOf(request);
    const record = await scopedKey(p, request.params.id);
    await ctx.revoker.revoke(record._id, { reason: 'admin', actor: userActor(p), where: { teamId: p.team._id } });
    return viewOf(p.team._id, record._id);
  } });

  app.route({ ...revokeKeys, handler: async (request) => {
    const p = principalOf(request);
    const { ids } = request.body;
    const owner = ownerScope(p);
    const revoked = await ctx.revoker.revokeMany([...new Set(ids)], {
      reason: 'admin',
      actor: userActor(p),
      where: { teamId: p.team._id, ...(owner ? { createdBy: owner } : {}) },
    });
    return { revoked: revoked.length };
  } });

  app.route({ ...revokeAllKeys, preValidation: adminOnly,
    // Anything but { "confirm": true } is the one stable refusal below, not a generic invalid_request.
    attachValidation: true,
    handler: async (request) => {
    const p = requireAdmin(request);
    if (request.validationError) throw new HttpError(400, 'CONFIRM_REQUIRED', 'revoking every key of the team needs { "confirm": true }');
    // Every key of the team except the one making this request (the admin keeps access).
    const targets = await records
      .find({ teamId: p.team._id, status: { $ne: 'revoked' }, _id: { $ne: p.keyId } }, { projection: { _id: 1 } })
      .toArray();
    const revoked = await ctx.revoker.revokeMany(
      targets.map((k) => k._id),
      { reason: 'admin', actor: userActor(p), where: { teamId: p.team._id } },
    );
    return { revoked: revoked.length, owners: new Set(revoked.map((k) => k.createdBy)).size };
  } });
}
