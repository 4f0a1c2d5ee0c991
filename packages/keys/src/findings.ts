import {
  type ActorRef,
  createFindingRepository,
  createInsightsRepository,
  type FindingDoc,
  type FindingHistoryEntry,
  type InsightChange,
  insightSourceOf,
  rollupFindingOf,
  type LocationDoc,
  type RollupFinding,
  type Store,
} from '@keyguard/store';
import { MAX_FINDING_HISTORY, MAX_FINDING_LOCATION_KEYS, MAX_FINDING_LOCATIONS } from './limits.js';
import { locationKey } from './location.js';

export interface ExposureRecord {
  tokenHash: string;
  ruleId: string;
  redacted: string;
  confidence: FindingDoc['confidence'];
  location: LocationDoc;
  /** Only on a `too-many-secrets` exposure: the counts of the event over the cap. */
  overflow?: FindingDoc['overflow'];
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
  /** What the insights rollups need of an existing finding this call changed. */
  rollup?: RollupFinding;
}

const INSERT_CHUNK = 250;

const policyActor: ActorRef = { type: 'system', id: 'policy', name: 'Keyguard policy' };

/** Deterministic, so concurrent first sightings of one token agree on the finding's id. */
export const findingIdFor = (tokenHash: string) => `fnd_${tokenHash.slice(0, 32)}`;

/**
 * Finding upserts for the policy consumer, one finding per tokenHash (its `_id` is derived
 * from the hash, so every writer agrees on it):
 * - a new token inserts the finding (`detected`); a new place adds the location
 *   (`location_added`), never the same place twice, and keeps firstSeen / lastSeen;
 * - a resolved finding exposed again somewhere new is reopened (`reopened`, a regression),
 *   unless the token is one of our keys that is already revoked: a dead key cannot regress.
 * Written for the store we run on: most exposures are of tokens never seen before, so a batch
 * is first one unordered insertMany (FerretDB inserts in bulk fast, but scans on filtered
 * updates); only the tokens that already have a finding are read by `_id` and updated, with
 * filters that make a redelivered batch change nothing.
 */
export interface FindingRecorderOptions {
  /**
   * The team a secret that is none of our keys belongs to, from the place it was first found
   * (the policy's FINDINGS_TEAMS routes); without it such a finding has no team.
   */
  teamOf?: (location: LocationDoc) => string;
}

