import { getFinding, listExposures, listFindings, patchFinding } from '@keyguard/contract';
import type { Filter } from 'mongodb';
import { type FindingRecord, findingIdFor, findingRecords, keyRecords, MAX_FINDING_HISTORY } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import { dropOldestBeyond } from '@keyguard/store';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { DEFAULT_TEAM_ID } from '../../bootstrap.js';
import { adminOnly, type Principal, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { assertCanGovern } from '../key-access.js';
import { findingView, keyView, locationView } from '../views.js';
import { userActor } from './keys.js';

/**
 * A team sees and resolves its own findings only: its keys' and the third-party secrets the
 * policy attributed to it (FINDINGS_TEAMS / FINDINGS_DEFAULT_TEAM). Findings recorded before
 * every finding had a team (teamId null) are the bootstrap team's.
 */
const visibleTo = (p: Principal): Filter<FindingRecord> =>
  p.team._id === DEFAULT_TEAM_ID ? { teamId: { $in: [p.team._id, null] } } : { teamId: p.team._id };

export function findingRoutes(app: Api, ctx: ApiContext): void {
  const findings = findingRecords(ctx.store);
  const keys = keyRecords(ctx.store);

  app.route({ ...listExposures, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const { limit, cursor } = request.query;
    const offset = decodeCursor(cursor);
    if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
    const filter = { teamId: p.team._id, exposure: { $ne: null } };
    const [page, total, active] = await Promise.all([
      keys.find(filter).sort({ 'exposure.detectedAt': -1, _id: 1 }).skip(offset).limit(limit + 1).toArray(),
      keys.countDocuments(filter),
      keys.countDocuments({ ...filter, status: { $ne: 'revoked' } }),
    ]);
    const exposed = page.slice(0, limit);
    const [users, found] = await Promise.all([
      ctx.keys.usersFor(exposed),
      // One lookup by _id per key of this page (at most 200): FerretDB answers those without a
      // scan, where it scans for an $in.
      Promise.all(exposed.map((k) => findings.findOne({ _id: findingIdFor(k.hash) }))),
    ]);
    const byHash = new Map(found.flatMap((f) => (f ? [[f.tokenHash, f] as const] : [])));
    return {
      items: exposed.map((k) => {
        const finding = byHash.get(k.hash);
        return {
          ...keyView(k, users),
          detectedAt: k.exposure?.detectedAt.toISOString() ?? null,
          locations: (finding?.locations ?? k.exposure?.locations ?? []).map(locationView),
          finding: finding ? { id: finding._id, status: finding.status, resolution: finding.resolution ?? null } : null,
        };
      }),
      nextCursor: page.length > limit ? encodeCursor(offset + limit) : null,
      total,
      active,
    };
  } });

  app.route({ ...listFindings, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const query = request.query;
    const offset = decodeCursor(query.cursor);
    if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
    const filter: Filter<FindingRecord> = visibleTo(p);
    if (query.status) filter.status = query.status;
    if (query.ruleId) filter.ruleId = query.ruleId;
    if (query.source) filter['locations.source'] = query.source;
    const [items, total] = await Promise.all([
      findings.find(filter).sort({ lastSeen: -1, _id: 1 }).skip(offset).limit(query.limit + 1).toArray(),
      findings.countDocuments(filter),
    ]);
    return {
      items: items.slice(0, query.limit).map(findingView),
      nextCursor: items.length > query.limit ? encodeCursor(offset + query.limit) : null,
      total,
    };
  } });

  app.route({ ...getFinding, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const finding = await findings.findOne({ ...visibleTo(p), _id: request.params.id });
    if (!finding) throw new HttpError(404, 'not_found', 'no such finding');
    return findingView(finding);
  } });

  app.route({ ...patchFinding, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const body = request.body;
    const finding = await findings.findOne({ ...visibleTo(p), _id: request.params.id });
    if (!finding) throw new HttpError(404, 'not_found', 'no such finding');
    const actor = userActor(p);
    const resolution = body.status === 'resolved' ? body.resolution : null;
    // "Revoked" on one of our own keys is made true: the key is revoked (which resolves the finding).
    if (resolution === 'revoked' && finding.keyId && finding.teamId === p.team._id) {
      const key = await ctx.keys.find(p.team._id, finding.keyId);
      if (key) await assertCanGovern(ctx, p, key);
      await ctx.revoker.revoke(finding.keyId, { reason: 'admin', actor, where: { teamId: p.team._id } });
    }
    const current = await findings.findOne({ _id: finding._id });
    const alreadyThere = current?.status === body.status && current.resolution === resolution && resolution === 'revoked';
    if (!alreadyThere) await findings.updateOne(
      { _id: finding._id },
      {
        $set: { status: body.status, resolution },
        $push: { history: { at: new Date(), action: body.status === 'resolved' ? 'resolved' : 'reopened', actor, status: body.status, ...(resolution ? { resolution } : {}) } },
      },
    );
    if (!alreadyThere && resolution) {
      await ctx.findingResolved({
        findingId: finding._id,
        tokenHash: finding.tokenHash,
        ruleId: finding.ruleId,
        redacted: finding.redacted,
        teamId: finding.teamId ?? null,
        keyId: finding.keyId ?? null,
        resolution,
        actor,
        resolvedAt: new Date().toISOString(),
      });
    }
    // Resolving and reopening again and again must not grow the history without bound.
    if (!alreadyThere && (current?.history.length ?? 0) + 1 > MAX_FINDING_HISTORY) await dropOldestBeyond(findings, finding._id, 'history', MAX_FINDING_HISTORY);
    await ctx.audit.record({ teamId: p.team._id, actor, action: `finding.${body.status === 'resolved' ? 'resolved' : 'reopened'}`, target: { type: 'finding', id: finding._id }, details: { resolution, redacted: finding.redacted } });
    const updated = await findings.findOne({ _id: finding._id });
    return findingView(updated!);
  } });
}
