import { getFinding, listExposures, listFindings, patchFinding } from '@keyguard/contract';
import { findingIdFor } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { findingView, keyView, locationView } from '../views.js';
import { userActor } from './keys.js';

export function findingRoutes(app: Api, ctx: ApiContext): void {
  // A team sees its own findings, plus third-party and unknown secrets (no team) for its security people.
  const { findings, keys } = ctx.repos;

  app.route({ ...listExposures, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const exposed = await keys.exposedInTeam(p.team._id);
    const [users, found] = await Promise.all([
      ctx.keys.usersFor(exposed),
      // One lookup by _id per key: the store answers those without a scan.
      Promise.all(exposed.map((k) => findings.findById(findingIdFor(k.hash)))),
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
    const page = await findings.list({ teamId: p.team._id, status: query.status, ruleId: query.ruleId, source: query.source, offset, limit: query.limit });
    return {
      items: page.items.map(findingView),
      nextCursor: page.more ? encodeCursor(offset + query.limit) : null,
      total: page.total,
    };
  } });

  app.route({ ...getFinding, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const finding = await findings.findVisible(p.team._id, request.params.id);
    if (!finding) throw new HttpError(404, 'not_found', 'no such finding');
    return findingView(finding);
  } });

  app.route({ ...patchFinding, preValidation: adminOnly, handler: async (request) => {
    const p = requireAdmin(request);
    const body = request.body;
    const finding = await findings.findVisible(p.team._id, request.params.id);
    if (!finding) throw new HttpError(404, 'not_found', 'no such finding');
    const actor = userActor(p);
    const resolution = body.status === 'resolved' ? body.resolution : null;
    // "Revoked" on one of our own keys is made true: the key is revoked (which resolves the finding).
    if (resolution === 'revoked' && finding.keyId && finding.teamId === p.team._id) {
      await ctx.revoker.revoke(finding.keyId, { reason: 'admin', actor, where: { teamId: p.team._id } });
    }
    const current = await findings.findById(finding._id);
    const alreadyThere = current?.status === body.status && current.resolution === resolution && resolution === 'revoked';
    if (!alreadyThere) {
      await findings.setStatus(finding._id, body.status, resolution, {
        at: new Date(),
        action: body.status === 'resolved' ? 'resolved' : 'reopened',
        actor,
        status: body.status,
        ...(resolution ? { resolution } : {}),
      });
    }
    await ctx.audit.record({ teamId: p.team._id, actor, action: `finding.${body.status === 'resolved' ? 'resolved' : 'reopened'}`, target: { type: 'finding', id: finding._id }, details: { resolution, redacted: finding.redacted } });
    const updated = await findings.findById(finding._id);
    return findingView(updated!);
  } });
}