export function createFindingRecorder(store: Store, options: FindingRecorderOptions = {}) {
  const findings = createFindingRepository(store);
  const insights = createInsightsRepository(store);

  /**
   * `revokedNow`: tokens whose key this very batch revoked — a new finding for them is written
   * already resolved (`revoked`), so the revocation needs no update of it afterwards.
   */
  async function recordExposures(
    exposures: ExposureRecord[],
    matches: Map<string, TokenMatch>,
    revokedNow: ReadonlyMap<string, ActorRef> = new Map(),
  ): Promise<FindingOutcome[]> {
    if (exposures.length === 0) return [];
    // Per token: its distinct locations in this batch, in order.
    const plans = new Map<string, Plan>();
    for (const exposure of exposures) {
      let plan = plans.get(exposure.tokenHash);
      if (!plan) {
        plan = { first: exposure, locations: [], keys: [] };
        plans.set(exposure.tokenHash, plan);
      }
      if (exposure.overflow) plan.overflow = exposure.overflow;
      const lk = locationKey(exposure.location);
      if (plan.keys.includes(lk)) continue;
      plan.locations.push(exposure.location);
      plan.keys.push(lk);
    }

    const planned = [...plans.values()];
    const existing = new Set<number>();
    // Chunks keep each write short: on SQLite every write holds the database's one lock, and
    // a revoking update waiting behind a huge insert would be refused late.
    for (let offset = 0; offset < planned.length; offset += INSERT_CHUNK) {
      const chunk = planned.slice(offset, offset + INSERT_CHUNK);
      const known = await findings.insertNew(
        chunk.map((plan) => newFinding(plan, matches.get(plan.first.tokenHash), revokedNow.get(plan.first.tokenHash), options.teamOf)),
      );
      for (const index of known) existing.add(offset + index);
    }

    const outcomes: FindingOutcome[] = [];
    const changes: InsightChange[] = [];
    for (const [index, plan] of planned.entries()) {
      const tokenHash = plan.first.tokenHash;
      const findingId = findingIdFor(tokenHash);
      if (!existing.has(index)) {
        outcomes.push({ tokenHash, findingId, created: true, added: plan.locations, reopened: false });
        // Only the insert that created the finding counts it: a redelivery hits the unique _id.
        const teamId = matches.get(tokenHash)?.teamId ?? options.teamOf?.(plan.first.location) ?? null;
        const firstSeen = new Date(Math.min(...plan.locations.map((l) => l.detectedAt.getTime())));
        const published = plan.locations.flatMap((l) => (l.publishedAt ? [l.publishedAt.getTime()] : []));
        changes.push({
          kind: 'exposed',
          finding: {
            teamId,
            firstSeen,
            source: insightSourceOf(plan.first.location),
            ...(published.length > 0 ? { publishedAt: new Date(Math.min(...published)) } : {}),
          },
          ...(revokedNow.has(tokenHash) ? { resolvedAt: new Date(), autoRevoked: true } : {}),
        });
        continue;
      }
      const outcome = await addLocations(findingId, plan, matches.get(tokenHash));
      if (outcome.reopened && outcome.rollup) changes.push({ kind: 'reopened', finding: outcome.rollup });
      outcomes.push(outcome);
      // A place flooded again: its summary shows the latest counts.
      if (plan.overflow) await findings.setOverflow(findingId, plan.overflow, plan.first.location.detectedAt);
    }
    await insights.record(changes);
    return outcomes;
  }

  /** The token already has a finding: add what is new to it, reopening a resolved one. */
  async function addLocations(findingId: string, plan: Plan, match: TokenMatch | undefined): Promise<FindingOutcome> {
    const tokenHash = plan.first.tokenHash;
    const current = await findings.tracking(findingId);
    const known = new Set(current?.locationKeys ?? []);
    const fresh = plan.locations.filter((_, i) => !known.has(plan.keys[i]!));
    const freshKeys = plan.keys.filter((k) => !known.has(k));
    if (fresh.length === 0) return { tokenHash, findingId, created: false, added: [], reopened: false };
    const reopen = current?.status === 'resolved' && !match?.revoked;
    const times = fresh.map((l) => l.detectedAt.getTime());
    const history: FindingHistoryEntry[] = fresh.map(addedEntry);
    if (reopen) history.push({ at: fresh.at(-1)!.detectedAt, action: 'reopened', actor: policyActor, status: 'open', note: 'exposed again at a new location' });
    const applied = await findings.addLocations(findingId, {
      locations: fresh,
      locationKeys: freshKeys,
      history,
      lastSeen: new Date(Math.max(...times)),
      firstSeen: new Date(Math.min(...times)),
      reopen,
    });
    if (applied) {
      // The caps (limits.ts): only a finding past one pays for the trimming writes.
      if (Math.min(known.size, MAX_FINDING_LOCATIONS) + fresh.length > MAX_FINDING_LOCATIONS)
        await findings.trim(findingId, 'locations', MAX_FINDING_LOCATIONS);
      if (known.size + freshKeys.length > MAX_FINDING_LOCATION_KEYS) await findings.trim(findingId, 'locationKeys', MAX_FINDING_LOCATION_KEYS);
      if ((current?.history?.length ?? 0) + history.length > MAX_FINDING_HISTORY) await findings.trim(findingId, 'history', MAX_FINDING_HISTORY);
    }
    const rollup: RollupFinding | undefined = current
      ? rollupFindingOf({
          teamId: current.teamId,
          firstSeen: current.firstSeen,
          locations: current.locations?.length ? current.locations : [plan.first.location],
        })
      : undefined;
    return { tokenHash, findingId, created: false, added: applied ? fresh : [], reopened: applied && reopen, ...(rollup ? { rollup } : {}) };
  }

  return { recordExposures };
}

interface Plan {
  first: ExposureRecord;
  locations: LocationDoc[];
  keys: string[];
  overflow?: FindingDoc['overflow'];
}

function newFinding(plan: Plan, match: TokenMatch | undefined, revokedBy: ActorRef | undefined, teamOf: FindingRecorderOptions['teamOf']): FindingDoc {
  const times = plan.locations.map((l) => l.detectedAt.getTime());
  const history: FindingHistoryEntry[] = plan.locations.map((location, i) =>
    i === 0 ? { at: location.detectedAt, action: 'detected' as const, actor: policyActor, note: `${location.source} ${location.kind}` } : addedEntry(location),
  );
  if (revokedBy) {
    history.push({ at: new Date(), action: 'resolved', actor: revokedBy, status: 'resolved', resolution: 'revoked', note: 'key revoked (exposure_auto)' });
  }
  return {
    _id: findingIdFor(plan.first.tokenHash),
    tokenHash: plan.first.tokenHash,
    ruleId: plan.first.ruleId,
    redacted: plan.first.redacted,
    confidence: plan.first.confidence,
    // One of our keys: its team; anything else: the team of the place it was first found in.
    teamId: match?.teamId ?? teamOf?.(plan.first.location) ?? null,
    keyId: match?.keyId ?? null,
    status: revokedBy ? 'resolved' : 'open',
    resolution: revokedBy ? 'revoked' : null,
    locations: plan.locations.slice(-MAX_FINDING_LOCATIONS),
    locationCount: plan.locations.length,
    locationKeys: plan.keys.slice(-MAX_FINDING_LOCATION_KEYS),
    firstSeen: new Date(Math.min(...times)),
    lastSeen: new Date(Math.max(...times)),
    history: history.slice(-MAX_FINDING_HISTORY),
    ...(plan.overflow ? { overflow: plan.overflow } : {}),
  };
}

function addedEntry(location: LocationDoc) {
  return { at: location.detectedAt, action: 'location_added' as const, actor: policyActor, note: `${location.source} ${location.kind}` };
}

export type FindingRecorder = ReturnType<typeof createFindingRecorder>;
