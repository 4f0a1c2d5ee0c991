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
  onOutcome?: (outcome: { exposures: number; revoked: number; markedExposed: number; timings: Record<string, number> }) => void;
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
    const started = performance.now();
    const timings: Record<string, number> = {};
    const lap = (name: string) => {
      timings[name] = Math.round(performance.now() - started);
    };
    const records = messages.map((m) => toExposureRecord(m.value.payload));
    const hashes = [...new Set(records.map((r) => r.tokenHash))];
    const matched = await keys
      .find({ hash: { $in: hashes } }, { projection: { _id: 1, hash: 1, teamId: 1, status: 1, exposure: 1, revocationPending: 1 } })
      .toArray();
    const teamIds = [...new Set(matched.map((k) => k.teamId))];
    const teamList = teamIds.length > 0 ? await teams.find({ _id: { $in: teamIds } }).toArray() : [];
    const settings = new Map(teamList.map((t) => [t._id, t.settings]));
    lap('read');

    const firstSighting = new Map<string, (typeof records)[number]>();
    const correlation = new Map<string, string>();
    for (const [i, record] of records.entries()) {
      if (!firstSighting.has(record.tokenHash)) {
        firstSighting.set(record.tokenHash, record);
        correlation.set(record.tokenHash, messages[i]!.value.correlationId);
      }
    }
    const exposureOf = (k: { hash: string }) => {
      const record = firstSighting.get(k.hash)!;
      return { findingId: findingIdFor(k.hash), detectedAt: record.location.detectedAt, locations: [record.location] };
    };

    // 1. Refuse first: the keys this batch revokes stop working before anything else is written.
    const toRevoke = matched.filter((k) => decideKeyAction(k, settings.get(k.teamId)) === 'revoke');
    const begun = await Promise.all(
      toRevoke.map((k) => revoker.begin(k._id, { reason: 'exposure_auto', actor: policyActor }, k.exposure ? {} : { exposure: exposureOf(k) })),
    );
    lap('refused');

    // 2. The findings (every token, ours or not).
    const matches = new Map<string, TokenMatch>(matched.map((k) => [k.hash, { keyId: k._id, teamId: k.teamId, revoked: k.status === 'revoked' }]));
    await findings.recordExposures(records, matches);
    lap('findings');

    // 3. Keys the team leaves alive are marked exposed (once).
    const toMark = matched.filter((k) => k.exposure === null && decideKeyAction(k, settings.get(k.teamId)) === 'mark_exposed');
    if (toMark.length > 0) {
      await keys.bulkWrite(
        toMark.map((k) => ({ updateOne: { filter: { _id: k._id, exposure: null }, update: { $set: { exposure: exposureOf(k) } } } })),
        { ordered: false },
      );
    }

    // 4. Finish the revocations (audit, finding resolved, key.revoked), including any an
    //    earlier, interrupted delivery left pending.
    const lostRace = new Set(toRevoke.filter((_, i) => !begun[i]).map((k) => k._id));
    await Promise.all([
      ...begun.flatMap((key) => (key ? [revoker.finish(key, correlation.get(key.hash))] : [])),
      ...matched
        .filter((k) => k.revocationPending || lostRace.has(k._id))
        .map((k) => revoker.finishPending(k._id, correlation.get(k.hash))),
    ]);
    const revokedCount = begun.filter(Boolean).length;
    lap('keys');
    onOutcome?.({
      timings,
      exposures: records.length,
      revoked: revokedCount,
      markedExposed: toMark.length,
    });
  }
}
