import type { FastifyInstance } from 'fastify';
import { keyRecords } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { TeamSettings } from '@keyguard/store';
import { z } from 'zod';
import { expiredIfCreatedBefore, expiryFor } from '../../domain/expiry.js';
import { requireAdmin } from '../auth.js';
import { type ApiContext, parse } from '../context.js';
import { keyView, settingsView } from '../views.js';
import { userActor } from './keys.js';

const PatchSettings = z
  .object({
    allowMemberKeyGeneration: z.boolean().optional(),
    keyExpiryDays: z.number().int().min(1).max(3650).nullable().optional(),
    autoRevokeExposed: z.boolean().optional(),
    /** Emails alerted about every exposure of the team's keys and about third-party findings. */
    securityContacts: z.array(z.email('must be an email address')).max(20).optional(),
    /** The team's alert digest window in ms (1 minute to 1 day); null goes back to the operator default. */
    digestWindowMs: z.number().int().min(60_000).max(86_400_000).nullable().optional(),
    /** Report third-party tokens found in public (GitHub tokens) to their issuers, who revoke them. */
    relayThirdPartyTokens: z.boolean().optional(),
    /** When turning autoRevokeExposed on while exposed keys exist: revoke them, or leave them. */
    existingExposed: z.enum(['revoke', 'ignore']).optional(),
    /** Required when the new keyExpiryDays expires keys at once. */
    confirm: z.boolean().optional(),
  })
  .strict();

/** What turning the relay on means, said before it happens (the 409 CONFIRM_RELAY message, and the dashboard's dialog). */
export const RELAY_EXPLANATION =
  'Turning this on sends GitHub tokens that Keyguard finds in public places (checksum-valid ghp_, gho_, ghu_, ghr_ and github_pat_ tokens that are not your keys) to GitHub\'s credential revocation API. GitHub revokes them at once and tells their owners; a revoked token cannot be restored. It applies to tokens found from now on, for every team (third-party findings belong to no team). Send confirm: true to turn it on.';

export function settingsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const keys = keyRecords(ctx.store);
  const { teams } = ctx.store.collections;

  app.get('/settings', async (request) => settingsView(requireAdmin(request).team, ctx.config.KEYGUARD_DIGEST_WINDOW_MS));

  app.patch('/settings', async (request) => {
    const p = requireAdmin(request);
    const body = parse(PatchSettings, request.body);
    const before = p.team.settings;
    const teamId = p.team._id;
    const now = new Date();

    // 1. Decide everything before changing anything: both 409s leave the settings untouched.
    const turningOnAutoRevoke = body.autoRevokeExposed === true && !before.autoRevokeExposed;
    const exposed = turningOnAutoRevoke
      ? await keys.find({ teamId, exposure: { $ne: null }, status: { $ne: 'revoked' } }).sort({ 'exposure.detectedAt': -1 }).toArray()
      : [];
    if (exposed.length > 0 && !body.existingExposed) {
      const users = await ctx.keys.usersFor(exposed);
      throw new HttpError(409, 'EXPOSED_KEYS_EXIST', `${exposed.length} exposed key(s) exist: revoke them or ignore them`, {
        code: 'EXPOSED_KEYS_EXIST',
        exposedCount: exposed.length,
        keys: exposed.map((k) => keyView(k, users)),
      });
    }
    const expiryDays = body.keyExpiryDays;
    const expiresNow =
      typeof expiryDays === 'number' && expiryDays !== before.keyExpiryDays
        ? await keys.countDocuments({ teamId, status: { $ne: 'revoked' }, createdAt: { $lte: expiredIfCreatedBefore(now, expiryDays) } })
        : 0;
    if (expiresNow > 0 && body.confirm !== true) {
      throw new HttpError(409, 'CONFIRM_EXPIRY', `this expiry expires ${expiresNow} key(s) at once; send confirm: true to go ahead`, {
        code: 'CONFIRM_EXPIRY',
        expiresNow,
      });
    }

    const turningOnRelay = body.relayThirdPartyTokens === true && before.relayThirdPartyTokens !== true;
    if (turningOnRelay && body.confirm !== true) {
      throw new HttpError(409, 'CONFIRM_RELAY', RELAY_EXPLANATION, { code: 'CONFIRM_RELAY' });
    }

    // 2. Apply.
    const settings: TeamSettings = {
      allowMemberKeyGeneration: body.allowMemberKeyGeneration ?? before.allowMemberKeyGeneration,
      keyExpiryDays: expiryDays === undefined ? before.keyExpiryDays : expiryDays,
      autoRevokeExposed: body.autoRevokeExposed ?? before.autoRevokeExposed,
      securityContacts: body.securityContacts ? [...new Set(body.securityContacts.map((e) => e.toLowerCase()))] : (before.securityContacts ?? []),
      digestWindowMs: body.digestWindowMs === undefined ? (before.digestWindowMs ?? null) : body.digestWindowMs,
      relayThirdPartyTokens: body.relayThirdPartyTokens ?? before.relayThirdPartyTokens ?? false,
    };
    await teams.updateOne({ _id: teamId }, { $set: { settings, updatedAt: now } });
    await ctx.audit.record({ teamId, actor: userActor(p), action: 'settings.updated', target: { type: 'settings', id: teamId }, details: { before, after: settings, existingExposed: body.existingExposed ?? null } });

    // The team expiry overrides every live key's expiry (createdAt + N days).
    let expired = 0;
    if (typeof expiryDays === 'number' && expiryDays !== before.keyExpiryDays) {
      const live = await keys.find({ teamId, status: { $ne: 'revoked' } }, { projection: { _id: 1, createdAt: 1 } }).toArray();
      if (live.length > 0) {
        await keys.bulkWrite(
          live.map((k) => ({ updateOne: { filter: { _id: k._id }, update: { $set: { expiresAt: expiryFor(k.createdAt, expiryDays, null) } } } })),
          { ordered: false },
        );
      }
      expired = (await ctx.sweeper.sweep(now, { teamId })).revoked;
    }

    let revokedExposed = 0;
    if (exposed.length > 0 && body.existingExposed === 'revoke') {
      const done = await ctx.revoker.revokeMany(
        exposed.map((k) => k._id),
        { reason: 'admin', actor: userActor(p), where: { teamId } },
      );
      revokedExposed = done.length;
    }
    return { ...settingsView({ ...p.team, settings }, ctx.config.KEYGUARD_DIGEST_WINDOW_MS), expiresNow: expired, revokedExposed };
  });
}
