import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from '@keyguard/detectors';
import { loadConfig, scannerOptions } from './config.js';
import { scanClaimed } from './scan-files.js';
import type { FileEntry } from './walk.js';

/**
 * One `--threads` worker: builds its scanner from the same config as soon as it starts (while
 * the main thread walks the tree), then takes files from the shared counter when it gets them.
 */
export interface WorkerJob {
  files: FileEntry[];
  counter: SharedArrayBuffer;
  maxFileSize: number;
}

const port = parentPort;
if (port) {
  const { config: configPath } = workerData as { config: string | undefined };
  const job = new Promise<WorkerJob>((resolve) => port.once('message', resolve));
  const config = await loadConfig(configPath);
  const scanner = createScanner(scannerOptions(config));
  const { files, counter, maxFileSize } = await job;
  const shared = new Int32Array(counter);
  port.postMessage(scanClaimed(scanner, files, () => Atomics.add(shared, 0, 1), maxFileSize));
}
