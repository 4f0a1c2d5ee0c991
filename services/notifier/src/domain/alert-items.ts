import type { ExposureLocation, ExposureRecordedPayload, KeyRevokedPayload, RevocationReason } from '@keyguard/events';

/** One thing one person is told about, as it waits for their digest. Never the secret. */
export interface AlertItem {
  kind: 'exposure' | 'revocation' | 'third_party';
  /** What the email groups by: the key, or the finding of a third-party token. */
  group: string;
  keyName: string | null;
  preview: string;
  ruleId: string;
  owner: { name: string; email: string } | null;
  action: ExposureRecordedPayload['action'] | null;
  reason: RevocationReason | null;
  at: string;
  locations: Omit<ExposureLocation, 'workspaceId'>[];
  /** The dashboard page of exactly this key or finding. */
  link: string;
}

export interface Addressed {
  teamId: string;
  email: string;
  item: AlertItem;
}

export interface TeamPeople {
  admins: string[];
  securityContacts: string[];
}

const normalise = (emails: string[]) => [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];

const strip = ({ detectedAt: _d, workspaceId: _w, ...location }: ExposureLocation & { detectedAt?: string }) => location;

export const dashboardLinks = (dashboardUrl: string) => {
  const base = dashboardUrl.endsWith('/') ? dashboardUrl : `${dashboardUrl}/`;
  return {
    key: (keyId: string) => `${base}#/exposed/${encodeURIComponent(keyId)}`,
    finding: (findingId: string) => `${base}#/findings/${encodeURIComponent(findingId)}`,
    keys: () => `${base}#/keys`,
  };
};

/**
 * Who hears about an exposure the policy recorded:
 * - one of the team's keys: its owner, the team's admins and its security contacts (a key
 *   already revoked before it was found again tells nobody: there is nothing to do);
 * - a token that is none of our keys (third-party or unknown), first seen or seen again after
 *   it was resolved: the security contacts of the team its finding belongs to, or of every team
 *   when it belongs to none.
 */
export function exposureAlerts(
  payload: ExposureRecordedPayload,
  people: { team: TeamPeople | null; everyTeamsContacts: { teamId: string; contacts: string[] }[] },
  dashboardUrl: string,
): Addressed[] {
  const links = dashboardLinks(dashboardUrl);
  const detectedAt = payload.locations[0]?.detectedAt ?? new Date().toISOString();
  if (payload.teamId && payload.key) {
    if (payload.action === 'already_revoked' || !people.team) return [];
    const item: AlertItem = {
      kind: 'exposure',
      group: payload.key.id,
      keyName: payload.key.name,
      preview: payload.key.preview,
      ruleId: payload.ruleId,
      owner: { name: payload.key.owner.name, email: payload.key.owner.email },
      action: payload.action,
      reason: null,
      at: detectedAt,
      locations: payload.locations.map(strip),
      link: links.key(payload.key.id),
    };
    const teamId = payload.teamId;
    return normalise([payload.key.owner.email, ...people.team.admins, ...people.team.securityContacts]).map((email) => ({ teamId, email, item }));
  }
  if (!payload.findingCreated && !payload.reopened) return [];
  const item: AlertItem = {
    kind: 'third_party',
    group: payload.findingId,
    keyName: null,
    preview: payload.redacted,
    ruleId: payload.ruleId,
    owner: null,
    action: payload.action,
    reason: null,
    at: detectedAt,
    locations: payload.locations.map(strip),
    link: links.finding(payload.findingId),
  };
  if (payload.teamId) {
    const teamId = payload.teamId;
    return normalise(people.team?.securityContacts ?? []).map((email) => ({ teamId, email, item }));
  }
  return people.everyTeamsContacts.flatMap(({ teamId, contacts }) => normalise(contacts).map((email) => ({ teamId, email, item })));
}

/** A revocation is told to the key's owner (as before, but now through their digest). */
export function revocationAlerts(payload: KeyRevokedPayload, dashboardUrl: string): Addressed[] {
  if (!payload.owner.email.includes('@')) return [];
  const item: AlertItem = {
    kind: 'revocation',
    group: payload.keyId,
    keyName: payload.name,
    preview: payload.preview,
    ruleId: 'postman-api-key',
    owner: { name: payload.owner.name, email: payload.owner.email },
    action: null,
    reason: payload.reason,
    at: payload.revokedAt,
    locations: (payload.exposure?.locations ?? []).map(strip),
    link: payload.exposure ? dashboardLinks(dashboardUrl).key(payload.keyId) : dashboardLinks(dashboardUrl).keys(),
  };
  return [{ teamId: payload.teamId, email: payload.owner.email.toLowerCase(), item }];
}
