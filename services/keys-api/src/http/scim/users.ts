import { ScimListQuery, ScimPatch, type ScimUser, ScimUserInput } from '@keyguard/contract';
import { newId } from '@keyguard/keys';
import { DuplicateKeyError, isDuplicateKey, type ScimGroupDoc, type ScimTokenDoc, type UserDoc } from '@keyguard/store';
import type { FastifyInstance } from 'fastify';
import { scimPatch } from 'scim-patch';
import { identityOf, ScimProblem, scimUserOf, type UserIdentity } from '../../domain/scim.js';
import { scimLookup } from '../../domain/scim-filter.js';
import type { ApiContext } from '../context.js';
import { scimBase, scimSend } from './app.js';
import { callerOf, listResponse, scimActor, scimParse } from './parse.js';

const IdParams = (params: unknown) => (params as { id: string }).id;
const notFound = () => new ScimProblem(404, undefined, 'no such user');
const taken = () => new ScimProblem(409, 'uniqueness', 'a user with this userName or email already exists');

/** /scim/v2/Users: people of the SCIM API key's team. */
export function userRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { users, scimGroups, audit } = ctx.repos;

  async function groupsByMember(teamId: string): Promise<Map<string, ScimGroupDoc[]>> {
    const { items } = await scimGroups.page(teamId, {}, 0, 10_000);
    const byMember = new Map<string, ScimGroupDoc[]>();
    for (const g of items) for (const m of g.members) byMember.set(m, [...(byMember.get(m) ?? []), g]);
    return byMember;
  }

  async function represent(user: UserDoc, base: string): Promise<ScimUser> {
    return scimUserOf(user, await scimGroups.ofUser(user.teamId, user._id), base);
  }

  async function assertUserNameFree(teamId: string, userName: string, except?: string): Promise<void> {
    const { items } = await users.scimPage(teamId, { userName }, 0, 2);
    if (items.some((u) => u._id !== except)) throw taken();
  }

  /** PUT and PATCH end here: the new identity is written, and a change of `active` deprovisions or restores. */
  async function replace(token: ScimTokenDoc, current: UserDoc, next: UserIdentity): Promise<UserDoc> {
    await assertUserNameFree(current.teamId, next.scim.userName, current._id);
    let updated: UserDoc | null;
    try {
      updated = await users.updateIdentity(current.teamId, current._id, next);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw taken();
      throw error;
    }
    if (!updated) throw notFound();
    const actor = scimActor(token);
    const target = { type: 'user' as const, id: current._id };
    if (!next.active) {
      // Repeated on every write of an inactive user: a deactivation interrupted midway is finished by the provider's retry.
      const done = await ctx.deprovisioner.deactivate(updated, actor);
      if (current.active !== false)
        await audit.record({ teamId: current.teamId, actor, action: 'user.deactivated', target, details: { email: updated.email, ...done } });
    } else if (current.active === false) {
      await audit.record({ teamId: current.teamId, actor, action: 'user.reactivated', target, details: { email: updated.email } });
    }
    if (next.email !== current.email || next.name !== current.name) {
      await audit.record({ teamId: current.teamId, actor, action: 'user.updated', target, details: { email: updated.email, name: updated.name } });
    }
    return updated;
  }

  async function find(teamId: string, id: string): Promise<UserDoc> {
    const user = await users.findInTeam(teamId, id);
    if (!user) throw notFound();
    return user;
  }

  app.post('/Users', async (request, reply) => {
    const token = callerOf(request);
    const identity = identityOf(scimParse(ScimUserInput, request.body, 'User'));
    await assertUserNameFree(token.teamId, identity.scim.userName);
    const now = new Date();
    const user: UserDoc = { _id: newId('usr'), teamId: token.teamId, role: 'member', createdAt: now, updatedAt: now, ...identity };
    try {
      await users.insert(user);
    } catch (error) {
      if (isDuplicateKey(error)) throw taken();
      throw error;
    }
    await audit.record({
      teamId: token.teamId,
      actor: scimActor(token),
      action: 'user.provisioned',
      target: { type: 'user', id: user._id },
      details: { email: user.email, active: user.active },
    });
    const body = scimUserOf(user, [], scimBase(request));
    return scimSend(reply.header('location', body.meta.location), 201, body);
  });

  app.get('/Users', async (request, reply) => {
    const token = callerOf(request);
    const query = scimParse(ScimListQuery, request.query, 'query');
    const lookup = scimLookup(query.filter, ['userName', 'externalId'] as const);
    const base = scimBase(request);
    const offset = query.startIndex - 1;
    const groups = await groupsByMember(token.teamId);
    if (lookup.kind === 'test') {
      const all = (await users.scimPage(token.teamId, {}, 0, 10_000)).items.map((u) => scimUserOf(u, groups.get(u._id) ?? [], base)).filter(lookup.matches);
      return scimSend(reply, 200, listResponse(all.slice(offset, offset + query.count), all.length, query.startIndex));
    }
    const where = lookup.kind === 'indexed' ? lookup.where : {};
    const page = await users.scimPage(token.teamId, where, offset, query.count);
    return scimSend(
      reply,
      200,
      listResponse(query.count === 0 ? [] : page.items.map((u) => scimUserOf(u, groups.get(u._id) ?? [], base)), page.total, query.startIndex),
    );
  });

  app.get('/Users/:id', async (request, reply) => {
    const token = callerOf(request);
    return scimSend(reply, 200, await represent(await find(token.teamId, IdParams(request.params)), scimBase(request)));
  });

  app.put('/Users/:id', async (request, reply) => {
    const token = callerOf(request);
    const current = await find(token.teamId, IdParams(request.params));
    const next = identityOf(scimParse(ScimUserInput, request.body, 'User'));
    return scimSend(reply, 200, await represent(await replace(token, current, next), scimBase(request)));
  });

  app.patch('/Users/:id', async (request, reply) => {
    const token = callerOf(request);
    const patch = scimParse(ScimPatch, request.body, 'PatchOp');
    const current = await find(token.teamId, IdParams(request.params));
    const base = scimBase(request);
    // The patch applies to the User as we represent it (scim-patch implements RFC 7644 §3.5.2, paths and filters included); the result is read like a PUT.
    const { groups: _groups, meta: _meta, id: _id, ...resource } = await represent(current, base);
    const patched = scimPatch({ ...resource, meta: { resourceType: 'User' } } as never, patch.Operations as never) as Record<string, unknown>;
    const next = identityOf(scimParse(ScimUserInput, patched, 'User'));
    return scimSend(reply, 200, await represent(await replace(token, current, next), base));
  });

  app.delete('/Users/:id', async (request, reply) => {
    const token = callerOf(request);
    const user = await find(token.teamId, IdParams(request.params));
    const actor = scimActor(token);
    const done = await ctx.deprovisioner.deactivate(user, actor);
    await scimGroups.removeMember(token.teamId, user._id);
    await users.delete(token.teamId, user._id);
    await audit.record({
      teamId: token.teamId,
      actor,
      action: 'user.deleted',
      target: { type: 'user', id: user._id },
      details: { email: user.email, ...done },
    });
    return reply.code(204).send();
  });
}
