import type { AnyBulkWriteOperation } from 'mongodb';
import type { FindingDoc, LocationDoc } from '../documents.js';
import { bulkWriteInChunks } from '../bulk.js';
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

/** One source's counters within a day. */
export interface SourceDayCounters {
  exposures?: number;
  autoRevoked?: number;
  manuallyRevoked?: number;
  ignored?: number;
  usedAfterExposure?: number;
  /** Detection → revocation, counts per bucket (`d0`… by bucket index). */
  latency?: Record<string, number>;
  /** First public appearance (the location's publishedAt, else its detection) → revocation, the same buckets. */
  appearance?: Record<string, number>;
}

export interface InsightsDailyDoc {
  _id: string;
  teamId: string;
  /** `YYYY-MM-DD` (UTC) of the findings' firstSeen. */
  day: string;
  /** Findings first seen this day that are open now (inc on create/reopen, dec on resolve). */
  open?: number;
  github?: SourceDayCounters;
  gitlab?: SourceDayCounters;
  postman?: SourceDayCounters;
  partner?: SourceDayCounters;
}

/** Open findings of a team, whatever their day: "older than 30 days" is this minus the last 30 days. */
export interface InsightsOpenDoc {
  _id: string;
  open: number;
}

export type InsightChange =
  | { kind: 'exposed'; finding: RollupFinding; resolvedAt?: Date; autoRevoked?: boolean }
  | { kind: 'revoked'; finding: RollupFinding; revokedAt: Date; auto: boolean; usedAfterExposure: boolean }
  | { kind: 'ignored'; finding: RollupFinding }
  | { kind: 'reopened'; finding: RollupFinding };

/** What a rollup needs of a finding (`publishedAt`: its first location's, when the source told). */
export type RollupFinding = Pick<FindingDoc, 'teamId' | 'firstSeen'> & { source: InsightSource; publishedAt?: Date };

/** The rollup view of a stored finding: its first location gives the source and the first public appearance. */
export function rollupFindingOf(finding: Pick<FindingDoc, 'teamId' | 'firstSeen'> & { locations?: LocationDoc[] }): RollupFinding {
  const first = finding.locations?.[0];
  return {
    teamId: finding.teamId,
    firstSeen: finding.firstSeen,
    source: insightSourceOf(first),
    ...(first?.publishedAt ? { publishedAt: first.publishedAt } : {}),
  };
}

export const NO_TEAM = '-';

/** A partner alert (a provider told us) counts as its own source, whatever platform it came from. */
export const insightSourceOf = (location: Pick<LocationDoc, 'source' | 'kind'> | undefined): InsightSource =>
  location?.kind === 'partner_alert' ? 'partner' : (location?.source ?? 'github');
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export function bucketOf(seconds: number): number {
  const i = LATENCY_BOUNDS_S.findIndex((bound) => seconds <= bound);
  return i === -1 ? LATENCY_BOUNDS_S.length : i;
}

/** The `$inc` one change makes, and the document it lands on (`open` is also the team's total's delta). */
export function rollupIncrement(change: InsightChange): { _id: string; teamId: string; day: string; inc: Record<string, number> } {
  const teamId = change.finding.teamId ?? NO_TEAM;
  const day = dayOf(change.finding.firstSeen);
  const source = change.finding.source;
  const inc: Record<string, number> = {};
  const count = (field: string) => {
    inc[`${source}.${field}`] = 1;
  };
  const since = (at: Date, start: Date) => bucketOf(Math.max(0, (at.getTime() - start.getTime()) / 1000));
  const latency = (at: Date) => {
    count(`latency.d${since(at, change.finding.firstSeen)}`);
    const published = change.finding.publishedAt;
    count(`appearance.d${since(at, published && published < change.finding.firstSeen ? published : change.finding.firstSeen)}`);
  };
  switch (change.kind) {
    case 'exposed':
      count('exposures');
      if (change.resolvedAt) {
        count(change.autoRevoked === false ? 'manuallyRevoked' : 'autoRevoked');
        latency(change.resolvedAt);
      } else inc.open = 1;
      break;
    case 'revoked':
      count(change.auto ? 'autoRevoked' : 'manuallyRevoked');
      inc.open = -1;
      if (change.usedAfterExposure) count('usedAfterExposure');
      latency(change.revokedAt);
      break;
    case 'ignored':
      count('ignored');
      inc.open = -1;
      break;
    case 'reopened':
      inc.open = 1;
      break;
  }
  return { _id: `${teamId}|${day}`, teamId, day, inc };
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
  /** First public appearance → revocation, the same buckets. */
  appearanceHistogram: number[];
}

