import { randomBytes } from 'node:crypto';
import { createLogger } from '@keyguard/logger';
import { connectStore, createInsightsRepository, createWeeklyDigestRepository, type Store } from '@keyguard/store';
import { mailTo } from '@keyguard/testkit/alerts';
import { uniqueName } from '@keyguard/testkit/bus';
import { eventually, uriWithDatabase } from '@keyguard/testkit/keys';
import { uniqueDbName } from '@keyguard/testkit/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';
import { type RunningNotifier, startService } from '../src/service.js';
import { periodStartOf } from '../src/workers/weekly-digest.js';

const logger = createLogger({ name: 'weekly-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });
const mongoUri = uriWithDatabase(process.env.MONGODB_URI!, uniqueDbName('weekly'));
const PERIOD = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('weekly insights email (real SMTP sink, a 60 s period on an injected clock)', () => {
  let store: Store;
  let clock = new Date();
  const running: RunningNotifier[] = [];
  const start = async () => {
    const config = Config.parse({
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      MONGODB_URI: mongoUri,
      SMTP_URL: process.env.SMTP_URL,
      PORT: '0',
      LOG_LEVEL: 'silent',
      DASHBOARD_URL: 'http://keyguard.example.test/',
      WEEKLY_DIGEST_PERIOD_MS: String(PERIOD),
      WEEKLY_DIGEST_CHECK_MS: '100',
    });
    const n = await startService(config, {
      logger,
      topics: { keyEvents: uniqueName('ke'), findings: uniqueName('fi') },
      groupId: uniqueName('weekly'),
      now: () => clock,
    });
    running.push(n);
    return n;
  };
  beforeAll(async () => {
    store = await connectStore({ uri: mongoUri, logger });
  });
  afterAll(async () => {
    await Promise.all(running.map((n) => n.stop()));
    await store?.close();
  });

  it('emails each admin of an opted-in team exactly once per period, with two instances and after a restart', async () => {
    // Mid-period, so no boundary falls inside the test's few seconds.
    clock = new Date(periodStartOf(new Date(), PERIOD).getTime() + PERIOD / 2);
    const teamOf = async (weeklyDigest: boolean) => {
      const teamId = uniqueName('team');
      await store.collections.teams.insertOne({
        _id: teamId,
        name: `Team ${teamId.slice(-6)}`,
        settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: true, weeklyDigest },
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const admins = [`${uniqueName('a')}@example.test`, `${uniqueName('b')}@example.test`];
      for (const email of admins)
        await store.collections.users.insertOne({ _id: uniqueName('usr'), teamId, email, name: 'Admin', role: 'team_admin', createdAt: new Date() });
      await store.collections.users.insertOne({
        _id: uniqueName('usr'),
        teamId,
        email: `${uniqueName('m')}@example.test`,
        name: 'Member',
        role: 'member',
        createdAt: new Date(),
      });
      return { teamId, admins };
    };
    const on = await teamOf(true);
    const off = await teamOf(false);
    // Something to report: a finding first seen today (the period's 7 days end today), revoked 40 s later.
    const firstSeen = new Date(clock.getTime() - 60_000);
    const secret = `PMAK-${randomBytes(12).toString('hex')}`;
    await createInsightsRepository(store).record([
      { kind: 'exposed', finding: { teamId: on.teamId, firstSeen, source: 'github', publishedAt: new Date(firstSeen.getTime() - 3_600_000) } },
      {
        kind: 'revoked',
        finding: { teamId: on.teamId, firstSeen, source: 'github', publishedAt: new Date(firstSeen.getTime() - 3_600_000) },
        revokedAt: new Date(firstSeen.getTime() + 40_000),
        auto: true,
        usedAfterExposure: false,
      },
    ]);

    await Promise.all([start(), start()]);
    const [a, b] = on.admins;
    await eventually(async () => (await mailTo(a!)).length > 0 && (await mailTo(b!)).length > 0, { timeoutMs: 20_000, what: 'both admins emailed' });
    await sleep(1000);
    expect((await mailTo(a!)).length).toBe(1);
    expect((await mailTo(b!)).length).toBe(1);
    const [mail] = await mailTo(a!);
    expect(mail!.subject).toMatch(/weekly insights .*1 exposure/);
    expect(mail!.text).toContain('Detection → revocation: p50 1 min');
    expect(mail!.text).toContain('First public appearance → revocation: p50 2 h');
    expect(mail!.text).toContain('Auto-revoked / revoked by an admin / ignored: 1 / 0 / 0');
    expect(mail!.text).toContain('http://keyguard.example.test/#/overview');
    expect(mail!.html).toContain('href="http://keyguard.example.test/#/overview"');
    expect(`${mail!.text}${mail!.html}`).not.toContain(secret);
    expect(await mailTo(off.admins[0]!)).toEqual([]);

    // A restart within the period sends nothing more; the next period sends again, once.
    await Promise.all(running.splice(0).map((n) => n.stop()));
    await start();
    await sleep(1500);
    expect((await mailTo(a!)).length).toBe(1);
    const [record] = await createWeeklyDigestRepository(store).byTeam(on.teamId);
    expect(record!.sentTo.sort()).toEqual([...on.admins].sort());
    expect(record!.doneAt).not.toBeNull();

    clock = new Date(clock.getTime() + PERIOD);
    await start();
    await eventually(async () => (await mailTo(b!)).length === 2, { timeoutMs: 20_000, what: "the next period's email" });
    await sleep(1000);
    expect((await mailTo(a!)).length).toBe(2);
    expect((await createWeeklyDigestRepository(store).byTeam(on.teamId)).length).toBe(2);
  });
});
