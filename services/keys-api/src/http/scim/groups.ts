import { ScimGroupInput, ScimListQuery, ScimPatch } from '@keyguard/contract';
import { newId } from '@keyguard/keys';
import { DuplicateKeyError, type ScimGroupDoc, type ScimTokenDoc, type UserDoc } from '@keyguard/store';
import type { FastifyInstance } from 'fastify';
import { scimPatch } from 'scim-patch';
import { roleFromGroups, roleOfGroup, ScimProblem, scimGroupOf } from '../../domain/scim.js';
import { scimLookup } from '../../domain/scim-filter.js';
import type { ApiContext } from '../context.js';
import { scimBase, scimSend } from './app.js';
import { callerOf, excludes, listResponse, scimActor, scimParse } from './parse.js';

const idOf = (params: unknown) => (params as { id: string }).id;
const notFound = () => new ScimProblem(404, undefined, 'no such group');
const taken = () => new ScimProblem(409, 'uniqueness', 'a group with this displayName already exists');
const rank = { member: 0, team_admin: 1, super_admin: 2 } as const;

/**
 * /scim/v2/Groups: groups the identity provider pushes. A group named "Keyguard Team Admins"
 * or "Keyguard Super Admins" gives its members that role; leaving it takes the role away
 * (for people the provider manages, and never beyond the role of whoever made the SCIM key).
 */
