import type { ChannelEvent, ChannelEventType } from '@keyguard/channels';
import type { FindingEvent, KeyEvent } from '@keyguard/events';
import { dashboardLinks } from './alert-items.js';

/** A public channel event plus what routes and orders it. */
export interface Routed {
  event: ChannelEvent;
  type: ChannelEventType;
  /** One key's (or one third-party token's) events reach a channel in the order they happened. */
  orderKey: string;
}

const actionText: Record<string, string> = {
  revoked: 'and was automatically revoked',
  marked_exposed: 'and is still active',
  already_revoked: '(it was already revoked)',
  recorded: '',
};

/**
 * What channels hear about each internal event: `exposure.recorded` becomes
 * `exposure.detected` (and `finding.created` on a first sighting); `key.revoked` and
 * `finding.resolved` keep their names. Ids derive from the internal event id (stable across
 * redelivery and retries).
 */
export function channelEventsFor(event: KeyEvent | FindingEvent, dashboardUrl: string): Routed[] {
  const links = dashboardLinks(dashboardUrl);
  if (event.type === 'exposure.recorded') {
    const p = event.payload;
    const finding = {
      id: p.findingId,
      ruleId: p.ruleId,
      redacted: p.redacted,
      tokenHash: p.tokenHash,
      url: p.key ? links.key(p.key.id) : links.finding(p.findingId),
    };
    const key = p.key ? { id: p.key.id, name: p.key.name, preview: p.key.preview, owner: { name: p.key.owner.name, email: p.key.owner.email } } : null;
    const what = p.key
      ? `API key "${p.key.name}" (${p.key.preview}) was found in public ${actionText[p.action] ?? ''}`.trim()
      : `A ${p.ruleId} secret (${p.redacted}) was found in public`;
    const orderKey = p.key?.id ?? p.tokenHash;
    const base = { teamId: p.teamId, createdAt: event.occurredAt };
    const routed: Routed[] = [
      {
        type: 'exposure.detected',
        orderKey,
        event: {
          ...base,
          id: `${event.id}:exposure.detected`,
          type: 'exposure.detected',
          data: { summary: what, finding, key, action: p.action, locations: p.locations },
        },
      },
    ];
    if (p.findingCreated) {
      routed.push({
        type: 'finding.created',
        orderKey,
        event: {
          ...base,
          id: `${event.id}:finding.created`,
          type: 'finding.created',
          data: { summary: `New finding: ${what}`, finding, key, action: p.action, locations: p.locations },
        },
      });
    }
    return routed;
  }
  if (event.type === 'finding.resolved') {
    const p = event.payload;
    return [
      {
        type: 'finding.resolved',
        orderKey: p.keyId ?? p.tokenHash,
        event: {
          id: `${event.id}:finding.resolved`,
          type: 'finding.resolved',
          createdAt: event.occurredAt,
          teamId: p.teamId,
          data: {
            summary: `Finding ${p.redacted} resolved (${p.resolution.replace('_', ' ')})`,
            finding: { id: p.findingId, ruleId: p.ruleId, redacted: p.redacted, tokenHash: p.tokenHash, url: links.finding(p.findingId) },
            resolution: p.resolution,
            actor: p.actor,
            at: p.resolvedAt,
          },
        },
      },
    ];
  }
  const p = event.payload;
  return [
    {
      type: 'key.revoked',
      orderKey: p.keyId,
      event: {
        id: `${event.id}:key.revoked`,
        type: 'key.revoked',
        createdAt: event.occurredAt,
        teamId: p.teamId,
        data: {
          summary: `API key "${p.name}" (${p.preview}) was revoked (${p.reason.replace('_', ' ')})`,
          key: { id: p.keyId, name: p.name, preview: p.preview, owner: { name: p.owner.name, email: p.owner.email } },
          reason: p.reason,
          actor: p.actor,
          at: p.revokedAt,
          locations: p.exposure?.locations ?? [],
        },
      },
    },
  ];
}
