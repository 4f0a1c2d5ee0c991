import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '@keyguard/bus';
import { createEnvelope, type ExposureAction, ExposureRecorded, type ExposureRecordedPayload } from '@keyguard/events';
import { type ExposureRecord, type FindingOutcome, locationKey } from '@keyguard/keys';
import type { UserDoc } from '@keyguard/store';

export interface MatchedKey {
  _id: string;
  hash: string;
  teamId: string;
  name: string;
  preview: string;
  createdBy: string;
  status: string;
}

export interface RecordedInput {
  /** Outcomes that added at least one location. */
  outcomes: FindingOutcome[];
  records: ExposureRecord[];
  keys: Map<string, MatchedKey>;
  owners: Map<string, Pick<UserDoc, 'name' | 'email'>>;
  actionOf: (key: MatchedKey) => ExposureAction;
  source: string;
  correlation: Map<string, string>;
  /** The team of a finding that is none of our keys (null when there is no such rule). */
  teamOf?: (location: ExposureRecord['location']) => string;
}

/**
 * One `exposure.recorded` per token that gained places in this batch, keyed by tokenHash. Its id
 * is derived from the finding and the places added, so publishing it again is harmless.
 */
export function exposureRecordedMessages(input: RecordedInput): OutgoingMessage[] {
  const firstRecord = new Map<string, ExposureRecord>();
  for (const r of input.records) if (!firstRecord.has(r.tokenHash)) firstRecord.set(r.tokenHash, r);
  return input.outcomes.map((outcome) => {
    const record = firstRecord.get(outcome.tokenHash)!;
    const key = input.keys.get(outcome.tokenHash);
    const owner = key ? input.owners.get(key.createdBy) : undefined;
    const payload: ExposureRecordedPayload = {
      findingId: outcome.findingId,
      tokenHash: outcome.tokenHash,
      ruleId: record.ruleId,
      redacted: record.redacted,
      confidence: record.confidence,
      teamId: key?.teamId ?? input.teamOf?.(record.location) ?? null,
      key: key ? { id: key._id, name: key.name, preview: key.preview, owner: { id: key.createdBy, name: owner?.name ?? '', email: owner?.email ?? '' } } : null,
      action: key ? input.actionOf(key) : 'recorded',
      findingCreated: outcome.created,
      reopened: outcome.reopened,
      locations: outcome.added.map(({ publishedAt, ...l }) => ({
        ...l,
        detectedAt: l.detectedAt.toISOString(),
        ...(publishedAt ? { publishedAt: publishedAt.toISOString() } : {}),
      })),
    };
    const placeIds = outcome.added.map(locationKey).sort().join('\u0002');
    const id = `exposure.recorded:${createHash('sha256').update(`${outcome.findingId}\u0001${placeIds}`).digest('hex').slice(0, 32)}`;
    const value = ExposureRecorded.parse(
      createEnvelope('exposure.recorded', payload, { source: input.source, id, correlationId: input.correlation.get(outcome.tokenHash) }),
    );
    return { key: outcome.tokenHash, value };
  });
}
