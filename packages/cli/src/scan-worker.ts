import { parentPort } from 'node:worker_threads';
import { createScanner } from '@keyguard/detectors';
import { loadConfig } from './config.js';
import { scanFiles } from './scan-files.js';
import type { FileEntry } from './walk.js';

/** One `--threads` worker: builds its own scanner from the same config and scans its share. */
export interface WorkerJob {
  files: FileEntry[];
  config: string | undefined;
  concurrency: number;
}

parentPort?.once('message', async (job: WorkerJob) => {
  const config = await loadConfig(job.config);
  const scanner = createScanner({ rules: config.rules, allowlist: config.allowlist });
  parentPort?.postMessage(await scanFiles(scanner, job.files, job.concurrency));
});
