import { type AnyBulkWriteOperation, MongoBulkWriteError } from 'mongodb';
import type { ActorRef, FindingDoc, LocationDoc, Store } from '@keyguard/store';
import { locationKey } from './location.js';
import { type FindingRecord, findingRecords } from './records.js';

export interface ExposureRecord {
  tokenHash: string;
  ruleId: string;
  redacted: string;
  confidence: FindingDoc['confidence'];
  location: LocationDoc;
}

/** What is known about the token: one of our keys (and whether it is already dead) or not. */
export interface TokenMatch {
  keyId: string;
  teamId: string;
  revoked: boolean;
}

export interface FindingOutcome {
  tokenHash: string;
  findingId: string;
  created: boolean;
  /** Locations this call added (empty for a redelivery). */
  added: LocationDoc[];
  reopened: boolean;
}

const policyActor: ActorRef = { type: 'system', id: 'policy', name: 'Keyguard policy' };

/** Deterministic, so concurrent first sightings of one token agree on the finding's id. */
export const findingIdFor = (tokenHash: string) => `fnd_${tokenHash.slice(0, 32)}`;

interface Known {
  status: FindingDoc['status'];
  keys: Set<string>;
}

/**
 * Finding upserts for the policy consumer, one finding per tokenHash:
 * - a new token inserts the finding (`detected`); a new place adds the location
 *   (`location_added`), never the same place twice, and keeps firstSeen / lastSeen;
 * - a resolved finding exposed again somewhere new is reopened (`reopened`, a regression),
 *   unless the token is one of our keys that is already revoked: a dead key cannot regress.
 * A whole batch is one unordered bulkWrite (one operation per token), after one read of the
 * findings it touches. The filters keep every write idempotent: a redelivered batch changes nothing.
 */
export function createFindingRepository(store: Store) {
  const findings = findingRecords(store);

  async function recordExposures(exposures: ExposureRecord[], matches: Map<string, TokenMatch>): Promise<FindingOutcome[]> {
    if (exposures.length === 0) return [];
    const hashes = [...new Set(exposures.map((e) => e.tokenHash))];
    const existing = await findings
      .find({ tokenHash: { $in: hashes } }, { projection: { tokenHash: 1, status: 1, locationKeys: 1 } })
      .toArray();
    const known = new Map<string, Known>(existing.map((f) => [f.tokenHash, { status: f.status, keys: new Set(f.locationKeys ?? []) }]));

    // Plan: per token, the locations that are new (against the snapshot and the batch itself).
    const plans = new Map<string, { first: ExposureRecord; created: boolean; added: LocationDoc[]; keys: string[]; reopen: boolean }>();
    for (const exposure of exposures) {
      const lk = locationKey(exposure.location);
      let plan = plans.get(exposure.tokenHash);
      const state = known.get(exposure.tokenHash);
      if (!plan) {
        plan = { first: exposure, created: !state, added: [], keys: [], reopen: false };
        plans.set(exposure.tokenHash, plan);
      }
      if (state?.keys.has(lk) || plan.keys.includes(lk)) continue;
      plan.added.push(exposure.location);
      plan.keys.push(lk);
      if (state?.status === 'resolved' && !matches.get(exposure.tokenHash)?.revoked) plan.reopen = true;
    }

    const operations: AnyBulkWriteOperation<FindingRecord>[] = [];
    const reopenings: AnyBulkWriteOperation<FindingRecord>[] = [];
    const planned = [...plans.values()].filter((p) => p.added.length > 0);
    for (const plan of planned) operations.push(upsertOperation(plan, matches.get(plan.first.tokenHash)));
    for (const plan of planned.filter((p) => p.reopen)) {
      const at = plan.added.at(-1)!.detectedAt;
      reopenings.push({
        updateOne: {
          filter: { tokenHash: plan.first.tokenHash, status: 'resolved' },
          update: {
            $set: { status: 'open', resolution: null },
            $push: { history: { at, action: 'reopened', actor: policyActor, status: 'open', note: 'exposed again at a new location' } },
          },
        },
      });
    }

    if (operations.length > 0) {
      try {
        await findings.bulkWrite(operations, { ordered: false });
      } catch (error) {
        // A duplicate tokenHash means another writer inserted the finding meanwhile: add the
        // locations one by one to what is there (the filters skip any already present).
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
        if (errors.some((e) => e.code !== 11000)) throw error;
        for (const failed of errors) {
          const plan = planned[failed.index];
          if (!plan) continue;
          for (const [i, location] of plan.added.entries()) {
            const lk = plan.keys[i]!;
            await findings.updateOne(
              { tokenHash: plan.first.tokenHash, locationKeys: { $ne: lk } },
              {
                $push: { locations: location, locationKeys: lk, history: addedEntry(location) },
                $max: { lastSeen: location.detectedAt },
                $min: { firstSeen: location.detectedAt },
              },
            );
          }
        }
      }
    }
    if (reopenings.length > 0) await findings.bulkWrite(reopenings, { ordered: false });

    return [...plans.values()].map((p) => ({
      tokenHash: p.first.tokenHash,
      findingId: findingIdFor(p.first.tokenHash),
      created: p.created && p.added.length > 0,
      added: p.added,
      reopened: p.reopen,
    }));
  }

  return { recordExposures };
}

function addedEntry(location: LocationDoc) {
  return { at: location.detectedAt, action: 'location_added' as const, actor: policyActor, note: `${location.source} ${location.kind}` };
}

function upsertOperation(
  { first, added, keys, created }: { first: ExposureRecord; added: LocationDoc[]; keys: string[]; created: boolean },
  match: TokenMatch | undefined,
): AnyBulkWriteOperation<FindingRecord> {
  const history = added.map((location, i) =>
    created && i === 0 ? { at: location.detectedAt, action: 'detected' as const, actor: policyActor, note: `${location.source} ${location.kind}` } : addedEntry(location),
  );
  const times = added.map((l) => l.detectedAt.getTime());
  const firstSeen = new Date(Math.min(...times));
  const lastSeen = new Date(Math.max(...times));
  return {
    updateOne: {
      filter: { tokenHash: first.tokenHash, locationKeys: { $nin: keys } },
      update: {
        $setOnInsert: {
          _id: findingIdFor(first.tokenHash),
          ruleId: first.ruleId,
          redacted: first.redacted,
          confidence: first.confidence,
          teamId: match?.teamId ?? null,
          keyId: match?.keyId ?? null,
          status: 'open',
          resolution: null,
        },
        $push: {
          locations: { $each: added },
          locationKeys: { $each: keys },
          history: { $each: history },
        },
        $max: { lastSeen },
        $min: { firstSeen },
      },
      upsert: true,
    },
  };
}

export type FindingRepository = ReturnType<typeof createFindingRepository>;
