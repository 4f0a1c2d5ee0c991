import { createHash } from 'node:crypto';
import { createEnvelope, ExposureDetected, type ExposureLocation, type ExposurePayload, type Provider, SourceEventReceived } from '@keyguard/events';
import type { OutgoingMessage } from '@keyguard/bus';

/** A stable id from the parts that identify one occurrence: re-processing yields the same id. */
export function stableId(...parts: (string | number | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => (p === undefined ? '' : String(p))).join('\u0000')).digest('hex');
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
  init: { source: string; correlationId?: string; detectedAt?: Date; /** The place is public: a sealed token may go to the relay. */ public?: boolean },
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
    location,
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

/** The source event a receiver publishes: no raw secret ever goes in `data`. */
export function sourceEventMessage(
  init: { provider: Provider; kind: string; deliveryId: string; resourceId: string; data: Record<string, unknown>; service: string; receivedAt?: Date },
): OutgoingMessage {
  const receivedAt = (init.receivedAt ?? new Date()).toISOString();
  const id = stableId('source-event', init.provider, init.deliveryId);
  const value = createEnvelope(
    'source.event.received',
    { provider: init.provider, kind: init.kind, deliveryId: init.deliveryId, resourceId: init.resourceId, receivedAt, data: init.data },
    { source: init.service, id, correlationId: init.deliveryId, occurredAt: receivedAt },
  );
  SourceEventReceived.parse(value);
  return { key: `${init.provider}:${init.resourceId}`, value };
}
