import type { ExposureRecordedPayload } from '@keyguard/events';
import { describe, expect, it } from 'vitest';
import { exposureAlerts, revocationAlerts } from '../src/domain/alert-items.js';
import { nextAttemptAt } from '../src/domain/backoff.js';
import { channelEventsFor } from '../src/domain/channel-events.js';
import { digestEmail } from '../src/domain/digest-email.js';

const dashboard = 'http://127.0.0.1:8080/';
const location = {
  source: 'github' as const,
  kind: 'commit',
  url: 'https://github.com/o/r/blob/abc/.env#L3',
  repository: 'o/r',
  path: '.env',
  line: 3,
  commit: 'abcdef1234567890',
  detectedAt: '2026-11-26T10:00:00.000Z',
};
const recorded = (over: Partial<ExposureRecordedPayload> = {}): ExposureRecordedPayload => ({
  findingId: 'fnd_1',
  tokenHash: 'a'.repeat(64),
  ruleId: 'postman-api-key',
  redacted: 'PMAK-…a1b2',
  confidence: 'high',
  teamId: 'team_1',
  key: { id: 'key_1', name: 'Deploy key', preview: 'PMAK-…a1b2', owner: { id: 'usr_1', name: 'Ada', email: 'Ada@Example.test' } },
  action: 'marked_exposed',
  findingCreated: true,
  reopened: false,
  locations: [location],
  ...over,
});
const revoked = {
  keyId: 'key_1',
  teamId: 'team_1',
  name: 'Deploy key',
  preview: 'PMAK-…a1b2',
  owner: { id: 'usr_1', name: 'Ada', email: 'ada@example.test' },
  reason: 'exposure_auto' as const,
  actor: { type: 'system' as const, id: 'policy' },
  revokedAt: '2026-11-26T10:00:01.000Z',
  exposure: { detectedAt: '2026-11-26T10:00:00.000Z', locations: [location] },
};

describe('who is alerted', () => {
  const people = {
    team: { admins: ['boss@example.test', 'ada@example.test'], securityContacts: ['sec@example.test'] },
    everyTeamsContacts: [{ teamId: 'team_2', contacts: ['other-sec@example.test'] }],
  };
  it('a team key: owner, admins and security contacts, each once', () => {
    expect(exposureAlerts(recorded(), people, dashboard).map((a) => a.email)).toEqual(['ada@example.test', 'boss@example.test', 'sec@example.test']);
  });
  it('a key that was already revoked: nobody', () => {
    expect(exposureAlerts(recorded({ action: 'already_revoked' }), people, dashboard)).toEqual([]);
  });
  it('a third-party token: every team’s security contacts, on its first sighting only', () => {
    const thirdParty = recorded({ teamId: null, key: null, action: 'recorded', ruleId: 'github-pat-classic' });
    expect(exposureAlerts(thirdParty, people, dashboard).map((a) => [a.teamId, a.email])).toEqual([['team_2', 'other-sec@example.test']]);
    expect(exposureAlerts({ ...thirdParty, findingCreated: false }, people, dashboard)).toEqual([]);
  });
  it('a revocation: the owner', () => {
    expect(revocationAlerts(revoked, dashboard).map((a) => a.email)).toEqual(['ada@example.test']);
  });
});

describe('digest email', () => {
  it('tells one key’s story: which key, what happened, where, when, a link to its page, what to do', () => {
    const items = [
      ...exposureAlerts(recorded({ action: 'revoked' }), { team: { admins: [], securityContacts: [] }, everyTeamsContacts: [] }, dashboard),
      ...revocationAlerts(revoked, dashboard),
    ];
    const email = digestEmail(
      'ada@example.test',
      items.map((i) => i.item),
      dashboard,
    );
    expect(email.subject).toBe('API key "Deploy key" was exposed and has been revoked');
    expect(email.text).toContain('Hello Ada,');
    expect(email.text).toContain('PMAK-…a1b2');
    expect(email.text).toContain('automatically revoked');
    expect(email.text).toContain('2026-11-26T10:00:00.000Z');
    expect(email.text).toContain('o/r, .env:3, commit abcdef123456');
    expect(email.text.match(/https:\/\/github\.com\/o\/r\/blob\/abc\/\.env#L3/g)).toHaveLength(1);
    expect(email.text).toContain('http://127.0.0.1:8080/#/exposed/key_1');
    expect(email.text).toContain('What to do next');
    expect(email.html).toContain('<a href="http://127.0.0.1:8080/#/exposed/key_1">');
  });
  it('explains the other revocation reasons', () => {
    const as = (reason: 'expired' | 'admin') =>
      digestEmail(
        'ada@example.test',
        revocationAlerts({ ...revoked, reason, exposure: null }, dashboard).map((a) => a.item),
        dashboard,
      );
    expect(as('expired').text).toContain('inactivity past its expiration date');
    expect(as('admin').text).toContain('revoked by an admin');
    expect(as('admin').subject).toBe('API key "Deploy key" has been revoked');
  });
  it('escapes what people named their keys in the HTML part', () => {
    const items = exposureAlerts(
      recorded({ key: { ...recorded().key!, name: '<img src=x onerror=alert(1)>' } }),
      { team: { admins: [], securityContacts: [] }, everyTeamsContacts: [] },
      dashboard,
    );
    const email = digestEmail(
      'ada@example.test',
      items.map((i) => i.item),
      dashboard,
    );
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img');
  });
});

describe('channel events', () => {
  it('an exposure first seen is exposure.detected and finding.created, ordered by the key', () => {
    const routed = channelEventsFor(
      { id: 'e1', type: 'exposure.recorded', version: 1, occurredAt: '2026-11-26T10:00:00.000Z', source: 'policy', correlationId: 'c', payload: recorded() },
      dashboard,
    );
    expect(routed.map((r) => [r.type, r.orderKey, r.event.id])).toEqual([
      ['exposure.detected', 'key_1', 'e1:exposure.detected'],
      ['finding.created', 'key_1', 'e1:finding.created'],
    ]);
    expect(routed[0]!.event.data.finding?.url).toBe('http://127.0.0.1:8080/#/exposed/key_1');
  });
});

describe('backoff', () => {
  const policy = { initialMs: 1000, maxMs: 60_000, retryForMs: 24 * 3600 * 1000 };
  const created = new Date('2026-01-01T00:00:00Z');
  it('doubles per attempt up to the cap, with jitter, and stops after the retry period', () => {
    const at = (attempts: number, now = created) => nextAttemptAt(policy, attempts, created, now, () => 0.5)!.getTime() - now.getTime();
    expect([1, 2, 3, 10].map((a) => at(a))).toEqual([1000, 2000, 4000, 60_000]);
    expect(nextAttemptAt(policy, 50, created, new Date(created.getTime() + 24 * 3600 * 1000))).toBeNull();
  });
});
