import type { ConsumedMessage, Publisher } from '@keyguard/bus';
import type { ExposureDetected } from '@keyguard/events';
import {
  type ExposureRecord,
  type FindingRecorder,
  findingIdFor,
  type KeyStatePublisher,
  type Revoker,
  retryingStoreBusy,
  type TokenMatch,
} from '@keyguard/keys';
import type { Logger } from '@keyguard/logger';
import { type ActorRef, type ApiKeyDoc, createKeyRepository, createTeamRepository, createUserRepository, isStatePending, type Store } from '@keyguard/store';
import { decideKeyAction, toExposureRecord } from '../domain/decide.js';
import { exposureRecordedMessages } from '../domain/recorded.js';
import { createWriteLanes } from './write-lanes.js';

export const policyActor: ActorRef = { type: 'system', id: 'policy', name: 'Keyguard policy' };

export interface ExposureHandlerDeps {
  store: Store;
  findings: FindingRecorder;
  revoker: Revoker;
  keyState: KeyStatePublisher;
  logger: Logger;
  /** Where `exposure.recorded` goes (keyguard.findings.v1), for the notifier. */
  publisher: Publisher;
  findingsTopic: string;
  source: string;
  /** The team a finding that is none of our keys belongs to (the finding repository's rule). */
  teamOf?: (location: ExposureRecord['location']) => string;
  onOutcome?: (outcome: { exposures: number; revoked: number; markedExposed: number; timings: Record<string, number> }) => void;
}

/**
 * Handles a batch of exposures: one read of the keys and teams they name, one bulk upsert of
 * the findings, then per matching key the team's policy. Redelivery is harmless: finding
 * writes skip known locations, marking is conditional, and the revoker has a single winner.
 */
