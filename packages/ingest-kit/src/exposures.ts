import { createHash } from 'node:crypto';
import {
  createEnvelope,
  ExposureDetected,
  type ExposureLocation,
  type ExposureOverflow,
  type ExposurePayload,
  type Provider,
  type SourceEventOf,
  SourceEvents,
  TOO_MANY_SECRETS_RULE,
} from '@keyguard/events';
import type { OutgoingMessage } from '@keyguard/bus';

/** A stable id from the parts that identify one occurrence: re-processing yields the same id. */
export function stableId(...parts: (string | number | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => (p === undefined ? '' : String(p))).join('\u0000'))
    .digest('hex');
}

export interface FoundSecret {
  ruleId: string;
  tokenHash: string;
  redacted: string;
  confidence: ExposurePayload['confidence'];
  /** The token sealed to the relay (see `sealingScanner`), for tokens an issuer can revoke. */
  sealed?: string;
}

/**
 * One `exposure.detected` message per distinct occurrence, keyed by tokenHash. The id depends
 * only on where the secret is (provider, location fields) and which secret it is.
 */
export function exposureMessage(
  found: FoundSecret,
  location: ExposureLocation,
  init: {
    source: string;
    correlationId?: string;
    detectedAt?: Date;
    /** When the place became public (the event's time), for a location that does not say itself. */
    publishedAt?: Date;
    overflow?: ExposureOverflow /** The place is public: a sealed token may go to the relay. */;
    public?: boolean;
  },
): OutgoingMessage {
  const id = stableId(
    location.source,
    location.kind,
    location.repository,
    location.commit,
    location.path,
    location.line,
    location.resourceType,
    location.resourceId,
    location.jsonPath,
    location.kind === 'partner_alert' ? location.url : undefined,
    found.tokenHash,
  );
  const payload: ExposurePayload = {
    tokenHash: found.tokenHash,
    ruleId: found.ruleId,
    redacted: found.redacted.slice(0, 64),
    confidence: found.confidence,
    detectedAt: (init.detectedAt ?? new Date()).toISOString(),
    location: init.publishedAt && !location.publishedAt ? { ...location, publishedAt: init.publishedAt.toISOString() } : location,
    ...(init.overflow ? { overflow: init.overflow } : {}),
    ...(init.public === true && found.sealed ? { sealedToken: found.sealed } : {}),
  };
  const value = ExposureDetected.parse(createEnvelope('exposure.detected', payload, { source: init.source, id, correlationId: init.correlationId }));
  return { key: found.tokenHash, value };
}

/** Drops repeats of the same occurrence (same secret at the same place) within one event. */
export function distinctOccurrences<T extends { found: FoundSecret; location: ExposureLocation }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = stableId(item.found.tokenHash, JSON.stringify(item.location));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Exposures one event may publish one by one; beyond them, one `too-many-secrets` exposure counts the rest. */
export const DEFAULT_MAX_EXPOSURES_PER_EVENT = 100;

const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

export interface EventExposuresInit {
  source: string;
  correlationId?: string;
  detectedAt?: Date;
  /** When the event made the place public (e.g. the push's webhook arrived): each location's first public appearance. */
  publishedAt?: Date;
  /** The place is public: tokens sealed to the relay travel with their exposures. */
  public?: boolean;
  /** At most this many exposures of their own (default DEFAULT_MAX_EXPOSURES_PER_EVENT). */
  maxPerEvent?: number;
  /**
   * Where the summary of an event over the cap points: the resource (or repository and
   * commit) as a whole. Its identity, without the commit, names the summary's finding.
   */
  summaryLocation: ExposureLocation;
}

/**
 * The exposure messages of one event: its distinct occurrences, each its own message up to
 * `maxPerEvent` (the most confident first, then in document order), and when there are more,
 * one `too-many-secrets` exposure with the counts instead of thousands of messages. An
 * outsider who publishes a collection stuffed with secret-shaped strings gets one finding,
 * and cannot flood Kafka, policy or the security team.
 */
export function eventExposures<T extends { found: FoundSecret; location: ExposureLocation }>(occurrences: T[], init: EventExposuresInit): OutgoingMessage[] {
  const max = init.maxPerEvent ?? DEFAULT_MAX_EXPOSURES_PER_EVENT;
  const distinct = distinctOccurrences(occurrences);
  const messageOf = (o: T) => exposureMessage(o.found, o.location, init);
  if (distinct.length <= max) return distinct.map(messageOf);
  const ranked = distinct
    .map((o, i) => ({ o, i }))
    .sort((a, b) => CONFIDENCE_RANK[a.o.found.confidence] - CONFIDENCE_RANK[b.o.found.confidence] || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map(({ o }) => o);
  const byRule: Record<string, number> = {};
  for (const o of distinct) byRule[o.found.ruleId] = (byRule[o.found.ruleId] ?? 0) + 1;
  const place = init.summaryLocation;
  const summary: FoundSecret = {
    ruleId: TOO_MANY_SECRETS_RULE,
    tokenHash: stableId(
      TOO_MANY_SECRETS_RULE,
      place.source,
      place.kind,
      place.repository,
      place.resourceType,
      place.resourceId,
      place.repository ? undefined : place.url,
    ),
    redacted: `${distinct.length} secrets in one ${place.resourceType ?? (place.repository ? 'push' : place.kind)}`,
    confidence: 'low',
  };
  return [...ranked.map(messageOf), exposureMessage(summary, place, { ...init, overflow: { total: distinct.length, reported: ranked.length, byRule } })];
}

type SourceEventBody<P extends Provider> = Omit<SourceEventOf<P>['payload'], 'receivedAt'>;

/**
 * The source event a receiver publishes on its provider's topic, checked against that topic's
 * schema before it leaves: no raw secret ever goes in `data`.
 */
export function sourceEventMessage<P extends Provider>(body: SourceEventBody<P>, init: { service: string; receivedAt?: Date }): OutgoingMessage {
  const receivedAt = (init.receivedAt ?? new Date()).toISOString();
  const id = stableId('source-event', body.provider, body.deliveryId);
  const value = SourceEvents[body.provider as Provider].parse(
    createEnvelope('source.event.received', { ...body, receivedAt }, { source: init.service, id, correlationId: body.deliveryId, occurredAt: receivedAt }),
  );
  return { key: `${body.provider}:${body.resourceId}`, value };
}
