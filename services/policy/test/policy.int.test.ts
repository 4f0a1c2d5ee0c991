import { readAll } from '@keyguard/testkit/bus';
import { createEnvelope, KeyState, TOO_MANY_SECRETS_RULE } from '@keyguard/events';
import { findingIdFor, hashApiKey } from '@keyguard/keys';
import { eventually, randomPmak } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolicyHarness, startPolicy } from './support.js';

let h: PolicyHarness;
beforeAll(async () => {
  // Third-party secrets in acme's GitHub repositories and in Postman workspace ws-1 have teams of their own.
  h = await startPolicy({ FINDINGS_TEAMS: 'github:acme=team_acme,postman:ws-1=team_ws' });
});
afterAll(async () => {
  await h?.stop();
});

const finding = (raw: string) => h.store.collections.findings.findOne({ tokenHash: hashApiKey(raw) });
const keyDoc = (id: string) => h.store.collections.apiKeys.findOne({ _id: id });
const findingEventsFor = async (tokenHash: string) =>
  (await readAll(h.kafka, h.topics.findings))
    .map((m) => m.json as { id: string; type: string; payload: Record<string, unknown> & { tokenHash: string } })
    .filter((e) => e.payload.tokenHash === tokenHash);
const revokedEventsFor = async (keyId: string) =>
  (await readAll(h.kafka, h.topics.keyEvents))
    .map((m) => m.json as { id: string; type: string; payload: { keyId: string } })
    .filter((e) => e.payload.keyId === keyId);

/** The key-state records of a key (by hash), in topic order, once `until` holds for them. */
const statesOf = (hash: string, until: (states: KeyState[]) => boolean) =>
  eventually(
    async () => {
      const states = (await readAll(h.kafka, h.topics.keyState)).filter((m) => m.key === hash).map((m) => KeyState.parse(m.json));
      return until(states) && states;
    },
    { what: 'key-state records' },
  );

