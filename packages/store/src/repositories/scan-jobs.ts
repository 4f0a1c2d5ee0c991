import type { ActorRef, ScanJobDoc, ScanJobStatus } from '../documents.js';
import { isDuplicateKey } from '../errors.js';
import type { Store } from '../store.js';

export interface NewScanJob {
  id: string;
  provider: ScanJobDoc['provider'];
  kind: ScanJobDoc['kind'];
  target: string;
  reason: ScanJobDoc['reason'];
  teamId?: string | null;
  requestedBy?: ActorRef | null;
}

export type LockResult = { acquired: true } | { acquired: false; heldBy: string };

const FINISHED: readonly ScanJobStatus[] = ['done', 'partial', 'failed', 'skipped'];

/**
 * Scan jobs and the per-repository lock that keeps one running at a time. The lock is a
 * document per `provider:target` with a lease the running attempt renews; a worker that dies
 * stops renewing, and the job's next attempt (Kafka redelivers the request) takes it over and
 * resumes from the job's cursor.
 */
export function createScanJobRepository(store: Store) {
  const jobs = store.collections.scanJobs;
  const locks = store.collections.scanLocks;
  return {
    /** Records a job, or returns the one already recorded under this id (a redelivered request). */
    async create(init: NewScanJob, at = new Date()): Promise<ScanJobDoc> {
      const doc: ScanJobDoc = {
        _id: init.id,
        provider: init.provider,
        kind: init.kind,
        target: init.target,
        reason: init.reason,
        teamId: init.teamId ?? null,
        requestedBy: init.requestedBy ?? null,
        status: 'queued',
        createdAt: at,
        updatedAt: at,
        startedAt: null,
        finishedAt: null,
        progress: { commits: 0, bytes: 0 },
        counts: { exposures: 0, secrets: 0 },
        cursor: null,
        error: null,
      };
      try {
        await jobs.insertOne(doc);
        return doc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const existing = await jobs.findOne({ _id: init.id });
        if (!existing) throw error;
        return existing;
      }
    },
    get: (id: string) => jobs.findOne({ _id: id }),
    /** A team's jobs and those Keyguard started itself (no team), newest first. */
    listVisible: (teamId: string, limit = 50) =>
      jobs
        .find({ teamId: { $in: [teamId, null] } })
        .sort({ createdAt: -1, _id: 1 })
        .limit(limit)
        .toArray(),
    isFinished: (job: Pick<ScanJobDoc, 'status'>) => FINISHED.includes(job.status),

    async start(id: string, at = new Date()): Promise<void> {
      await jobs.updateOne({ _id: id }, { $set: { status: 'running', startedAt: at, updatedAt: at } });
    },
    /** Progress, counts and the resume cursor, written together after the exposures up to them were published. */
    async checkpoint(id: string, state: Pick<ScanJobDoc, 'progress' | 'counts' | 'cursor'>): Promise<void> {
      await jobs.updateOne({ _id: id }, { $set: { ...state, updatedAt: new Date() } });
    },
    async finish(id: string, status: Exclude<ScanJobStatus, 'queued' | 'running'>, error: ScanJobDoc['error'] = null, at = new Date()): Promise<void> {
      await jobs.updateOne({ _id: id }, { $set: { status, error, finishedAt: at, updatedAt: at } });
    },

    /**
     * Takes the repository's lock for this attempt when it is free, expired, or held by an
     * earlier attempt of the same job whose lease ran out.
     */
    async lock(key: string, jobId: string, holder: string, leaseMs: number): Promise<LockResult> {
      const now = new Date();
      const leaseUntil = new Date(now.getTime() + leaseMs);
      try {
        const result = await locks.updateOne(
          { _id: key, $or: [{ leaseUntil: { $lt: now } }, { holder }] },
          { $set: { jobId, holder, leaseUntil } },
          { upsert: true },
        );
        if (result.matchedCount + result.upsertedCount > 0) return { acquired: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const current = await locks.findOne({ _id: key });
      if (!current) return this.lock(key, jobId, holder, leaseMs);
      return { acquired: false, heldBy: current.jobId };
    },
    /** Extends this attempt's lease; false when another attempt took the lock over. */
    async renew(key: string, holder: string, leaseMs: number): Promise<boolean> {
      const result = await locks.updateOne({ _id: key, holder }, { $set: { leaseUntil: new Date(Date.now() + leaseMs) } });
      return result.matchedCount === 1;
    },
    async unlock(key: string, holder: string): Promise<void> {
      await locks.deleteOne({ _id: key, holder });
    },
  };
}
export type ScanJobRepository = ReturnType<typeof createScanJobRepository>;
