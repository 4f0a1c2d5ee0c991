import type { ConsumedMessage } from '@keyguard/bus';
import type { ExposureDetected } from '@keyguard/events';
import { type FindingRepository, findingIdFor, keyRecords, type Revoker, retryingStoreBusy, type TokenMatch } from '@keyguard/keys';
import type { ActorRef, Store } from '@keyguard/store';
import { decideKeyAction, toExposureRecord } from '../domain/decide.js';

export const policyActor: ActorRef = { type: 'system', id: 'policy', name: 'Keyguard policy' };

export interface ExposureHandlerDeps {
  store: Store;
  findings: FindingRepository;
  revoker: Revoker;
  onOutcome?: (outcome: { exposures: number; revoked: number; markedExposed: number }) => void;
}

/**
 * Handles a batch of exposures: one read of the keys and teams they name, one bulk upsert of
 * the findings, then per matching key the team's policy. Redelivery is harmless: finding
 * writes skip known locations, marking is conditional, and the revoker has a single winner.
 */
export function createExposureHandler({ store, findings, revoker, onOutcome }: ExposureHandlerDeps) {
  const keys = keyRecords(store);
  const { teams } = store.collections;

  return (messages: ConsumedMessage<ExposureDetected>[]): Promise<void> => retryingStoreBusy(() => handle(messages));

  async function handle(messages: ConsumedMessage<ExposureDetected>[]): Promise<void> {
    if (messages.length === 0) return;
    const records = messages.map((m) => toExposureRecord(m.value.payload));
    const hashes = [...new Set(records.map((r) => r.tokenHash))];
    const matched = await keys
      .find({ hash: { $in: hashes } }, { projection: { _id: 1, hash: 1, teamId: 1, status: 1, exposure: 1 } })
      .toArray();
    const teamIds = [...new Set(matched.map((k) => k.teamId))];
    const teamList = teamIds.length > 0 ? await teams.find({ _id: { $in: teamIds } }).toArray() : [];
    const settings = new Map(teamList.map((t) => [t._id, t.settings]));

    const matches = new Map<string, TokenMatch>(matched.map((k) => [k.hash, { keyId: k._id, teamId: k.teamId, revoked: k.status === 'revoked' }]));
    await findings.recordExposures(records, matches);

    const firstSighting = new Map<string, (typeof records)[number]>();
    const correlation = new Map<string, string>();
    for (const [i, record] of records.entries()) {
      if (!firstSighting.has(record.tokenHash)) {
        firstSighting.set(record.tokenHash, record);
        correlation.set(record.tokenHash, messages[i]!.value.correlationId);
      }
    }

    const toMark = matched.filter((k) => k.exposure === null && decideKeyAction(k, settings.get(k.teamId)) !== 'none');
    if (toMark.length > 0) {
      await keys.bulkWrite(
        toMark.map((k) => {
          const record = firstSighting.get(k.hash)!;
          return {
            updateOne: {
              filter: { _id: k._id, exposure: null },
              update: {
                $set: {
                  exposure: { findingId: findingIdFor(k.hash), detectedAt: record.location.detectedAt, locations: [record.location] },
                },
              },
            },
          };
        }),
        { ordered: false },
      );
    }

    const toRevoke = matched.filter((k) => decideKeyAction(k, settings.get(k.teamId)) === 'revoke');
    const results = await Promise.all(
      toRevoke.map((k) =>
        revoker.revoke(k._id, { reason: 'exposure_auto', actor: policyActor, correlationId: correlation.get(k.hash) }),
      ),
    );
    onOutcome?.({
      exposures: records.length,
      revoked: results.filter((r) => r.revoked).length,
      markedExposed: toMark.length - toRevoke.length,
    });
  }
}