describe('policy: auto-revoke on', () => {
  it('revokes an exposed team key (exposure_auto, actor policy), resolves the finding and publishes key.revoked — once, however often redelivered', async () => {
    const owner = await h.team({ autoRevokeExposed: true });
    const key = await h.key(owner);
    const event = await h.expose(key.raw);
    for (let i = 0; i < 3; i++) await h.redeliver(event);

    const revoked = await eventually(
      async () => {
        const doc = await keyDoc(key._id);
        return doc?.status === 'revoked' && !doc.revocationPending ? doc : undefined;
      },
      { what: 'the key revoked' },
    );
    expect(revoked.revocation).toMatchObject({ reason: 'exposure_auto', actor: { type: 'system', id: 'policy' } });
    expect(revoked.exposure?.locations[0]).toMatchObject({ source: 'github', repository: 'o/r' });

    const f = await eventually(() => finding(key.raw).then((d) => (d?.status === 'resolved' ? d : undefined)), { what: 'finding resolved' });
    expect(f).toMatchObject({ resolution: 'revoked', keyId: key._id, teamId: owner.teamId });
    expect(f.locations).toHaveLength(1);

    // Every redelivery handled, every revocation finished: then count.
    await h.settled();
    expect(await h.store.collections.auditLog.countDocuments({ 'target.id': key._id })).toBe(1);
    const events = await revokedEventsFor(key._id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'key.revoked',
      payload: { reason: 'exposure_auto', owner: { email: owner.email }, exposure: { locations: [{ repository: 'o/r' }] } },
    });
    expect(JSON.stringify(events)).not.toContain(key.raw);
    expect(await h.store.collections.auditLog.countDocuments({ 'target.id': key._id, action: 'key.revoked' })).toBe(1);

    // Every verifier hears of it: the last state record of the key is revoked (and exposed).
    const states = await statesOf(key.hash, (s) => s.at(-1)?.status === 'revoked');
    expect(states.at(-1)).toMatchObject({ keyId: key._id, teamId: owner.teamId, ownerEmail: owner.email, status: 'revoked', exposed: true });
    // …and that state is recorded as published (one or two writes: the exposure may go before the revoking write).
    const doc = await keyDoc(key._id);
    expect(doc?.publishedVersion).toBe(doc?.stateVersion);
    expect(states.at(-1)?.version).toBe(doc?.stateVersion);

    // For the notifier: what was recorded (with the team and the owner) and that the finding was resolved — once each.
    const told = await eventually(async () => ((await findingEventsFor(hashApiKey(key.raw))).length >= 2 ? findingEventsFor(hashApiKey(key.raw)) : undefined), {
      what: 'the finding events',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect((await findingEventsFor(hashApiKey(key.raw))).map((e) => e.type).sort()).toEqual(['exposure.recorded', 'finding.resolved']);
    expect(told.find((e) => e.type === 'exposure.recorded')).toMatchObject({
      payload: {
        teamId: owner.teamId,
        action: 'revoked',
        findingCreated: true,
        key: { id: key._id, owner: { email: owner.email } },
        locations: [{ repository: 'o/r' }],
      },
    });
    expect(told.find((e) => e.type === 'finding.resolved')).toMatchObject({ payload: { resolution: 'revoked', keyId: key._id } });
    expect(JSON.stringify(told)).not.toContain(key.raw);
  });

  it('a revoked key exposed again somewhere new gains the location but is not revoked twice or reopened', async () => {
    const owner = await h.team({ autoRevokeExposed: true });
    const key = await h.key(owner);
    await h.expose(key.raw);
    await eventually(() => finding(key.raw).then((d) => d?.status === 'resolved' || undefined));
    await h.expose(key.raw, { repository: 'o/other', url: 'https://github.com/o/other/blob/x/b.json', commit: 'x' });
    const f = await eventually(() => finding(key.raw).then((d) => (d && d.locations.length === 2 ? d : undefined)));
    expect(f.status).toBe('resolved');
    await h.settled();
    expect(await revokedEventsFor(key._id)).toHaveLength(1);
  });
});

describe('policy: auto-revoke off', () => {
  it('marks the key exposed and leaves the finding open; locations never duplicate; firstSeen/lastSeen kept', async () => {
    const owner = await h.team({ autoRevokeExposed: false });
    const key = await h.key(owner);
    const first = await h.expose(key.raw);
    await h.redeliver(first);
    const marked = await eventually(() => keyDoc(key._id).then((d) => (d?.exposure ? d : undefined)), { what: 'key marked exposed' });
    expect(marked.status).toBe('enabled');
    expect(marked.exposure?.findingId).toBe(findingIdFor(key.hash));

    await h.expose(
      key.raw,
      { source: 'postman', kind: 'collection', url: 'https://www.postman.com/c/1', resourceType: 'collection', resourceId: 'c-1', jsonPath: '$.auth' },
      { detectedAt: new Date(Date.now() + 1000) },
    );
    const f = await eventually(() => finding(key.raw).then((d) => (d && d.locations.length === 2 ? d : undefined)), { what: 'two locations' });
    await h.settled();
    const after = (await finding(key.raw))!;
    expect(after.locations).toHaveLength(2);
    expect(after.status).toBe('open');
    expect(after.firstSeen.getTime()).toBeLessThan(after.lastSeen.getTime());
    expect(f.history.map((e) => e.action)).toEqual(['detected', 'location_added']);
    expect(await revokedEventsFor(key._id)).toHaveLength(0);
    const states = await statesOf(key.hash, (s) => s.length >= 1);
    expect(states).toEqual([expect.objectContaining({ status: 'enabled', exposed: true, version: 1 })]);
  });

  it('reopens a resolved finding as a regression when the secret shows up somewhere new', async () => {
    const owner = await h.team({ autoRevokeExposed: false });
    const key = await h.key(owner);
    await h.expose(key.raw);
    await eventually(() => finding(key.raw));
    await h.store.collections.findings.updateOne({ tokenHash: key.hash }, { $set: { status: 'resolved', resolution: 'wont_fix' } });
    await h.expose(key.raw, { repository: 'o/leak2', url: 'https://github.com/o/leak2/blob/y/c.json', commit: 'y' });
    const reopened = await eventually(() => finding(key.raw).then((d) => (d?.status === 'open' ? d : undefined)), { what: 'reopened' });
    expect(reopened.resolution ?? null).toBeNull();
    expect(reopened.history.at(-1)).toMatchObject({ action: 'reopened' });
  });
});

describe('policy: not our keys', () => {
  it('records an unknown PMAK key and a third-party secret as findings without a key', async () => {
    const unknown = randomPmak();
    const thirdParty = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
    await h.expose(unknown);
    await h.expose(thirdParty, { source: 'gitlab', kind: 'commit' }, { ruleId: 'github-pat' });
    const a = await eventually(() => finding(unknown));
    const b = await eventually(() => finding(thirdParty));
    expect(a).toMatchObject({ status: 'open', ruleId: 'postman-api-key' });
    expect(a.keyId ?? null).toBeNull();
    expect(b).toMatchObject({ status: 'open', ruleId: 'github-pat', locations: [{ source: 'gitlab' }] });
    const [recorded] = await eventually(async () =>
      (await findingEventsFor(hashApiKey(thirdParty))).length ? findingEventsFor(hashApiKey(thirdParty)) : undefined,
    );
    // A GitLab place no FINDINGS_TEAMS route names: the default team's (its security contacts are told).
    expect(recorded).toMatchObject({ type: 'exposure.recorded', payload: { teamId: 'team_default', key: null, action: 'recorded', findingCreated: true } });
  });
});

describe('policy: whose finding (issue 10, item 10)', () => {
  it("gives a secret that is none of our keys to the team of the place it was found in, else the default team; one of our keys to the key's team", async () => {
    const inAcme = randomPmak();
    const elsewhere = randomPmak();
    const inWorkspace = randomPmak();
    const owner = await h.team();
    const ours = await h.key(owner);
    await h.expose(inAcme, { repository: 'acme/site', url: 'https://github.com/acme/site/blob/c1/a.json' });
    await h.expose(elsewhere, { repository: 'someone/else', url: 'https://github.com/someone/else/blob/c1/a.json' });
    await h.expose(inWorkspace, {
      source: 'postman',
      kind: 'collection',
      url: 'https://www.postman.com/x',
      repository: undefined,
      commit: undefined,
      path: undefined,
      line: undefined,
      workspaceId: 'ws-1',
      resourceType: 'collection',
      resourceId: 'c-1',
    });
    await h.expose(ours.raw, { repository: 'acme/site', url: 'https://github.com/acme/site/blob/c2/a.json' });
    expect((await eventually(() => finding(inAcme)))?.teamId).toBe('team_acme');
    expect((await eventually(() => finding(elsewhere)))?.teamId).toBe('team_default');
    expect((await eventually(() => finding(inWorkspace)))?.teamId).toBe('team_ws');
    expect((await eventually(() => finding(ours.raw)))?.teamId).toBe(owner.teamId);
  });
});

describe('expiry sweeper', () => {
  it('revokes keys past their expiry with reason expired and publishes key.revoked; a second sweep does nothing', async () => {
    const owner = await h.team();
    const expired = await h.key(owner, { expiresAt: new Date(Date.now() - 1000) });
    const live = await h.key(owner, { expiresAt: new Date(Date.now() + 86_400_000) });
    const first = await h.running.sweep();
    expect(first.revoked).toBeGreaterThanOrEqual(1);
    expect(await keyDoc(expired._id)).toMatchObject({ status: 'revoked', revocation: { reason: 'expired', actor: { id: 'expiry-sweeper' } } });
    expect((await keyDoc(live._id))?.status).toBe('enabled');
    expect((await h.running.sweep()).revoked).toBe(0);
    const events = await revokedEventsFor(expired._id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ payload: { reason: 'expired', exposure: null } });
    expect((await statesOf(expired.hash, (s) => s.length >= 1)).at(-1)).toMatchObject({ status: 'revoked', expiresAt: expired.expiresAt!.toISOString() });
  });

  it('publishes a key state a crashed writer left unpublished', async () => {
    const owner = await h.team();
    const key = await h.key(owner, { status: 'disabled', stateVersion: 7, publishedVersion: 6, stateChangedAt: new Date(Date.now() - 60_000) });
    const published = await h.key(owner, { status: 'disabled', stateVersion: 3, publishedVersion: 3, stateChangedAt: new Date(Date.now() - 60_000) });
    await h.running.sweep();
    const states = await statesOf(key.hash, (s) => s.length >= 1);
    expect(states.at(-1)).toMatchObject({ status: 'disabled', version: 7 });
    expect(await keyDoc(key._id)).toMatchObject({ publishedVersion: 7 });
    // A state already on the topic is not sent again.
    expect(await statesOf(published.hash, (s) => s.length >= 0)).toEqual([]);
  });

  it('finishes a revocation interrupted after the status change (crash between steps)', async () => {
    const owner = await h.team();
    const key = await h.key(owner, {
      status: 'revoked',
      revokedAt: new Date(Date.now() - 60_000),
      revocation: { reason: 'admin', actor: { type: 'user', id: 'u1' } },
      revocationPending: true,
    });
    const result = await h.running.sweep();
    expect(result.completed).toBeGreaterThanOrEqual(1);
    expect((await keyDoc(key._id))?.revocationPending).toBeUndefined();
    expect(await revokedEventsFor(key._id)).toHaveLength(1);
  });
});