export interface InsightsRead {
  /** Per day and source, for days in [from, to]. */
  days: Array<{ day: string; source: InsightSource } & InsightsTotals>;
  /** Open findings now, by the day they were first seen, for the last 30 days. */
  openByDay: Array<{ day: string; open: number }>;
  /** Open findings first seen more than 30 days ago. */
  openOlder: number;
}

/**
 * The last rollup write of each FerretDB store, which the next one waits for. FerretDB applies an
 * `$inc` as read, add, write, with nothing between them (400 concurrent increments of one
 * document from one process: 113 landed on SQLite, 185 on PostgreSQL), and two upserts of a new
 * document both insert, one failing on the unique `_id`. Every batch the policy handles adds to
 * its team's day, and it handles partitions side by side where writers are concurrent; the
 * repository is created in several places of one process, so the turn is kept per store.
 * MongoDB applies each `$inc` atomically: there writes go at once.
 */
const rollupTurns = new WeakMap<Store, Promise<unknown>>();

function inTurn(store: Store, write: () => Promise<void>): Promise<void> {
  if (store.capabilities.server !== 'ferretdb') return write();
  const turn = (rollupTurns.get(store) ?? Promise.resolve()).then(write);
  const next = turn.catch(() => {}); // a failed write fails its caller, not the next one
  rollupTurns.set(store, next);
  return turn;
}

export function createInsightsRepository(store: Store) {
  const rollups = store.db.collection<InsightsDailyDoc>('insightsDaily');
  const openTotals = store.db.collection<InsightsOpenDoc>('insightsOpen');

  /** Writes the increments, after the store's previous rollup write on FerretDB (`inTurn`). */
  function apply(increments: Increment[]): Promise<void> {
    return inTurn(store, () => write(increments));
  }

  /**
   * One update per team and day, the batch's increments summed, written in commands of at most
   * MAX_STATEMENTS (bulkWriteInChunks): a batch of 1,700 exposures was 1,700 update statements on
   * one document, and FerretDB keeps every statement's cursor (on PostgreSQL, a pooled
   * connection) until the command ends — past its pool the whole server stopped answering
   * (`npm run bench:verify`'s end-to-end phase; on SQLite, an unordered bulk of ~100 `$inc`
   * upserts on existing documents never answered in `bench:insights`).
   */
  async function write(increments: Increment[]): Promise<void> {
    const summed = new Map<string, Increment>();
    for (const { _id, teamId, day, inc } of increments) {
      const into = summed.get(_id);
      if (!into) summed.set(_id, { _id, teamId, day, inc: { ...inc } });
      else for (const [field, n] of Object.entries(inc)) into.inc[field] = (into.inc[field] ?? 0) + n;
    }
    const daily: AnyBulkWriteOperation<InsightsDailyDoc>[] = [...summed.values()].map(({ _id, teamId, day, inc }) => ({
      updateOne: { filter: { _id }, update: { $inc: inc, $setOnInsert: { teamId, day } }, upsert: true },
    }));
    const open = new Map<string, number>();
    for (const { teamId, inc } of increments) if (inc.open) open.set(teamId, (open.get(teamId) ?? 0) + inc.open);
    await bulkWriteInChunks(rollups, daily, { ordered: false });
    const totals = [...open].filter(([, n]) => n !== 0);
    if (totals.length > 0)
      await bulkWriteInChunks(
        openTotals,
        totals.map(([_id, n]) => ({ updateOne: { filter: { _id }, update: { $inc: { open: n } }, upsert: true } })),
        { ordered: false },
      );
  }

  return {
    /** Applies changes whose conditional writes succeeded. */
    async record(changes: InsightChange[]): Promise<void> {
      if (changes.length > 0) await apply(changes.map(rollupIncrement));
    },

    async isEmpty(): Promise<boolean> {
      return (await rollups.findOne({}, { projection: { _id: 1 } })) === null;
    },

    /** A database from before the rollups (findings but no rollups): rebuilds them; null when there was nothing to do. */
    async rebuildIfEmpty(): Promise<number | null> {
      if ((await rollups.findOne({}, { projection: { _id: 1 } })) !== null) return null;
      if ((await store.collections.findings.findOne({}, { projection: { _id: 1 } })) === null) return null;
      return this.rebuild();
    },

    async ensureIndexes(): Promise<void> {
      await rollups.createIndex({ teamId: 1, day: 1 }, { name: 'team_day' });
    },

    /**
     * Reads the days in [from, to] and the last 30 days up to `today` (for open findings by
     * age), plus the team's open total: about 30 + the range's days small documents.
     */
    async read(teamId: string, from: string, to: string, today = dayOf(new Date())): Promise<InsightsRead> {
      const recent = dayOf(new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000));
      const [docs, total] = await Promise.all([
        rollups.find({ teamId, day: { $gte: from < recent ? from : recent, $lte: to > today ? to : today } }).toArray(),
        openTotals.findOne({ _id: teamId }),
      ]);
      const days: InsightsRead['days'] = [];
      const openByDay: InsightsRead['openByDay'] = [];
      let recentOpen = 0;
      for (const doc of docs) {
        if (doc.day >= recent && doc.day <= today && doc.open) {
          openByDay.push({ day: doc.day, open: doc.open });
          recentOpen += doc.open;
        }
        if (doc.day < from || doc.day > to) continue;
        for (const source of INSIGHT_SOURCES) {
          const c = doc[source];
          if (!c) continue;
          days.push({
            day: doc.day,
            source,
            exposures: c.exposures ?? 0,
            autoRevoked: c.autoRevoked ?? 0,
            manuallyRevoked: c.manuallyRevoked ?? 0,
            ignored: c.ignored ?? 0,
            usedAfterExposure: c.usedAfterExposure ?? 0,
            histogram: Array.from({ length: LATENCY_BOUNDS_S.length + 1 }, (_, i) => c.latency?.[`d${i}`] ?? 0),
            appearanceHistogram: Array.from({ length: LATENCY_BOUNDS_S.length + 1 }, (_, i) => c.appearance?.[`d${i}`] ?? 0),
          });
        }
      }
      return { days, openByDay, openOlder: Math.max(0, (total?.open ?? 0) - recentOpen) };
    },

    /**
     * Rebuilds every rollup from the findings (for a database that predates them): streams
     * the findings once, sums in memory, replaces the collections' documents.
     */
    async rebuild(): Promise<number> {
      const cursor = store.collections.findings.find(
        {},
        {
          projection: {
            teamId: 1,
            firstSeen: 1,
            status: 1,
            resolution: 1,
            'locations.source': 1,
            'locations.kind': 1,
            'locations.publishedAt': 1,
            'locations.detectedAt': 1,
            history: 1,
          },
        },
      );
      const sums = new Map<string, Increment>();
      let count = 0;
      for await (const finding of cursor) {
        count++;
        addFinding(sums, finding);
      }
      await Promise.all([rollups.deleteMany({}), openTotals.deleteMany({})]);
      await apply([...sums.values()]);
      return count;
    },

    /**
     * Adds findings written without the live paths (a bulk import, the benchmark's seeding) to
     * the rollups, as the rebuild would count them: one `$inc` per (team, day) for the batch.
     */
    async recordFindings(findings: Iterable<RebuildFinding>): Promise<void> {
      const sums = new Map<string, Increment>();
      for (const finding of findings) addFinding(sums, finding);
      await apply([...sums.values()]);
    },
  };
}

