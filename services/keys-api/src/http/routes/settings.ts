import { getSettings, patchSettings } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import type { TeamSettings } from '@keyguard/store';
import { expiredIfCreatedBefore, expiryFor } from '../../domain/expiry.js';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { keyView, settingsView } from '../views.js';
import { userActor } from './keys.js';
import { digestWindowOf } from '../../config.js';

/** What turning the relay on means, said before it happens (the 409 CONFIRM_RELAY message, and the dashboard's dialog). */
export const RELAY_EXPLANATION =
  "Turning this on sends GitHub tokens that Keyguard finds in public places (checksum-valid ghp_, gho_, ghu_, ghr_ and github_pat_ tokens that are not your keys) to GitHub's credential revocation API. GitHub revokes them at once and tells their owners; a revoked token cannot be restored. It applies to tokens found from now on, for every team (third-party findings belong to no team). Send confirm: true to turn it on.";

export function settingsRoutes(app: Api, ctx: ApiContext): void {
  const { keys, teams } = ctx.repos;

  app.route({ ...getSettings, preValidation: adminOnly, handler: async (request) => settingsView(requireAdmin(request).team, digestWindowOf(ctx.config)) });

  app.route({
    ...patchSettings,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const body = request.body;
      const before = p.team.settings;
      const teamId = p.team._id;
      const now = new Date();

      // 1. Decide everything before changing anything: the 409s leave the settings untouched.
      if (body.apiKeySignIn === false && !ctx.config.OIDC_ISSUER) {
        throw new HttpError(409, 'SSO_NOT_CONFIGURED', 'API-key sign-in can be turned off only once single sign-on (OIDC_ISSUER) is configured');
      }
      const turningOnAutoRevoke = body.autoRevokeExposed === true && !before.autoRevokeExposed;
      const exposed = turningOnAutoRevoke ? await keys.exposedInTeam(teamId, { live: true }) : [];
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
          ? await keys.countLiveCreatedBy(teamId, expiredIfCreatedBefore(now, expiryDays))
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
        apiKeySignIn: body.apiKeySignIn ?? before.apiKeySignIn !== false,
        securityContacts: body.securityContacts ? [...new Set(body.securityContacts.map((e) => e.toLowerCase()))] : (before.securityContacts ?? []),
        digestWindowMs: body.digestWindowMs === undefined ? (before.digestWindowMs ?? null) : body.digestWindowMs,
        relayThirdPartyTokens: body.relayThirdPartyTokens ?? before.relayThirdPartyTokens ?? false,
        weeklyDigest: body.weeklyDigest ?? before.weeklyDigest ?? false,
      };
      await teams.updateSettings(teamId, settings, now);
      await ctx.audit.record({
        teamId,
        actor: userActor(p),
        action: 'settings.updated',
        target: { type: 'settings', id: teamId },
        details: { before, after: settings, existingExposed: body.existingExposed ?? null },
      });

      // The team expiry overrides every live key's expiry (createdAt + N days).
      let expired = 0;
      if (typeof expiryDays === 'number' && expiryDays !== before.keyExpiryDays) {
        const live = await keys.resetExpiries(teamId, (createdAt) => expiryFor(createdAt, expiryDays, null), now);
        await ctx.keyState.publishIds(live);
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
      return { ...settingsView({ ...p.team, settings }, digestWindowOf(ctx.config)), expiresNow: expired, revokedExposed };
    },
  });
}
