import type { KeyObject } from 'node:crypto';
import type { Logger } from '@keyguard/logger';
import { open } from '@keyguard/seal';
import type { RelayIssuerDoc, RelayReportDoc, RelayRepository } from '@keyguard/store';
import type { IssuerAdapter } from '../issuers/issuer.js';

export interface ReporterDeps {
  relay: RelayRepository;
  issuers: IssuerAdapter[];
  privateKey: KeyObject;
  /** A batch smaller than the issuer's maximum waits this long for more tokens. */
  batchWaitMs: number;
  leaseMs?: number;
  logger: Logger;
  onOutcome?: (issuer: string, outcome: string, tokens: number) => void;
}

/** 1 min, 2, 4, … up to 1 h between attempts after transient failures. */
const retryDelay = (attempts: number) => Math.min(3600_000, 60_000 * 2 ** Math.max(0, attempts));

/**
 * One pass of the relay: per issuer, when its call budget allows and a batch is full or has
 * waited long enough, claim up to a batch of reports, open their sealed tokens (in memory
 * only, for the call) and report them. The budget is kept in the store (a restart does not
 * reset it) and follows the issuer's rate-limit headers. A refused batch is halved until the
 * refused token is alone (and marked rejected); the rest go through. Accepted and rejected
 * reports lose their sealed token at once. Then outcomes are written into the findings.
 */
export function createReporter(deps: ReporterDeps) {
  const leaseMs = deps.leaseMs ?? 120_000;

  function budgetOf(doc: RelayIssuerDoc | null, issuer: IssuerAdapter, now: Date): RelayIssuerDoc {
    const state = doc ?? { _id: issuer.name, windowStart: now, calls: 0, blockedUntil: null };
    if (now.getTime() - state.windowStart.getTime() >= issuer.windowMs) return { ...state, windowStart: now, calls: 0 };
    return state;
  }

  async function send(issuer: IssuerAdapter, batch: { report: RelayReportDoc; token: string }[], budget: RelayIssuerDoc): Promise<void> {
    if (batch.length === 0) return;
    const ids = batch.map((b) => b.report._id);
    const now = new Date();
    if (budget.blockedUntil && budget.blockedUntil > now) {
      await deps.relay.retryAt(ids, budget.blockedUntil, `waiting for ${issuer.displayName}'s rate limit`, { countAttempt: false });
      return;
    }
    if (budget.calls >= issuer.callsPerWindow) {
      budget.blockedUntil = new Date(budget.windowStart.getTime() + issuer.windowMs);
      await deps.relay.saveIssuer(budget);
      await deps.relay.retryAt(ids, budget.blockedUntil, `the ${issuer.callsPerWindow} calls per window to ${issuer.displayName} are used`, {
        countAttempt: false,
      });
      return;
    }
    budget.calls += 1;
    await deps.relay.saveIssuer(budget);
    const outcome = await issuer.report(batch.map((b) => b.token));
    if (outcome.limits && outcome.limits.remaining <= 0) {
      budget.blockedUntil = outcome.limits.resetAt;
      await deps.relay.saveIssuer(budget);
    }
    deps.onOutcome?.(issuer.name, outcome.kind, batch.length);
    switch (outcome.kind) {
      case 'accepted':
        await deps.relay.reported(ids, new Date());
        deps.logger.info({ issuer: issuer.name, tokens: batch.length }, 'tokens reported to their issuer');
        return;
      case 'refused':
        if (batch.length === 1) {
          await deps.relay.rejected(ids, outcome.reason);
          deps.logger.warn({ issuer: issuer.name, tokenHash: batch[0]!.report.tokenHash }, 'the issuer refused a token');
          return;
        }
        await send(issuer, batch.slice(0, Math.ceil(batch.length / 2)), budget);
        await send(issuer, batch.slice(Math.ceil(batch.length / 2)), budget);
        return;
      case 'rate_limited':
        budget.blockedUntil = outcome.until;
        await deps.relay.saveIssuer(budget);
        await deps.relay.retryAt(ids, outcome.until, outcome.reason, { countAttempt: false });
        deps.logger.warn({ issuer: issuer.name, until: outcome.until }, 'issuer rate limit: reports wait');
        return;
      case 'failed': {
        const attempts = Math.max(...batch.map((b) => b.report.attempts));
        await deps.relay.retryAt(ids, new Date(Date.now() + retryDelay(attempts)), outcome.reason);
        deps.logger.warn({ issuer: issuer.name, reason: outcome.reason }, 'reporting failed; will retry');
      }
    }
  }

  async function runIssuer(issuer: IssuerAdapter, now: Date): Promise<boolean> {
    const budget = budgetOf(await deps.relay.issuer(issuer.name), issuer, now);
    if (budget.blockedUntil && budget.blockedUntil > now) return false;
    const ready = await deps.relay.ready(issuer.name, now);
    if (ready.count === 0) return false;
    if (ready.count < issuer.maxBatch && ready.oldest && now.getTime() - ready.oldest.getTime() < deps.batchWaitMs) return false;
    const claimed = await deps.relay.claim(issuer.name, now, issuer.maxBatch, leaseMs);
    const batch: { report: RelayReportDoc; token: string }[] = [];
    const unreadable: string[] = [];
    for (const report of claimed) {
      try {
        if (!report.sealed) throw new Error('no sealed token');
        batch.push({ report, token: open(deps.privateKey, report.sealed, report.tokenHash) });
      } catch {
        unreadable.push(report._id);
      }
    }
    if (unreadable.length > 0) await deps.relay.rejected(unreadable, 'the sealed token does not open with this relay key');
    await send(issuer, batch, budget);
    return claimed.length > 0;
  }

  return async function pass(now = new Date()): Promise<boolean> {
    // Outcomes first: one issuer's trouble never keeps the findings from showing what happened.
    for (const report of await deps.relay.unrecorded()) {
      const issuer = deps.issuers.find((i) => i.name === report.issuer);
      await deps.relay.recordOnFinding(report, issuer?.displayName ?? report.issuer);
    }
    let worked = false;
    for (const issuer of deps.issuers) {
      try {
        worked = (await runIssuer(issuer, now)) || worked;
      } catch (err) {
        deps.logger.warn({ err, issuer: issuer.name }, 'relay pass failed for an issuer; trying again');
      }
    }
    return worked;
  };
}