type Increment = ReturnType<typeof rollupIncrement>;
type RebuildFinding = Pick<FindingDoc, 'teamId' | 'firstSeen' | 'status' | 'resolution' | 'locations' | 'history'>;

function addFinding(sums: Map<string, Increment>, finding: RebuildFinding): void {
  for (const change of changesOf(finding)) {
    const r = rollupIncrement(change);
    const sum = sums.get(r._id) ?? { ...r, inc: {} };
    for (const [k, v] of Object.entries(r.inc)) sum.inc[k] = (sum.inc[k] ?? 0) + v;
    sums.set(r._id, sum);
  }
}

/** What a finding as stored contributes, as the live code paths would have recorded it. */
export function changesOf(finding: RebuildFinding): InsightChange[] {
  const rollup = rollupFindingOf(finding);
  const changes: InsightChange[] = [{ kind: 'exposed', finding: rollup }];
  if (finding.status !== 'resolved') return changes;
  const resolved = finding.history.findLast((h) => h.action === 'resolved');
  if (finding.resolution === 'revoked') {
    changes.push({
      kind: 'revoked',
      finding: rollup,
      revokedAt: resolved?.at ?? finding.firstSeen,
      auto: resolved?.note?.includes('exposure_auto') ?? false,
      usedAfterExposure: false,
    });
  } else changes.push({ kind: 'ignored', finding: rollup });
  return changes;
}

export type InsightsRepository = ReturnType<typeof createInsightsRepository>;
