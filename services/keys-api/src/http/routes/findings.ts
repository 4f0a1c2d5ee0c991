import { getFinding, listExposures, listFindings, patchFinding } from '@keyguard/contract';
import { findingIdFor, MAX_FINDING_HISTORY } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import { rollupFindingOf } from '@keyguard/store';
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
const visibleTo = (p: Principal): (string | null)[] => (p.team._id === DEFAULT_TEAM_ID ? [p.team._id, null] : [p.team._id]);

export function findingRoutes(app: Api, ctx: ApiContext): void {
  const { findings, keys } = ctx.repos;

  app.route({
    ...listExposures,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const { limit, cursor, state, createdBy } = request.query;
      const offset = decodeCursor(cursor);
      if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
      const {
        items: exposed,
        more,
        total,
        active,
      } = await keys.exposedPage(p.team._id, offset, limit, { ...(state ? { state } : {}), ...(createdBy ? { createdBy } : {}) });
      const [users, found] = await Promise.all([
        ctx.keys.usersFor(exposed),
        // One lookup by _id per key of this page (at most 200): FerretDB answers those without a
        // scan, where it scans for an $in.
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
        nextCursor: more ? encodeCursor(offset + limit) : null,
        total,
        active,
      };
    },
  });

  app.route({
    ...listFindings,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const query = request.query;
      const offset = decodeCursor(query.cursor);
      if (offset === null) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API gave out');
      const from = query.from ? new Date(`${query.from}T00:00:00.000Z`) : undefined;
      const to = query.to ? new Date(`${query.to}T23:59:59.999Z`) : undefined;
      if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime())))
        throw new HttpError(400, 'invalid_request', `${from && Number.isNaN(from.getTime()) ? 'from' : 'to'}: not a day`);
      const page = await findings.list({
        teams: visibleTo(p),
        status: query.status,
        ruleId: query.ruleId,
        source: query.source,
        resolution: query.resolution,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        offset,
        limit: query.limit,
      });
      return {
        items: page.items.map(findingView),
        nextCursor: page.more ? encodeCursor(offset + query.limit) : null,
        total: page.total,
      };
    },
  });

  app.route({
    ...getFinding,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const finding = await findings.findVisible(visibleTo(p), request.params.id);
      if (!finding) throw new HttpError(404, 'not_found', 'no such finding');
      return findingView(finding);
    },
  });

  app.route({
    ...patchFinding,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const body = request.body;
      const finding = await findings.findVisible(visibleTo(p), request.params.id);
      if (!finding) throw new HttpError(404, 'not_found', 'no such finding');
      const actor = userActor(p);
      const resolution = body.status === 'resolved' ? body.resolution : null;
      // "Revoked" on one of our own keys is made true: the key is revoked (which resolves the finding).
      if (resolution === 'revoked' && finding.keyId && finding.teamId === p.team._id) {
        const key = await ctx.keys.find(p.team._id, finding.keyId);
        if (key) await assertCanGovern(ctx, p, key);
        await ctx.revoker.revoke(finding.keyId, { reason: 'admin', actor, where: { teamId: p.team._id } });
      }
      const current = await findings.findById(finding._id);
      const alreadyThere = current?.status === body.status && current.resolution === resolution && resolution === 'revoked';
      if (!alreadyThere) {
        const from = current?.status ?? finding.status;
        const changed = await findings.setStatus(finding._id, from, body.status, resolution, {
          at: new Date(),
          action: body.status === 'resolved' ? 'resolved' : 'reopened',
          actor,
          status: body.status,
          ...(resolution ? { resolution } : {}),
        });
        // Insights rollups: only a status change counts, once (the write is conditional on the status read).
        if (changed && current && from !== body.status) {
          const rollup = rollupFindingOf(current);
          await ctx.insights.record([
            body.status === 'open'
              ? { kind: 'reopened', finding: rollup }
              : resolution === 'revoked'
                ? { kind: 'revoked', finding: rollup, revokedAt: new Date(), auto: false, usedAfterExposure: false }
                : { kind: 'ignored', finding: rollup },
          ]);
        }
        if (resolution) {
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
        if ((current?.history.length ?? 0) + 1 > MAX_FINDING_HISTORY) await findings.trim(finding._id, 'history', MAX_FINDING_HISTORY);
      }
      await ctx.audit.record({
        teamId: p.team._id,
        actor,
        action: `finding.${body.status === 'resolved' ? 'resolved' : 'reopened'}`,
        target: { type: 'finding', id: finding._id },
        details: { resolution, redacted: finding.redacted },
      });
      const updated = await findings.findById(finding._id);
      return findingView(updated!);
    },
  });
}