export function groupRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { users, scimGroups, audit } = ctx.repos;

  async function membersOf(teamId: string, ids: string[]): Promise<Map<string, UserDoc>> {
    const found = await users.byIds(ids);
    for (const [id, u] of found) if (u.teamId !== teamId) found.delete(id);
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw new ScimProblem(400, 'invalidValue', `members: no user ${unknown.slice(0, 3).join(', ')} in this team`);
    return found;
  }

  /** Re-derives the role of each provisioned person whose membership changed. */
  async function settleRoles(token: ScimTokenDoc, userIds: Iterable<string>): Promise<void> {
    const people = await users.byIds(userIds);
    for (const user of people.values()) {
      if (user.teamId !== token.teamId || !user.scim || rank[user.role] > rank[token.grantsUpTo]) continue;
      const role = roleFromGroups(await scimGroups.ofUser(token.teamId, user._id), token.grantsUpTo);
      if (role === user.role) continue;
      await users.setRole(user._id, role);
      await audit.record({
        teamId: token.teamId,
        actor: scimActor(token),
        action: 'user.role_changed',
        target: { type: 'user', id: user._id },
        details: { email: user.email, from: user.role, to: role },
      });
    }
  }

  async function find(teamId: string, id: string): Promise<ScimGroupDoc> {
    const group = await scimGroups.find(teamId, id);
    if (!group) throw notFound();
    return group;
  }

  async function represent(group: ScimGroupDoc, base: string, withMembers = true) {
    const view = scimGroupOf(group, withMembers ? await users.byIds(group.members) : new Map(), base);
    return withMembers ? view : { ...view, members: undefined };
  }

  async function replace(token: ScimTokenDoc, current: ScimGroupDoc, input: ScimGroupInput): Promise<ScimGroupDoc> {
    const members = [...new Set((input.members ?? []).map((m) => m.value))];
    await membersOf(token.teamId, members);
    let updated: ScimGroupDoc | null;
    try {
      updated = await scimGroups.replace(token.teamId, current._id, {
        displayName: input.displayName,
        role: roleOfGroup(input.displayName),
        members,
        ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw taken();
      throw error;
    }
    if (!updated) throw notFound();
    const added = members.filter((m) => !current.members.includes(m));
    const removed = current.members.filter((m) => !members.includes(m));
    if (added.length || removed.length || updated.role !== current.role) {
      await audit.record({
        teamId: token.teamId,
        actor: scimActor(token),
        action: 'scim_group.updated',
        target: { type: 'scim_group', id: current._id },
        details: { displayName: updated.displayName, added, removed },
      });
      await settleRoles(token, updated.role !== current.role ? new Set([...members, ...current.members]) : [...added, ...removed]);
    }
    return updated;
  }

  app.post('/Groups', async (request, reply) => {
    const token = callerOf(request);
    const input = scimParse(ScimGroupInput, request.body, 'Group');
    const members = [...new Set((input.members ?? []).map((m) => m.value))];
    await membersOf(token.teamId, members);
    const now = new Date();
    const group: ScimGroupDoc = {
      _id: newId('grp'),
      teamId: token.teamId,
      displayName: input.displayName,
      role: roleOfGroup(input.displayName),
      members,
      createdAt: now,
      updatedAt: now,
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    };
    try {
      await scimGroups.insert(group);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw taken();
      throw error;
    }
    await audit.record({
      teamId: token.teamId,
      actor: scimActor(token),
      action: 'scim_group.created',
      target: { type: 'scim_group', id: group._id },
      details: { displayName: group.displayName, role: group.role, members: members.length },
    });
    await settleRoles(token, members);
    const body = await represent(group, scimBase(request));
    return scimSend(reply.header('location', body.meta.location), 201, body);
  });

  app.get('/Groups', async (request, reply) => {
    const token = callerOf(request);
    const query = scimParse(ScimListQuery, request.query, 'query');
    const lookup = scimLookup(query.filter, ['displayName', 'externalId'] as const);
    const base = scimBase(request);
    const withMembers = !excludes(query, 'members');
    const offset = query.startIndex - 1;
    if (lookup.kind === 'test') {
      const all = await Promise.all((await scimGroups.page(token.teamId, {}, 0, 10_000)).items.map((g) => represent(g, base)));
      const matching = all.filter(lookup.matches).map((g) => (withMembers ? g : { ...g, members: undefined }));
      return scimSend(reply, 200, listResponse(matching.slice(offset, offset + query.count), matching.length, query.startIndex));
    }
    const page = await scimGroups.page(token.teamId, lookup.kind === 'indexed' ? lookup.where : {}, offset, query.count);
    const items = query.count === 0 ? [] : await Promise.all(page.items.map((g) => represent(g, base, withMembers)));
    return scimSend(reply, 200, listResponse(items, page.total, query.startIndex));
  });

  app.get('/Groups/:id', async (request, reply) => {
    const token = callerOf(request);
    const query = scimParse(ScimListQuery, request.query, 'query');
    return scimSend(reply, 200, await represent(await find(token.teamId, idOf(request.params)), scimBase(request), !excludes(query, 'members')));
  });

  app.put('/Groups/:id', async (request, reply) => {
    const token = callerOf(request);
    const current = await find(token.teamId, idOf(request.params));
    const updated = await replace(token, current, scimParse(ScimGroupInput, request.body, 'Group'));
    return scimSend(reply, 200, await represent(updated, scimBase(request)));
  });

  app.patch('/Groups/:id', async (request, reply) => {
    const token = callerOf(request);
    const patch = scimParse(ScimPatch, request.body, 'PatchOp');
    const current = await find(token.teamId, idOf(request.params));
    const base = scimBase(request);
    const resource = {
      schemas: [],
      displayName: current.displayName,
      members: current.members.map((value) => ({ value })),
      meta: { resourceType: 'Group' },
      ...(current.externalId !== undefined ? { externalId: current.externalId } : {}),
    };
    const patched = scimPatch(resource as never, patch.Operations as never) as Record<string, unknown>;
    const updated = await replace(token, current, scimParse(ScimGroupInput, patched, 'Group'));
    // Entra ID and Okta patch membership and want no body back; 200 with the group is allowed too (RFC 7644 §3.5.2).
    return scimSend(reply, 200, await represent(updated, base));
  });

  app.delete('/Groups/:id', async (request, reply) => {
    const token = callerOf(request);
    const deleted = await scimGroups.delete(token.teamId, idOf(request.params));
    if (!deleted) throw notFound();
    await audit.record({
      teamId: token.teamId,
      actor: scimActor(token),
      action: 'scim_group.deleted',
      target: { type: 'scim_group', id: deleted._id },
      details: { displayName: deleted.displayName },
    });
    await settleRoles(token, deleted.members);
    return reply.code(204).send();
  });
}
