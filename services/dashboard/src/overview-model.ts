/** The Overview's pure rules (ranges, durations, where each chart links to): unit-tested without a browser. */
import type { Insights, InsightSource } from '@keyguard/contract';

export const insightSources: readonly InsightSource[] = ['github', 'gitlab', 'postman', 'partner'];
export const insightSourceLabels: Record<InsightSource, string> = { github: 'GitHub', gitlab: 'GitLab', postman: 'Postman', partner: 'Partner alerts' };

const DAY_MS = 86_400_000;
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));

export interface Range {
  from: string;
  to: string;
}

/** The last `days` days up to today (UTC), what the quick picks choose. */
export function lastDays(days: number, now = new Date()): Range {
  const to = dayOf(now);
  return { from: addDays(to, -(days - 1)), to };
}

const isDay = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The range in the address, else the last 30 days; a reversed range is swapped, not refused. */
export function rangeFrom(params: Record<string, string>, now = new Date()): Range {
  const fallback = lastDays(30, now);
  const from = isDay(params['from']) ? params['from'] : fallback.from;
  const to = isDay(params['to']) ? params['to'] : fallback.to;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** `45 s`, `2 min`, `1.5 h`, `3 d`: a percentile's bucket bound, readable. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  if (seconds < 60) return `${fmt(seconds)} s`;
  if (seconds < 3600) return `${fmt(seconds / 60)} min`;
  if (seconds < 86_400) return `${fmt(seconds / 3600)} h`;
  return `${fmt(seconds / 86_400)} d`;
}

/** The findings list behind a number: `#/findings?…` with its filters (status '' = all). */
export function findingsLink(filters: {
  status?: 'open' | 'resolved' | '';
  source?: InsightSource;
  resolution?: 'revoked' | 'ignored';
  from?: string;
  to?: string;
}): string {
  const q = new URLSearchParams();
  q.set('status', filters.status ?? '');
  for (const k of ['source', 'resolution', 'from', 'to'] as const) {
    const v = filters[k];
    if (v) q.set(k, v);
  }
  return `#/findings?${q}`;
}

/** The first-seen days an open-age bucket covers, relative to today (UTC). */
export function ageRange(bucket: keyof Insights['openByAge'], now = new Date()): { from?: string; to?: string } {
  const today = dayOf(now);
  switch (bucket) {
    case 'under1d':
      return { from: today };
    case 'd1to7':
      return { from: addDays(today, -6), to: addDays(today, -1) };
    case 'd7to30':
      return { from: addDays(today, -29), to: addDays(today, -7) };
    case 'over30d':
      return { to: addDays(today, -30) };
  }
}

export const ageLabels: Record<keyof Insights['openByAge'], string> = {
  under1d: 'Under 1 day',
  d1to7: '1–7 days',
  d7to30: '7–30 days',
  over30d: 'Over 30 days',
};

/** Every day of the range with its exposures per source (days without any read as zero). */
export function exposureDays(insights: Insights): Array<{ day: string } & Record<InsightSource, number>> {
  const byDay = new Map(insights.exposures.byDay.map((d) => [d.day, d]));
  const days: Array<{ day: string } & Record<InsightSource, number>> = [];
  for (let day = insights.from; day <= insights.to; day = addDays(day, 1)) {
    const d = byDay.get(day);
    days.push({ day, github: d?.github ?? 0, gitlab: d?.gitlab ?? 0, postman: d?.postman ?? 0, partner: d?.partner ?? 0 });
  }
  return days;
}
