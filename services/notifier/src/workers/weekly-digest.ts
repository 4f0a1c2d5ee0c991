import { createHash, randomUUID } from 'node:crypto';
import { dayString, summarize } from '@keyguard/keys';
import type { Logger } from '@keyguard/logger';
import type { InsightsRepository, TeamDirectory, TeamRepository, WeeklyDigestRepository } from '@keyguard/store';
import type { Mailer } from '../adapters/mailer.js';
import { weeklyInsightsEmail } from '../domain/weekly-insights-email.js';

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: weeks (of the default period) start on Mondays, 00:00 UTC. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

export interface WeeklyDigestDeps {
  directory: Pick<TeamDirectory, 'weeklyDigestTeams' | 'recipients'>;
  teams: Pick<TeamRepository, 'findById'>;
  insights: Pick<InsightsRepository, 'read'>;
  records: WeeklyDigestRepository;
  mailer: Mailer;
  dashboardUrl: string;
  /** WEEKLY_DIGEST_PERIOD_MS: a week, or less in tests. */
  periodMs: number;
  /** A claim not done within this is taken over (its holder died mid-send). */
  leaseMs: number;
  logger: Logger;
  onSent?: () => void;
}

/** The start of the period `now` is in. */
export function periodStartOf(now: Date, periodMs: number): Date {
  const offset = MONDAY_OFFSET_MS % periodMs;
  return new Date(Math.floor((now.getTime() - offset) / periodMs) * periodMs + offset);
}

/** The same email (team, period, admin) always has the same Message-ID, whoever sends it. */
export const weeklyMessageId = (teamId: string, periodStart: Date, to: string) =>
  `<weekly.${createHash('sha256').update(`${teamId}|${periodStart.toISOString()}|${to}`).digest('hex').slice(0, 32)}@keyguard>`;

/**
 * One pass of the weekly insights email: for each team that opted in, claims the current
 * period (the insert of its record lets one notifier instance win), and emails every admin the
 * last 7 days' insights, recording each admin once SMTP has accepted the email, then marks the
 * period done. Exactly once per team per period across instances and restarts; a holder that
 * dies mid-send is taken over after the lease, and the admins already emailed are skipped.
 */
export function createWeeklyDigest(deps: WeeklyDigestDeps) {
  const owner = randomUUID();
  return async function pass(now = new Date()): Promise<number> {
    const periodStart = periodStartOf(now, deps.periodMs);
    let sent = 0;
    for (const teamId of await deps.directory.weeklyDigestTeams()) {
      const record = await deps.records.claim(teamId, periodStart, owner, now, deps.leaseMs);
      if (!record) continue;
      const [team, recipients] = await Promise.all([deps.teams.findById(teamId), deps.directory.recipients(teamId)]);
      // The 7 days before the period began.
      const to = dayString(new Date(periodStart.getTime() - 1));
      const from = dayString(new Date(Date.parse(`${to}T00:00:00Z`) - 6 * DAY_MS));
      const summary = summarize(await deps.insights.read(teamId, from, to, dayString(now)), from, to, now);
      const overview = new URL('#/overview', deps.dashboardUrl).toString();
      for (const admin of recipients?.admins ?? []) {
        if (record.sentTo.includes(admin)) continue;
        const email = weeklyInsightsEmail(admin, team?.name ?? teamId, summary, overview);
        await deps.mailer.send({ ...email, messageId: weeklyMessageId(teamId, periodStart, admin) });
        await deps.records.sent(record._id, admin);
        sent++;
        deps.onSent?.();
      }
      await deps.records.done(record._id, new Date());
      deps.logger.info({ teamId, periodStart, sent }, 'weekly insights email sent');
    }
    return sent;
  };
}
