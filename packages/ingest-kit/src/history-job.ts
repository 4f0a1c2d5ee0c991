import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingMessage } from '@keyguard/bus';
import type { Scanner } from '@keyguard/detectors';
import type { ExposureLocation, Provider } from '@keyguard/events';
import { cloneBare, GitError, gitText, type HistoryStats, missingBlobPaths, refTips, scanHistory } from '@keyguard/git-history';
import { exposureMessage } from './exposures.js';
import { shouldScanPath } from './paths.js';
import type { ScanJobContext, ScanOutcome } from './scan-job-worker.js';
import { sleep } from './upstream.js';

/** The bounds every history scan runs within (HISTORY_* settings). */
export interface HistoryLimits {
  /** Stop cloning past this many bytes on disk. */
  maxBytes: number;
  /** Clone and scan together stop after this long (the job ends `partial`, its cursor kept). */
  timeoutMs: number;
  /** Partial clone: blobs larger than this stay on the server and their paths are not scanned. */
  blobLimitBytes: number;
  /** Where clones are made (one fresh directory per attempt, removed after). */
  workDir: string;
}

export interface HistoryJobOptions {
  source: Provider;
  /** The service name exposures carry as their `source`. */
  service: string;
  scanner: Scanner;
  limits: HistoryLimits;
  cloneUrl: string;
  /** git config for the clone, e.g. an `http.extraHeader` with a token (never logged). */
  gitConfig?: Record<string, string>;
  /** A link to one line of one file at one commit. */
  permalink(commit: string, path: string, line: number): string;
  /** How often progress, counts and the cursor are saved (and exposures published). */
  checkpointEveryMs?: number;
}

/**
 * A repository's whole history as exposures: a bounded bare (partial) clone, every commit's
 * added lines on every branch and tag scanned with the detectors, exposures published in
 * batches, and after each batch the job's progress, counts and cursor saved. The cursor is the
 * refs walked and the commits done, so an attempt that takes over from a dead one walks the
 * same commits and skips what was already published (exposure ids are deterministic, so the
 * few commits after the last checkpoint are published twice harmlessly).
 */
export async function runHistoryJob(ctx: ScanJobContext, options: HistoryJobOptions): Promise<ScanOutcome> {
  const { request, job, log } = ctx;
  const { limits } = options;
  if (request.sizeKb !== undefined && request.sizeKb * 1024 > limits.maxBytes) {
    return {
      status: 'skipped',
      error: { code: 'TOO_LARGE', message: `the repository is ${request.sizeKb} KB, over the ${Math.round(limits.maxBytes / 1024)} KB limit` },
    };
  }
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const publishFailed = new AbortController();
  const signal = AbortSignal.any([ctx.signal, timeout, publishFailed.signal]);
  const dir = path.join(limits.workDir, `${job._id.slice(0, 40)}-${randomUUID().slice(0, 8)}.git`);
  await mkdir(limits.workDir, { recursive: true });
  const timedOut = (): ScanOutcome => ({
    status: 'partial',
    error: { code: 'TIME_LIMIT', message: `stopped after ${Math.round(limits.timeoutMs / 1000)} s; the scan covers the commits counted in its progress` },
  });
  try {
    let clone: Awaited<ReturnType<typeof cloneBare>>;
    try {
      clone = await cloneBare({
        url: options.cloneUrl,
        dir,
        blobLimitBytes: limits.blobLimitBytes,
        maxBytes: limits.maxBytes,
        signal,
        config: options.gitConfig,
      });
    } catch (error) {
      if (error instanceof GitError && error.code === 'TOO_LARGE') return { status: 'skipped', error: { code: 'TOO_LARGE', message: error.message } };
      if (timeout.aborted) return timedOut();
      throw error;
    }
    // resume: the same refs as the attempt that saved the cursor, when they are all still there
    let tips = await refTips(dir, clone.env);
    let skip = 0;
    const saved = job.cursor;
    if (saved && saved.tips.length > 0) {
      const present = await gitText(['cat-file', '--batch-check'], { cwd: dir, env: clone.env, input: `${saved.tips.join('\n')}\n` });
      if (!present.includes('missing')) {
        tips = saved.tips;
        skip = saved.commits;
      }
    }
    if (tips.length === 0) return { status: 'done' };
    const excludePaths = await missingBlobPaths(dir, tips, clone.env);
    if (excludePaths.length > 0) log.info({ paths: excludePaths.length }, 'partial clone: paths with blobs over the limit are left out');

    const resumed = skip > 0;
    const counts = resumed ? { ...job.counts } : { exposures: 0, secrets: 0 };
    const secrets = new Set<string>();
    let pending: OutgoingMessage[] = [];
    let commitsDone = skip;
    let stats: Readonly<HistoryStats> | undefined;
    const bytesBefore = resumed ? job.progress.bytes : 0;
    const detectedAt = new Date();
    const flush = async () => {
      const batch = pending;
      const commits = commitsDone;
      const bytes = bytesBefore + (stats?.bytes ?? 0);
      pending = [];
      if (batch.length > 0) await ctx.publish(batch);
      counts.exposures += batch.length;
      await ctx.checkpoint({ progress: { commits, bytes }, counts: { ...counts, secrets: counts.secrets + secrets.size }, cursor: { tips, commits } });
    };
    let scanning = true;
    let flushError: unknown;
    const every = options.checkpointEveryMs ?? 1000;
    // publishes and checkpoints while git streams; a failure stops the scan (and fails the job)
    const flusher = (async () => {
      while (scanning) {
        await sleep(every);
        if (scanning) await flush();
      }
    })().catch((error: unknown) => {
      flushError = error;
      publishFailed.abort();
    });
    let failure: unknown;
    try {
      await scanHistory({
        repo: dir,
        env: clone.env,
        scanner: options.scanner,
        selection: { revisions: tips, skip, excludePaths },
        includePath: shouldScanPath,
        signal,
        onFinding: (f) => {
          const location: ExposureLocation = {
            source: options.source,
            kind: 'commit',
            url: options.permalink(f.commit, f.file, f.line),
            repository: request.target,
            commit: f.commit,
            path: f.file,
            line: f.line,
            // The commit's time: when it was made, the first it could have been public.
            ...(publishedAtOf(f.date) ? { publishedAt: publishedAtOf(f.date) } : {}),
          };
          secrets.add(f.tokenHash);
          // A repository just made public is a public place: its GitHub tokens may go to the relay (sealed).
          pending.push(exposureMessage(f, location, { source: options.service, correlationId: job._id, detectedAt, public: request.reason === 'publicized' }));
        },
        onCommitDone: (_commit, s) => {
          stats = s;
          commitsDone = skip + s.commits;
        },
      });
    } catch (error) {
      failure = error;
    }
    scanning = false;
    await flusher;
    if (flushError !== undefined) throw flushError;
    await flush();
    if (failure === undefined) return { status: 'done' };
    if (timeout.aborted) return timedOut();
    if (ctx.signal.aborted) return { status: 'partial', error: { code: 'STOPPED', message: 'the scan was stopped; it resumes from its cursor' } };
    throw failure;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A commit date as git printed it, as the exposure's ISO time (undefined when unreadable). */
function publishedAtOf(date: string): string | undefined {
  const t = Date.parse(date);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