describe('policy: too many secrets in one place (issue 10, item 1)', () => {
  it('records a too-many-secrets exposure as one finding with the counts, and keeps the latest counts when the place floods again', async () => {
    const tokenHash = hashApiKey(`place-${randomPmak()}`);
    const location = {
      source: 'postman' as const,
      kind: 'collection',
      url: 'https://www.postman.com/c/flood',
      resourceType: 'collection',
      resourceId: 'flood',
    };
    const summary = (total: number) =>
      createEnvelope(
        'exposure.detected',
        {
          tokenHash,
          ruleId: TOO_MANY_SECRETS_RULE,
          redacted: `${total} secrets in one collection`,
          confidence: 'low' as const,
          detectedAt: new Date().toISOString(),
          location,
          overflow: { total, reported: 100, byRule: { 'postman-api-key': total } },
        },
        { source: 'test' },
      );
    await h.publisher.publish(h.topics.exposures, [{ key: tokenHash, value: summary(4000) }]);
    const first = await eventually(() => h.store.collections.findings.findOne({ tokenHash }).then((d) => d ?? undefined));
    expect(first).toMatchObject({ ruleId: 'too-many-secrets', status: 'open', keyId: null, overflow: { total: 4000, reported: 100 } });
    await h.publisher.publish(h.topics.exposures, [{ key: tokenHash, value: summary(5000) }]);
    const again = await eventually(() => h.store.collections.findings.findOne({ tokenHash }).then((d) => (d?.overflow?.total === 5000 ? d : undefined)));
    expect(again.locations).toHaveLength(1);
    expect(await h.store.collections.findings.countDocuments({ ruleId: 'too-many-secrets', tokenHash })).toBe(1);
  });
});
