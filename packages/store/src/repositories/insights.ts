import type { AnyBulkWriteOperation } from 'mongodb';
import type { FindingDoc, LocationDoc } from '../documents.js';
import type { Store } from '../store.js';

/**
 * Insights rollups: one `insightsDaily` document per (team, day, source), where day is the
 * UTC day the finding was first seen and source the place it was first seen in. Kept up to
 * date with `$inc` upserts right after the conditional write that changed a finding succeeded
 * (so a redelivery, whose conditional write changes nothing, never counts twice), and summed
 * at read time: a 30-day answer reads ~90 small documents instead of grouping a million findings.
 *
 * Latencies are fixed log-scale histograms (bucket upper bounds in LATENCY_BOUNDS_S); a
 * percentile is reported as the upper bound of the bucket it falls in.
 */
export type InsightSource = LocationDoc['source'] | 'partner';

/** Upper bounds, in seconds, of the latency buckets; the last bucket is everything above. */
export const LATENCY_BOUNDS_S = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21_600, 86_400, 259_200, 604_800, 2_592_000] as const;

export interface InsightsDailyDoc {
  _id: string;
  teamId: string;
  /** `YYYY-MM-DD` (UTC) of the findings' firstSeen. */
  day: string;
  source: InsightSource;
  exposures: number;
  autoRevoked: number;
  manuallyRevoked: number;
  ignored: number;
  usedAfterExposure: number;
  /** Findings first seen this day that are open now (inc on create/reopen, dec on resolve). */
  open: number;
  /** Detection → revocation, counts per bucket (`d0`… keys by bucket index). */
  detectionToRevocation: Record<string, number>;
}

export type InsightChange =
  | { kind: 'exposed'; finding: RollupFinding; resolvedAt?: Date; autoRevoked?: boolean }
  | { kind: 'revoked'; finding: RollupFinding; revokedAt: Date; auto: boolean; usedAfterExposure: boolean }
  | { kind: 'ignored'; finding: RollupFinding }
  | { kind: 'reopened'; finding: RollupFinding };

/** What a rollup needs of a finding. */
export type RollupFinding = Pick<FindingDoc, 'teamId' | 'firstSeen'> & { source: InsightSource };

export const NO_TEAM = '-';

/** A partner alert (a provider told us) counts as its own source, whatever platform it came from. */
export const insightSourceOf = (location: Pick<LocationDoc, 'source' | 'kind'> | undefined): InsightSource =>
  location?.kind === 'partner_alert' ? 'partner' : (location?.source ?? 'github');
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export function bucketOf(seconds: number): number {
  const i = LATENCY_BOUNDS_S.findIndex((bound) => seconds <= bound);
  return i === -1 ? LATENCY_BOUNDS_S.length : i;
}

/** The `$inc` one change makes, and the document it lands on. */
export function rollupIncrement(change: InsightChange): { _id: string; teamId: string; day: string; source: InsightSource; inc: Record<string, number> } {
  const teamId = change.finding.teamId ?? NO_TEAM;
  const day = dayOf(change.finding.firstSeen);
  const source = change.finding.source;
  const inc: Record<string, number> = {};
  const latency = (at: Date) => {
    inc[`detectionToRevocation.d${bucketOf(Math.max(0, (at.getTime() - change.finding.firstSeen.getTime()) / 1000))}`] = 1;
  };
  switch (change.kind) {
    case 'exposed':
      inc.exposures = 1;
      if (change.resolvedAt) {
        inc[change.autoRevoked === false ? 'manuallyRevoked' : 'autoRevoked'] = 1;
        latency(change.resolvedAt);
      } else inc.open = 1;
      break;
    case 'revoked':
      inc[change.auto ? 'autoRevoked' : 'manuallyRevoked'] = 1;
      inc.open = -1;
      if (change.usedAfterExposure) inc.usedAfterExposure = 1;
      latency(change.revokedAt);
      break;
    case 'ignored':
      inc.ignored = 1;
      inc.open = -1;
      break;
    case 'reopened':
      inc.open = 1;
      break;
  }
  return { _id: `${teamId}|${day}|${source}`, teamId, day, source, inc };
}

/** Every findings source the rollups know (partner alerts arrive as their own source). */
export const INSIGHT_SOURCES: readonly InsightSource[] = ['github', 'gitlab', 'postman', 'partner'];

export interface InsightsTotals {
  exposures: number;
  autoRevoked: number;
  manuallyRevoked: number;
  ignored: number;
  usedAfterExposure: number;
  histogram: number[];
}

export interface InsightsRead {
  /** Per day and source, for days in [from, to]. */
  days: Array<{ day: string; source: InsightSource } & InsightsTotals>;
  /** Open findings now, by the day they were first seen (every day, not only the range). */
  openByDay: Array<{ day: string; open: number }>;
}

