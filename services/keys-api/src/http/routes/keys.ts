import { createKey, disableKey, enableKey, getKey, listKeys, revokeAllKeys, revokeKey, revokeKeys } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import type { ActorRef } from '@keyguard/store';
import { canCreateKey, canGovernKeyOf, canUndoDisable, isAdmin } from '../../domain/access.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { MAX_LIVE_KEYS_PER_USER } from '../../domain/limits.js';
import { adminOnly, type Principal, principalOf, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { assertCanGovern, governableOwners, ownerScope } from '../key-access.js';
import { keyView } from '../views.js';

export const userActor = (p: Principal): ActorRef => ({ type: 'user', id: p.user._id, name: p.user.name });

export function keyRoutes(app: Api, ctx: ApiContext): void {
  const { keys } = ctx.repos;

  async function viewOf(teamId: string, id: string) {
    const record = await ctx.keys.find(teamId, id);
    if (!record) throw new HttpError(404, 'not_found', 'no such key');
    return keyView(record, await ctx.keys.usersFor([record]));
  }

  /** A key the caller may see (404 otherwise); with `govern`, one they may also change (403 otherwise). */
  async function scopedKey(p: Principal, id: string, govern = false) {
    const record = await ctx.keys.find(p.team._id, id, ownerScope(p));
    if (!record) throw new HttpError(404, 'not_found', 'no such key');
    if (govern) await assertCanGovern(ctx, p, record);
    return record;
  }

  app.route({
    ...listKeys,
    handler: async (request) => {
      const p = principalOf(request);
      const query = request.query;
      const offset = decodeCursor(query.cursor);
      if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
      if (!isAdmin(p.user.role) && query.createdBy && query.createdBy !== p.user._id) {
        throw new HttpError(403, 'forbidden', 'members can list only their own keys');
      }
      const result = await ctx.keys.list({
        teamId: p.team._id,
        statuses: query.status,
        createdBy: ownerScope(p) ?? query.createdBy,
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
    },
  });

  app.route({
    ...createKey,
    handler: async (request, reply) => {
      const p = principalOf(request);
      const body = request.body;
      if (!canCreateKey(p.user.role, p.team.settings.allowMemberKeyGeneration)) {
        throw new HttpError(403, 'forbidden', 'your team allows only admins to generate API keys');
      }
      const owner = body.ownerId && body.ownerId !== p.user._id ? await ctx.repos.users.findInTeam(p.team._id, body.ownerId) : p.user;
      if (!owner) throw new HttpError(404, 'not_found', 'ownerId: no such person in your team');
      if (owner !== p.user && !(isAdmin(p.user.role) && canGovernKeyOf({ id: p.user._id, role: p.user.role }, { id: owner._id, role: owner.role }))) {
        throw new HttpError(403, 'forbidden', 'only an admin can issue a key to someone else, and a team admin not to a super admin');
      }
      if (owner.active === false) throw new HttpError(409, 'USER_DEACTIVATED', 'this person is deactivated: reactivate them first');
      if ((await ctx.keys.liveCountOf(owner._id)) >= MAX_LIVE_KEYS_PER_USER) {
        throw new HttpError(
          409,
          'KEY_LIMIT_REACHED',
          `you already have ${MAX_LIVE_KEYS_PER_USER} live keys, the most one person may have: revoke keys you no longer use first`,
        );
      }
      const requested = body.expiresAt ? new Date(body.expiresAt) : null;
      if (requested && requested.getTime() <= Date.now()) throw new HttpError(400, 'invalid_request', 'expiresAt: must be in the future');
      const { record, raw } = await ctx.issuer.issue(owner, p.team, body.name, requested);
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'key.created',
        target: { type: 'key', id: record._id },
        details: { name: record.name, preview: record.preview, ...(owner !== p.user ? { for: owner._id } : {}) },
      });
      return reply.code(201).send({ ...keyView(record, new Map([[owner._id, owner]])), key: raw });
    },
  });

  app.route({
    ...getKey,
    handler: async (request) => {
      const p = principalOf(request);
      const record = await scopedKey(p, request.params.id);
      return keyView(record, await ctx.keys.usersFor([record]));
    },
  });

  const recordChange = (p: Principal, action: string, record: { _id: string; name: string; preview: string }) =>
    ctx.audit.record({
      teamId: p.team._id,
      actor: userActor(p),
      action,
      target: { type: 'key', id: record._id },
      details: { name: record.name, preview: record.preview },
    });

  app.route({
    ...disableKey,
    handler: async (request) => {
      const p = principalOf(request);
      const record = await scopedKey(p, request.params.id, true);
      if (record.status === 'revoked') throw new HttpError(409, 'KEY_REVOKED', 'a revoked key cannot be enabled or disabled');
      const disabled = { at: new Date(), by: userActor(p), role: p.user.role };
      const changed = await keys.setStatus(record._id, 'enabled', 'disabled', { disabled });
      if (changed) {
        await ctx.keyState.publish([changed]); // every verifier refuses it from here on
        // The browser sessions this key opened end with it: enabling it later does not revive them.
        await ctx.sessions.closeForKey(record._id);
        await recordChange(p, 'key.disabled', record);
      }
      return viewOf(p.team._id, record._id);
    },
  });

  app.route({
    ...enableKey,
    handler: async (request) => {
      const p = principalOf(request);
      const record = await scopedKey(p, request.params.id, true);
      if (record.status === 'revoked') throw new HttpError(409, 'KEY_REVOKED', 'a revoked key cannot be enabled or disabled');
      const by = record.status === 'disabled' ? record.disabled : null;
      if (by && !canUndoDisable(p.user.role, by.role)) {
        throw new HttpError(
          403,
          'DISABLED_BY_ADMIN',
          `this key was disabled by a ${by.role === 'super_admin' ? 'super admin' : 'team admin'}; only ${by.role === 'super_admin' ? 'a super admin' : 'an admin'} can enable it again`,
        );
      }
      const changed = await keys.setStatus(record._id, 'disabled', 'enabled', { disabled: null });
      if (changed) {
        await ctx.keyState.publish([changed]);
        await recordChange(p, 'key.enabled', record);
      }
      return viewOf(p.team._id, record._id);
    },
  });

  app.route({
    ...revokeKey,
    handler: async (request) => {
      const p = principalOf(request);
      const record = await scopedKey(p, request.params.id, true);
      await ctx.revoker.revoke(record._id, { reason: 'admin', actor: userActor(p), where: { teamId: p.team._id } });
      return viewOf(p.team._id, record._id);
    },
  });

  app.route({
    ...revokeKeys,
    handler: async (request) => {
      const p = principalOf(request);
      const { ids } = request.body;
      // Keys the caller may not govern (another member's, a super admin's for a team admin) are skipped.
      const revoked = await ctx.revoker.revokeMany([...new Set(ids)], {
        reason: 'admin',
        actor: userActor(p),
        where: { teamId: p.team._id, ...(await governableOwners(ctx, p)) },
      });
      return { revoked: revoked.length };
    },
  });

  app.route({
    ...revokeAllKeys,
    preValidation: adminOnly,
    // Anything but { "confirm": true } is the one stable refusal below, not a generic invalid_request.
    attachValidation: true,
    handler: async (request) => {
      const p = requireAdmin(request);
      if (request.validationError) throw new HttpError(400, 'CONFIRM_REQUIRED', 'revoking every key of the team needs { "confirm": true }');
      // Every key of the team the caller governs (a team admin's spares the super admins'),
      // except the one making this request (the admin keeps access).
      const owners = await governableOwners(ctx, p);
      const targets = await keys.liveIdsInTeam(p.team._id, p.keyId ?? undefined, owners);
      const revoked = await ctx.revoker.revokeMany(targets, { reason: 'admin', actor: userActor(p), where: { teamId: p.team._id, ...owners } });
      return { revoked: revoked.length, owners: new Set(revoked.map((k) => k.createdBy)).size };
    },
  });
}
