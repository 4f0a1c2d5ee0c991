import { INSIGHT_SOURCES, type InsightSource, type InsightsRead, LATENCY_BOUNDS_S } from '@keyguard/store';

/**
 * The answer of GET /api/v1/insights (its schema is `Insights` in @keyguard/contract), summed from
 * a team's rollups: shared by keys-api and the notifier's weekly digest, so both say the same.
 */
export interface Latency {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}
type PerSource<T> = Record<InsightSource, T>;
export interface InsightsSummary {
  from: string;
  to: string;
  exposures: { total: number; bySource: PerSource<number>; byDay: Array<{ day: string } & PerSource<number>> };
  detectionToRevocation: { overall: Latency; bySource: PerSource<Latency> };
  appearanceToRevocation: { overall: Latency; bySource: PerSource<Latency> };
  usedAfterExposure: number;
  outcomes: { autoRevoked: number; manuallyRevoked: number; ignored: number };
  openByAge: { under1d: number; d1to7: number; d7to30: number; over30d: number };
  latencyBucketsSeconds: number[];
}

const DAY_MS = 86_400_000;

export const dayString = (at: Date) => at.toISOString().slice(0, 10);

/** The percentile as the upper bound of its bucket (the last, open-ended bucket: null-free, its lower bound ×2). */
export function percentile(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const [i, n] of histogram.entries()) {
    seen += n;
    if (seen >= rank) return LATENCY_BOUNDS_S[i] ?? LATENCY_BOUNDS_S.at(-1)! * 2;
  }
  return null;
}

export function latencyOf(histogram: readonly number[]): Latency {
  return { count: histogram.reduce((a, b) => a + b, 0), p50: percentile(histogram, 0.5), p90: percentile(histogram, 0.9), p99: percentile(histogram, 0.99) };
}

const perSource = <T>(make: () => T) => Object.fromEntries(INSIGHT_SOURCES.map((s) => [s, make()])) as Record<InsightSource, T>;
const emptyHistogram = () => Array.from({ length: LATENCY_BOUNDS_S.length + 1 }, () => 0);

/** Sums the rollups of one team into the answer of GET /insights. */
export function summarize(read: InsightsRead, from: string, to: string, now = new Date()): InsightsSummary {
  const bySource = perSource(() => 0);
  const histograms = perSource(emptyHistogram);
  const overall = emptyHistogram();
  const appearance = perSource(emptyHistogram);
  const appearanceOverall = emptyHistogram();
  const byDay = new Map<string, Record<InsightSource, number>>();
  const outcomes = { autoRevoked: 0, manuallyRevoked: 0, ignored: 0 };
  let usedAfterExposure = 0;
  for (const d of read.days) {
    bySource[d.source] += d.exposures;
    const day = byDay.get(d.day) ?? perSource(() => 0);
    day[d.source] += d.exposures;
    byDay.set(d.day, day);
    outcomes.autoRevoked += d.autoRevoked;
    outcomes.manuallyRevoked += d.manuallyRevoked;
    outcomes.ignored += d.ignored;
    usedAfterExposure += d.usedAfterExposure;
    d.histogram.forEach((n, i) => {
      histograms[d.source][i]! += n;
      overall[i]! += n;
    });
    d.appearanceHistogram.forEach((n, i) => {
      appearance[d.source][i]! += n;
      appearanceOverall[i]! += n;
    });
  }
  const today = Date.parse(`${dayString(now)}T00:00:00Z`);
  const openByAge = { under1d: 0, d1to7: 0, d7to30: 0, over30d: read.openOlder };
  for (const { day, open } of read.openByDay) {
    const age = (today - Date.parse(`${day}T00:00:00Z`)) / DAY_MS;
    if (age < 1) openByAge.under1d += open;
    else if (age < 7) openByAge.d1to7 += open;
    else openByAge.d7to30 += open;
  }
  return {
    from,
    to,
    exposures: {
      total: Object.values(bySource).reduce((a, b) => a + b, 0),
      bySource,
      byDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, ...counts })),
    },
    detectionToRevocation: {
      overall: latencyOf(overall),
      bySource: Object.fromEntries(INSIGHT_SOURCES.map((s) => [s, latencyOf(histograms[s])])) as Record<InsightSource, Latency>,
    },
    appearanceToRevocation: {
      overall: latencyOf(appearanceOverall),
      bySource: Object.fromEntries(INSIGHT_SOURCES.map((s) => [s, latencyOf(appearance[s])])) as Record<InsightSource, Latency>,
    },
    usedAfterExposure,
    outcomes,
    openByAge,
    latencyBucketsSeconds: [...LATENCY_BOUNDS_S],
  };
}

/** Resolves and checks the requested range: default the last 30 days, at most MAX days. */
export function insightsRange(query: { from?: string; to?: string }, maxDays: number, now = new Date()): { from: string; to: string } | { error: string } {
  const to = query.to ?? dayString(now);
  const from = query.from ?? dayString(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
  const f = Date.parse(`${from}T00:00:00Z`);
  const t = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(f) || dayString(new Date(f)) !== from) return { error: `from: ${from} is not a day` };
  if (Number.isNaN(t) || dayString(new Date(t)) !== to) return { error: `to: ${to} is not a day` };
  if (f > t) return { error: 'from: must not be after to' };
  if ((t - f) / DAY_MS + 1 > maxDays) return { error: `from: the range may span at most ${maxDays} days` };
  return { from, to };
}