export function createInsightsRepository(store: Store) {
  const rollups = store.db.collection<InsightsDailyDoc>('insightsDaily');

  function upsertOp(change: InsightChange): AnyBulkWriteOperation<InsightsDailyDoc> {
    const { _id, teamId, day, source, inc } = rollupIncrement(change);
    return { updateOne: { filter: { _id }, update: { $inc: inc, $setOnInsert: { teamId, day, source } }, upsert: true } };
  }

  return {
    /** Applies changes whose conditional writes succeeded. */
    async record(changes: InsightChange[]): Promise<void> {
      if (changes.length === 0) return;
      await rollups.bulkWrite(changes.map(upsertOp), { ordered: false });
    },

    async isEmpty(): Promise<boolean> {
      return (await rollups.findOne({}, { projection: { _id: 1 } })) === null;
    },

    async ensureIndexes(): Promise<void> {
      await rollups.createIndex({ teamId: 1, day: 1 }, { name: 'team_day' });
    },

    async read(teamId: string, from: string, to: string): Promise<InsightsRead> {
      const docs = await rollups.find({ teamId }).toArray();
      const days: InsightsRead['days'] = [];
      const open = new Map<string, number>();
      for (const doc of docs) {
        if (doc.open) open.set(doc.day, (open.get(doc.day) ?? 0) + doc.open);
        if (doc.day < from || doc.day > to) continue;
        const histogram = Array.from({ length: LATENCY_BOUNDS_S.length + 1 }, (_, i) => doc.detectionToRevocation?.[`d${i}`] ?? 0);
        days.push({
          day: doc.day,
          source: doc.source,
          exposures: doc.exposures ?? 0,
          autoRevoked: doc.autoRevoked ?? 0,
          manuallyRevoked: doc.manuallyRevoked ?? 0,
          ignored: doc.ignored ?? 0,
          usedAfterExposure: doc.usedAfterExposure ?? 0,
          histogram,
        });
      }
      return { days, openByDay: [...open].map(([day, n]) => ({ day, open: n })).filter((d) => d.open > 0) };
    },

    /**
     * Rebuilds every rollup from the findings (for a database that predates them): streams
     * the findings once, sums in memory, replaces the collection's documents.
     */
    async rebuild(): Promise<number> {
      const sums = new Map<string, { teamId: string; day: string; source: InsightSource; inc: Record<string, number> }>();
      const cursor = store.collections.findings.find({}, { projection: { teamId: 1, firstSeen: 1, status: 1, resolution: 1, 'locations.source': 1, 'locations.kind': 1, history: 1 } });
      let count = 0;
      for await (const finding of cursor) {
        count++;
        for (const change of changesOf(finding)) {
          const r = rollupIncrement(change);
          const sum = sums.get(r._id) ?? { teamId: r.teamId, day: r.day, source: r.source, inc: {} };
          for (const [k, v] of Object.entries(r.inc)) sum.inc[k] = (sum.inc[k] ?? 0) + v;
          sums.set(r._id, sum);
        }
      }
      await rollups.deleteMany({});
      const docs = [...sums].map(([_id, s]) => toDoc(_id, s));
      for (let i = 0; i < docs.length; i += 1000) await rollups.insertMany(docs.slice(i, i + 1000));
      return count;
    },
  };
}

function toDoc(_id: string, s: { teamId: string; day: string; source: InsightSource; inc: Record<string, number> }): InsightsDailyDoc {
  const histogram: Record<string, number> = {};
  const doc: InsightsDailyDoc = { _id, teamId: s.teamId, day: s.day, source: s.source, exposures: 0, autoRevoked: 0, manuallyRevoked: 0, ignored: 0, usedAfterExposure: 0, open: 0, detectionToRevocation: histogram };
  for (const [k, v] of Object.entries(s.inc)) {
    if (k.startsWith('detectionToRevocation.')) histogram[k.slice('detectionToRevocation.'.length)] = v;
    else (doc as unknown as Record<string, number>)[k] = v;
  }
  return doc;
}

/** What a finding as stored contributes, as the live code paths would have recorded it. */
export function changesOf(finding: Pick<FindingDoc, 'teamId' | 'firstSeen' | 'status' | 'resolution' | 'locations' | 'history'>): InsightChange[] {
  const rollup: RollupFinding = { teamId: finding.teamId, firstSeen: finding.firstSeen, source: insightSourceOf(finding.locations[0]) };
  const changes: InsightChange[] = [{ kind: 'exposed', finding: rollup }];
  if (finding.status !== 'resolved') return changes;
  const resolved = finding.history.findLast((h) => h.action === 'resolved');
  if (finding.resolution === 'revoked') {
    changes.push({ kind: 'revoked', finding: rollup, revokedAt: resolved?.at ?? finding.firstSeen, auto: resolved?.note?.includes('exposure_auto') ?? false, usedAfterExposure: false });
  } else changes.push({ kind: 'ignored', finding: rollup });
  return changes;
}

export type InsightsRepository = ReturnType<typeof createInsightsRepository>;
