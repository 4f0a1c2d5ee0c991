import { getFinding, listExposures, listFindings, patchFinding } from '@keyguard/contract';
import type { Filter } from 'mongodb';
import { type FindingRecord, findingIdFor, findingRecords, keyRecords } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { adminOnly, type Principal, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { findingView, keyView, locationView } from '../views.js';
import { userActor } from './keys.js';

/** The team's findings, plus third-party and unknown secrets (no team) for the security team. */
const visibleTo = (p: Principal): Filter<FindingRecord> => ({ teamId: { $in: [p.team._id, null] } });

export function findingRoutes(app: Api, ctx: ApiContext): void {
  const findings = findingRecords(ctx.store);
  const keys = keyRecords(ctx.store);

  app.route({ ...listExposures, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const exposed = await keys.find({ teamId: p.team._id, exposure: { $ne: null } }).sort({ 'exposure.detectedAt': -1, _id: 1 }).toArray();
    const [users, found] = await Promise.all([
      ctx.keys.usersFor(exposed),
      // One lookup by _id per key: the store answers those without a scan.
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
    await ctx.audit.record({ teamId: p.team._id, actor, action: `finding.${body.status === 'resolved' ? 'resolved' : 'reopened'}`, target: { type: 'finding', id: finding._id }, details: { resolution, redacted: finding.redacted } });
    const updated = await findings.findOne({ _id: finding._id });
    return findingView(updated!);
  } });
}
