import { randomUUID } from 'node:crypto';
import type { RelayIssuerDoc, RelayReportDoc } from '../documents.js';
import { isDuplicateKey } from '../errors.js';
import type { Store } from '../store.js';

/**
 * The relay's queue of sealed third-party tokens and each issuer's call budget. A report is
 * claimed in batches with a lease; once the issuer accepted it (or refused it for good) the
 * sealed token is dropped (`sealed: null`) and only the hash, preview and outcome remain.
 */
export function createRelayRepository(store: Store) {
  const { relayReports, relayIssuers, findings } = store.collections;
  return {
    /** Queues a report; false when this token is already queued or reported for this issuer. */
    async enqueue(doc: Omit<RelayReportDoc, 'status' | 'attempts' | 'leaseUntil' | 'reportedAt' | 'lastError' | 'findingUpdated'>): Promise<boolean> {
      try {
        await relayReports.insertOne({ ...doc, status: 'pending', attempts: 0, leaseUntil: null, reportedAt: null, lastError: null, findingUpdated: false });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** How many reports of an issuer are ready, and since when the oldest waits. */
    async ready(issuer: string, now: Date): Promise<{ count: number; oldest: Date | null }> {
      const filter = {
        issuer,
        $or: [
          { status: 'pending' as const, nextAttemptAt: { $lte: now } },
          { status: 'sending' as const, leaseUntil: { $lt: now } },
        ],
      };
      const [count, first] = await Promise.all([relayReports.countDocuments(filter), relayReports.find(filter).sort({ createdAt: 1 }).limit(1).toArray()]);
      return { count, oldest: first[0]?.createdAt ?? null };
    },
    /** Claims up to `limit` ready reports of an issuer for one call. */
    async claim(issuer: string, now: Date, limit: number, leaseMs: number): Promise<RelayReportDoc[]> {
      const ready = await relayReports
        .find(
          { issuer, $or: [{ status: 'pending' }, { status: 'sending', leaseUntil: { $lt: now } }], nextAttemptAt: { $lte: now } },
          { projection: { _id: 1 } },
        )
        .sort({ createdAt: 1 })
        .limit(limit)
        .toArray();
      if (ready.length === 0) return [];
      const batch = randomUUID();
      await relayReports.updateMany(
        { _id: { $in: ready.map((r) => r._id) }, $or: [{ status: 'pending' }, { status: 'sending', leaseUntil: { $lt: now } }] },
        { $set: { status: 'sending', leaseUntil: new Date(now.getTime() + leaseMs), batch } },
      );
      return relayReports.find({ batch }).toArray();
    },
    async reported(ids: string[], at: Date): Promise<void> {
      await relayReports.updateMany(
        { _id: { $in: ids } },
        { $set: { status: 'reported', reportedAt: at, sealed: null, leaseUntil: null, lastError: null }, $inc: { attempts: 1 } },
      );
    },
    async rejected(ids: string[], error: string): Promise<void> {
      await relayReports.updateMany(
        { _id: { $in: ids } },
        { $set: { status: 'rejected', sealed: null, leaseUntil: null, lastError: error.slice(0, 300) }, $inc: { attempts: 1 } },
      );
    },
    async retryAt(ids: string[], at: Date, error: string, { countAttempt = true } = {}): Promise<void> {
      await relayReports.updateMany(
        { _id: { $in: ids } },
        {
          $set: { status: 'pending', nextAttemptAt: at, leaseUntil: null, lastError: error.slice(0, 300) },
          ...(countAttempt ? { $inc: { attempts: 1 } } : {}),
        },
      );
    },
    /** Outcomes not yet written to their findings (the finding may not exist yet when the relay is ahead of the policy). */
    unrecorded: () =>
      relayReports
        .find({ status: { $in: ['reported', 'rejected'] }, findingUpdated: false })
        .limit(500)
        .toArray(),
    /**
     * Writes the outcome into the finding once: `reportedTo.<issuer>` and a history entry.
     * Returns false when the finding does not exist yet, or the write did not stick; the
     * report stays unrecorded and the relay's next pass writes it again (the filters make that
     * idempotent).
     */
    async recordOnFinding(report: RelayReportDoc, issuerName: string): Promise<boolean> {
      const finding = await findings.findOne({ _id: report.findingId }, { projection: { _id: 1 } });
      if (!finding) return false;
      const actor = { type: 'system' as const, id: 'relay', name: 'Keyguard relay' };
      const entry =
        report.status === 'reported'
          ? { at: report.reportedAt ?? new Date(), action: 'reported_to_issuer' as const, actor, note: `reported to ${issuerName} for revocation` }
          : { at: new Date(), action: 'issuer_rejected' as const, actor, note: `${issuerName} refused the report: ${report.lastError ?? 'unknown'}` };
      const field = `reportedTo.${report.issuer}`;
      await findings.updateOne(
        report.status === 'reported'
          ? { _id: report.findingId, [field]: { $exists: false } }
          : { _id: report.findingId, 'history.action': { $ne: 'issuer_rejected' } },
        { ...(report.status === 'reported' ? { $set: { [field]: entry.at } } : {}), $push: { history: entry } },
      );
      // FerretDB applies an update as a read-modify-write of the whole document, so the policy
      // adding a location to the same finding at that moment can undo this one (README, Known
      // limits): read it back, and leave the report unrecorded for the next pass if it was lost
      const recorded = await findings.findOne(
        report.status === 'reported' ? { _id: report.findingId, [field]: { $exists: true } } : { _id: report.findingId, 'history.action': 'issuer_rejected' },
        { projection: { _id: 1 } },
      );
      if (!recorded) return false;
      await relayReports.updateOne({ _id: report._id }, { $set: { findingUpdated: true } });
      return true;
    },
    list: (filter: { status?: RelayReportDoc['status'] } = {}) => relayReports.find(filter).toArray(),
    issuer: (issuer: string) => relayIssuers.findOne({ _id: issuer }),
    async saveIssuer(doc: RelayIssuerDoc): Promise<void> {
      await relayIssuers.updateOne(
        { _id: doc._id },
        { $set: { windowStart: doc.windowStart, calls: doc.calls, blockedUntil: doc.blockedUntil } },
        { upsert: true },
      );
    },
  };
}
export type RelayRepository = ReturnType<typeof createRelayRepository>;
