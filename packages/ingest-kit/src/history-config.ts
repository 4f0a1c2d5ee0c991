import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { HistoryLimits } from './history-job.js';

/** The bounds of history scans, read from the environment by the git-provider services. */
export const historyFields = {
  /** A repository larger than this (reported size, or on disk while cloning) is skipped. */
  HISTORY_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  /** Clone and scan stop after this long; the job ends `partial`. */
  HISTORY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30 * 60_000),
  /** Partial clone filter: larger blobs stay on the server (servers without filters send all). */
  HISTORY_BLOB_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Where clones are made, one directory per running scan, removed after it. */
  HISTORY_WORK_DIR: z.string().min(1).default(path.join(tmpdir(), 'keyguard-history')),
};

export const historyDefaults = {
  HISTORY_MAX_BYTES: 2 * 1024 ** 3,
  HISTORY_TIMEOUT_MS: 30 * 60_000,
  HISTORY_BLOB_LIMIT_BYTES: 1024 * 1024,
  HISTORY_WORK_DIR: path.join(tmpdir(), 'keyguard-history'),
} as const;

export type HistoryConfig = { [K in keyof typeof historyDefaults]: (typeof historyDefaults)[K] extends string ? string : number };

export const historyLimits = (config: HistoryConfig): HistoryLimits => ({
  maxBytes: config.HISTORY_MAX_BYTES,
  timeoutMs: config.HISTORY_TIMEOUT_MS,
  blobLimitBytes: config.HISTORY_BLOB_LIMIT_BYTES,
  workDir: config.HISTORY_WORK_DIR,
});
