import type { InsightsSummary, Latency } from '@keyguard/keys';
import escapeHtml from 'escape-html';
import type { Email } from './digest-email.js';

const SOURCES = { github: 'GitHub', gitlab: 'GitLab', postman: 'Postman', partner: 'Partner alerts' } as const;

/** Seconds as a person reads them: 45 s, 5 min, 2 h, 3 d. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}
const latency = (l: Latency) => (l.count === 0 ? 'no revocations' : `p50 ${duration(l.p50)}, p90 ${duration(l.p90)}, p99 ${duration(l.p99)} (${l.count})`);

/**
 * The weekly insights email: the Overview's numbers for the last 7 days, in brief (counts and
 * percentiles only: no finding, location or secret), with a link to the Overview.
 */
export function weeklyInsightsEmail(to: string, teamName: string, s: InsightsSummary, overviewUrl: string): Email {
  const open = s.openByAge.under1d + s.openByAge.d1to7 + s.openByAge.d7to30 + s.openByAge.over30d;
  const lines: Array<[string, string]> = [
    [
      'Exposures',
      `${s.exposures.total} (${Object.entries(SOURCES)
        .map(([k, name]) => `${name} ${s.exposures.bySource[k as keyof typeof SOURCES]}`)
        .join(', ')})`,
    ],
    ['Detection → revocation', latency(s.detectionToRevocation.overall)],
    ['First public appearance → revocation', latency(s.appearanceToRevocation.overall)],
    ['Auto-revoked / revoked by an admin / ignored', `${s.outcomes.autoRevoked} / ${s.outcomes.manuallyRevoked} / ${s.outcomes.ignored}`],
    ['Keys used after exposure', String(s.usedAfterExposure)],
    [
      'Open findings now',
      `${open} (under 1 day ${s.openByAge.under1d}, 1–7 days ${s.openByAge.d1to7}, 7–30 days ${s.openByAge.d7to30}, older ${s.openByAge.over30d})`,
    ],
  ];
  const subject = `Keyguard weekly insights for ${teamName}: ${s.exposures.total} exposure${s.exposures.total === 1 ? '' : 's'} (${s.from} – ${s.to})`;
  const text = [
    `Keyguard insights for ${teamName}, ${s.from} to ${s.to} (UTC, by the day a finding was first seen):`,
    '',
    ...lines.map(([k, v]) => `${k}: ${v}`),
    '',
    `The charts, and the findings behind every number: ${overviewUrl}`,
    '',
    'You get this email because a Team Admin turned on the weekly insights email in Settings.',
  ].join('\n');
  const html = [
    `<p>Keyguard insights for <strong>${escapeHtml(teamName)}</strong>, ${escapeHtml(s.from)} to ${escapeHtml(s.to)} (UTC, by the day a finding was first seen):</p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...lines.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(overviewUrl)}">Open the Overview</a> for the charts and the findings behind every number.</p>`,
    '<p style="color:#666">You get this email because a Team Admin turned on the weekly insights email in Settings.</p>',
  ].join('\n');
  return { to, subject, text, html };
}