export function createExposureHandler({
  store,
  findings,
  revoker,
  keyState,
  logger,
  publisher,
  findingsTopic,
  source,
  teamOf,
  onOutcome,
}: ExposureHandlerDeps) {
  const keys = createKeyRepository(store);
  const teams = createTeamRepository(store);
  const users = createUserRepository(store);
  /** Revocations being finished, by key: one finisher per key in this process. */
  const finishing = new Map<string, Promise<unknown>>();
  /** One writer at a time, or side by side: the store says which (see write-lanes.ts). */
  const lanes = createWriteLanes({ concurrentWriters: store.capabilities.concurrentWriters });

  function finishLater(keyId: string, work: () => Promise<unknown>): void {
    if (finishing.has(keyId)) return;
    const task = retryFinish(() => lanes.run('finish', work))
      .catch((err: unknown) => logger.error({ err, keyId }, 'could not finish a revocation; the sweeper will'))
      .finally(() => finishing.delete(keyId));
    finishing.set(keyId, task);
  }

  async function retryFinish(work: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  const handler = (messages: ConsumedMessage<ExposureDetected>[]): Promise<void> => lanes.run('batch', () => retryingStoreBusy(() => handle(messages)));
  /** Resolves once the revocations started so far are finished (for a graceful stop, and tests). */
  const drain = async () => {
    while (finishing.size > 0) await Promise.allSettled([...finishing.values()]);
  };
  return { handle: handler, drain };

  async function handle(messages: ConsumedMessage<ExposureDetected>[]): Promise<void> {
    if (messages.length === 0) return;
    const started = performance.now();
    const timings: Record<string, number> = {};
    const lap = (name: string) => {
      timings[name] = Math.round(performance.now() - started);
    };
    const records = messages.map((m) => toExposureRecord(m.value.payload));
    const hashes = [...new Set(records.map((r) => r.tokenHash))];
    const matched = await keys.matchHashes(hashes);
    const settings = await teams.settingsOf(matched.map((k) => k.teamId));
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
    const revocation = { reason: 'exposure_auto', actor: policyActor } as const;
    const begun: (ApiKeyDoc | null)[] = [];
    if (lanes.parallel) {
      //  Side by side when the store takes concurrent writers, each key's exposure riding on its revoking write…
      begun.push(...(await Promise.all(toRevoke.map((k) => revoker.begin(k._id, revocation, k.exposure ? {} : { exposure: exposureOf(k) })))));
    } else if (toRevoke.length > 0) {
      //  …else (one lock) in two writes for the whole batch: the exposures, then one revoking write.
      await keys.markExposed(toRevoke.filter((k) => k.exposure === null).map((k) => ({ id: k._id, exposure: exposureOf(k) })));
      const won = await revoker.beginMany(
        toRevoke.map((k) => k._id),
        revocation,
      );
      const revoked = new Map(won.map((k) => [k._id, k]));
      begun.push(...toRevoke.map((k) => revoked.get(k._id) ?? null));
    }
    //    …and every verifier refuses them as soon as their new state is on the key-state topic.
    await keyState.publish(begun.filter((k): k is ApiKeyDoc => k !== null));
    const lostRace = new Set(toRevoke.filter((_, i) => !begun[i]).map((k) => k._id));
    lap('refused');

    // 2. The findings (every token, ours or not).
    const matches = new Map<string, TokenMatch>(matched.map((k) => [k.hash, { keyId: k._id, teamId: k.teamId, revoked: k.status === 'revoked' }]));
    const revokedNow = new Map(begun.flatMap((key) => (key ? [[key.hash, policyActor] as const] : [])));
    const outcomes = await findings.recordExposures(records, matches, revokedNow);
    const createdResolved = new Map(outcomes.filter((o) => o.created && revokedNow.has(o.tokenHash)).map((o) => [o.tokenHash, o.added]));
    lap('findings');

    // 3. Tell the notifier what was recorded (only what this batch added: a redelivery adds
    //    nothing), before the keys are marked: alerts do not wait for those writes, and what they
    //    say (revoked, marked exposed) is decided above, not by the marking.
    const recorded = outcomes.filter((o) => o.added.length > 0);
    if (recorded.length > 0) {
      const ownerIds = [...new Set(matched.filter((k) => recorded.some((o) => o.tokenHash === k.hash)).map((k) => k.createdBy))];
      const owners = await users.byIds(ownerIds);
      const revokedHere = new Set(begun.flatMap((k) => (k ? [k.hash] : [])));
      await publisher.publish(
        findingsTopic,
        exposureRecordedMessages({
          outcomes: recorded,
          records,
          keys: new Map(matched.map((k) => [k.hash, k])),
          owners,
          actionOf: (k) => (revokedHere.has(k.hash) ? 'revoked' : k.status === 'revoked' || lostRace.has(k._id) ? 'already_revoked' : 'marked_exposed'),
          source,
          correlation,
          teamOf,
        }),
      );
    }
    lap('published');

    // 4. Keys the team leaves alive are marked exposed (once).
    const toMark = matched.filter((k) => k.exposure === null && decideKeyAction(k, settings.get(k.teamId)) === 'mark_exposed');
    if (toMark.length > 0) {
      await keys.markExposed(toMark.map((k) => ({ id: k._id, exposure: exposureOf(k) })));
      await keyState.publishIds(toMark.map((k) => k._id));
    }

    // 5. Finish the revocations (audit, finding resolved, key.revoked), including any an
    //    earlier, interrupted delivery left pending.
    //    They run after the batch is committed, so a slow store delays only the email, never
    //    the next exposures; a crash leaves `revocationPending` for the sweeper to finish.
    for (const key of begun) {
      if (!key) continue;
      const locations = createdResolved.get(key.hash);
      finishLater(key._id, () => revoker.finish(key, correlation.get(key.hash), locations ? { findingResolved: true, locations } : {}));
    }
    for (const k of matched.filter((k) => k.revocationPending || isStatePending(k) || lostRace.has(k._id))) {
      finishLater(k._id, () => revoker.finishPending(k._id, correlation.get(k.hash)));
    }
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
