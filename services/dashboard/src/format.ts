/** Pure presentation rules (dates, tooltip text, exposure flags): unit-tested without a browser. */
import type { Key, Location, ScanJob, UserRef } from '@keyguard/contract';

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `26 Nov 2026` (UTC, so every admin of a team reads the same day). */
export function formatDate(value: string | Date | null | undefined, fallback = '—'): string {
  const d = toDate(value);
  return d ? dateFmt.format(d) : fallback;
}

export function formatDateTime(value: string | Date | null | undefined, fallback = '—'): string {
  const d = toDate(value);
  return d ? dateTimeFmt.format(d) : fallback;
}

/** `3 min ago`, `2 days ago`, `in 5 days`; `Never` when there is no date. */
export function formatRelative(value: string | Date | null | undefined, now: Date = new Date(), never = 'Never'): string {
  const d = toDate(value);
  if (!d) return never;
  const diff = d.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [365 * 86_400_000, 'year'],
    [30 * 86_400_000, 'month'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'min'],
  ];
  for (const [ms, name] of units) {
    if (abs >= ms) {
      const n = Math.floor(abs / ms);
      const label = `${n} ${name}${n === 1 ? '' : 's'}`;
      return diff < 0 ? `${label} ago` : `in ${label}`;
    }
  }
  return 'Just now';
}

export function userLabel(user: Pick<UserRef, 'id' | 'name' | 'email'> | null | undefined): string {
  if (!user) return 'Unknown';
  return user.name || user.email || user.id;
}

/**
 * What hovering a revoked tag says: who or what revoked the key, and when — the three
 * reasons Postman shows (an admin, inactivity past the expiration date, automatic revocation).
 */
export function revocationText(key: Pick<Key, 'status' | 'revokedAt' | 'revocation'>): string {
  const when = formatDate(key.revokedAt, '');
  const on = when ? ` on ${when}` : '';
  const r = key.revocation;
  if (!r) return `Revoked${on}`;
  switch (r.reason) {
    case 'admin': {
      const who = r.actor.type === 'user' && r.actor.name ? ` (${r.actor.name})` : '';
      return `Revoked by an admin${who}${on}`;
    }
    case 'expired':
      return `Revoked: past its expiration date${on}`;
    case 'exposure_auto':
      return `Automatically revoked on exposure${on}`;
    default:
      return `Revoked${on}`;
  }
}

/** True when the key was used after it was found in public: it may be in someone else's hands. */
export function usedAfterExposure(lastUsedAt: string | null | undefined, detectedAt: string | null | undefined): boolean {
  const used = toDate(lastUsedAt);
  const detected = toDate(detectedAt);
  return used !== null && detected !== null && used.getTime() > detected.getTime();
}

const sourceNames: Record<string, string> = { github: 'GitHub', gitlab: 'GitLab', postman: 'Postman' };

export function sourceLabel(source: string): string {
  return sourceNames[source] ?? source;
}

/** `GitHub · acme/api · config/.env:12` or `Postman · public collection`. */
export function locationLabel(loc: Pick<Location, 'source' | 'url' | 'repository' | 'path' | 'line' | 'resourceType'>): string {
  const parts = [sourceLabel(loc.source)];
  if (loc.repository) parts.push(loc.repository);
  if (loc.path) parts.push(loc.line ? `${loc.path}:${loc.line}` : loc.path);
  else if (loc.resourceType) parts.push(`public ${loc.resourceType}`);
  if (parts.length === 1) parts.push(shortUrl(loc.url));
  return parts.join(' · ');
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Only http(s) locations become links (a location is data from the outside world). */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export const resolutionLabels: Record<string, string> = {
  revoked: 'Revoked',
  false_positive: 'False positive',
  wont_fix: "Won't fix",
  ignored: 'Ignored',
};

/** What a scan is, for the list of recent scans. */
export const scanStatusLabels: Record<ScanJob['status'], string> = {
  queued: 'Queued',
  running: 'Scanning',
  done: 'Done',
  partial: 'Stopped early',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const scanReasonLabels: Record<ScanJob['reason'], string> = {
  on_demand: 'Scan now',
  publicized: 'Made public',
  installation: 'App installed',
};

/** `1,204 commits · 3.2 MB · 2 secrets (3 places)`: what a scan has read and found so far. */
export function scanProgress(job: Pick<ScanJob, 'kind' | 'status' | 'progress' | 'counts'>): string {
  const parts: string[] = [];
  if (job.kind === 'history' && (job.progress.commits > 0 || job.status !== 'queued')) {
    parts.push(plural(job.progress.commits, 'commit'));
    if (job.progress.bytes > 0) parts.push(formatBytes(job.progress.bytes));
  }
  if (job.status !== 'queued') {
    const { secrets, exposures } = job.counts;
    parts.push(secrets === 0 ? 'no secrets' : `${plural(secrets, 'secret')}${exposures > secrets ? ` (${plural(exposures, 'place')})` : ''}`);
  }
  return parts.join(' · ');
}

/** `812 B`, `4.2 KB`, `3.2 MB`, `1.5 GB` (decimal units, as git and GitHub report sizes). */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  const [value, unit] = n < 1e6 ? [n / 1e3, 'KB'] : n < 1e9 ? [n / 1e6, 'MB'] : [n / 1e9, 'GB'];
  return `${value.toFixed(1)} ${unit}`;
}

/** A scan is still going (the list refreshes quickly until none is). */
export const scanActive = (job: Pick<ScanJob, 'status'>) => job.status === 'queued' || job.status === 'running';
