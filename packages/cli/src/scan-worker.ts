import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from '@keyguard/detectors';
import { loadConfig, scannerOptions } from './config.js';
import { scanClaimed } from './scan-files.js';
import type { FileEntry } from './walk.js';

/** One `--threads` worker: its own scanner from the same config, files from the shared counter. */
export interface WorkerJob {
  files: FileEntry[];
  counter: SharedArrayBuffer;
  config: string | undefined;
  maxFileSize: number;
}

if (parentPort) {
  const job = workerData as WorkerJob;
  const config = await loadConfig(job.config);
  const scanner = createScanner(scannerOptions(config));
  const counter = new Int32Array(job.counter);
  parentPort.postMessage(scanClaimed(scanner, job.files, () => Atomics.add(counter, 0, 1), job.maxFileSize));
}
