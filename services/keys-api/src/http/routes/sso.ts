import { getSso, oidcCallback, startOidc } from '@keyguard/contract';
import { newId } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ActorRef, UserDoc } from '@keyguard/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OidcChecks } from '../../adapters/oidc.js';
import { DEFAULT_TEAM_ID } from '../../bootstrap.js';
import { roleFromGroups, roleOfGroup } from '../../domain/scim.js';
import { readCookie } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { sessionCookie } from './session.js';

const CHECKS_COOKIE = 'keyguard_oidc';
const CALLBACK_PATH = '/api/v1/session/oidc/callback';
const ssoActor: ActorRef = { type: 'system', id: 'sso', name: 'Single sign-on' };

/**
 * Single sign-on for the dashboard (OpenID Connect, authorization code + PKCE). People are
 * matched by verified email in the SSO team (OIDC_TEAM_ID, else the bootstrap team); someone new
 * joins as a member — or with the role their groups claim gives (OIDC_GROUPS_CLAIM; at most team
 * admin). A deactivated person is refused. The session it opens has no key: it lives as long as
 * the person stays active and SESSION_TTL_HOURS allows.
 */
export function ssoRoutes(app: Api, ctx: ApiContext): void {
  const { users, teams, audit } = ctx.repos;
  const oidc = ctx.oidc;
  const ttlMs = ctx.config.SESSION_TTL_HOURS * 60 * 60 * 1000;
  const redirectUri = (request: FastifyRequest) => ctx.config.OIDC_REDIRECT_URI ?? `${request.protocol}://${request.host}${CALLBACK_PATH}`;
  const checksCookie = (value: string, maxAgeSeconds: number) =>
    [
      `${CHECKS_COOKIE}=${value}`,
      'HttpOnly',
      'SameSite=Lax',
      'Path=/api/v1/session/oidc',
      `Max-Age=${maxAgeSeconds}`,
      ...(ctx.config.SESSION_COOKIE_SECURE ? ['Secure'] : []),
    ].join('; ');
  const refuse = (reply: FastifyReply, code: string) => reply.header('set-cookie', checksCookie('', 0)).redirect(`/?sso_error=${code}`, 302);

  app.route({ ...getSso, handler: async () => ({ enabled: oidc !== null, issuer: oidc?.issuer ?? null }) });

  app.route({
    ...startOidc,
    handler: async (request, reply) => {
      if (!oidc) throw new HttpError(404, 'SSO_NOT_CONFIGURED', 'single sign-on is not configured (OIDC_ISSUER)');
      let started: Awaited<ReturnType<typeof oidc.start>>;
      try {
        started = await oidc.start(redirectUri(request));
      } catch (err) {
        request.log.warn({ err }, 'the OpenID provider could not be reached');
        throw new HttpError(503, 'SSO_UNAVAILABLE', 'the single sign-on provider cannot be reached; try again later');
      }
      const { state, nonce, verifier } = started.checks;
      return reply.header('set-cookie', checksCookie(`${state}.${nonce}.${verifier}`, 600)).redirect(started.url, 302);
    },
  });

  app.route({
    ...oidcCallback,
    handler: async (request, reply) => {
      if (!oidc) throw new HttpError(404, 'SSO_NOT_CONFIGURED', 'single sign-on is not configured (OIDC_ISSUER)');
      const [state, nonce, verifier] = (readCookie(request, CHECKS_COOKIE) ?? '').split('.');
      if (!state || !nonce || !verifier || request.query.state !== state) return refuse(reply, 'expired');
      if (request.query.error) return refuse(reply, 'denied');
      const checks: OidcChecks = { state, nonce, verifier };
      const callback = new URL(redirectUri(request));
      callback.search = new URL(request.url, 'http://callback').search;
      let claims: Record<string, unknown>;
      try {
        claims = await oidc.finish(callback, checks);
      } catch (err) {
        request.log.warn({ err }, 'single sign-on failed at the code exchange');
        return refuse(reply, 'failed');
      }
      const email = typeof claims['email'] === 'string' ? claims['email'].trim().toLowerCase() : '';
      if (!email || claims['email_verified'] !== true) return refuse(reply, 'unverified_email');

      const teamId = ctx.config.OIDC_TEAM_ID ?? DEFAULT_TEAM_ID;
      if (!(await teams.findById(teamId))) return refuse(reply, 'no_team');
      const claimName = ctx.config.OIDC_GROUPS_CLAIM;
      const groupsClaim = claimName ? claims[claimName] : undefined;
      const fromGroups = Array.isArray(groupsClaim)
        ? roleFromGroups(
            groupsClaim.filter((g) => typeof g === 'string').map((g) => ({ role: roleOfGroup(g) })),
            'team_admin',
          )
        : null;

      let user: UserDoc | null = await users.findByEmail(teamId, email);
      if (!user) {
        const now = new Date();
        const name = typeof claims['name'] === 'string' && claims['name'].trim() ? claims['name'].trim().slice(0, 100) : email;
        user = { _id: newId('usr'), teamId, email, name, role: fromGroups ?? 'member', createdAt: now, updatedAt: now };
        await users.insert(user);
        await audit.record({
          teamId,
          actor: ssoActor,
          action: 'user.provisioned',
          target: { type: 'user', id: user._id },
          details: { email, role: user.role, via: 'oidc' },
        });
      } else if (user.active === false) {
        return refuse(reply, 'deactivated');
      } else if (fromGroups && fromGroups !== user.role && user.role !== 'super_admin') {
        await users.setRole(user._id, fromGroups);
        await audit.record({
          teamId,
          actor: ssoActor,
          action: 'user.role_changed',
          target: { type: 'user', id: user._id },
          details: { email, from: user.role, to: fromGroups },
        });
      }
      const session = await ctx.sessions.openSso(user._id, ttlMs);
      await audit.record({
        teamId,
        actor: { type: 'user', id: user._id, name: user.name },
        action: 'session.sso',
        target: { type: 'user', id: user._id },
        details: { issuer: oidc.issuer },
      });
      return reply.header('set-cookie', [checksCookie('', 0), sessionCookie(ctx.config, session.id, Math.floor(ttlMs / 1000))]).redirect('/', 302);
    },
  });
}
