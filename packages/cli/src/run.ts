import { parseCommand, USAGE } from './args.js';
import { CliError } from './errors.js';
import { EXIT, type Io, VERSION } from './io.js';
import { startWorkers } from './scan-files.js';

export { DEFAULT_MAX_FILE_SIZE, EXIT, type Io, VERSION } from './io.js';

/**
 * Runs one CLI invocation and returns its exit code; never calls process.exit. The engine
 * (commands.ts and the detectors) is imported only for `scan` and `rules`, after any --threads
 * workers have been started, so a worker's start-up overlaps this thread's loading.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(`${USAGE}\n`);
        return EXIT.clean;
      case 'version':
        io.stdout(`${VERSION}\n`);
        return EXIT.clean;
      case 'rules': {
        const { rulesCommand } = await import('./commands.js');
        return await rulesCommand(command, io);
      }
      case 'scan': {
        // Date.now(), not performance.now(): the `performance` global loads perf_hooks and ten
        // internal modules on first use (~1 ms of CPU), for a duration reported in whole ms
        const started = Date.now();
        // --threads: the workers load their engine while this thread loads its own and walks
        const workers = command.git ? [] : await startWorkers(command.threads - 1, command.config);
        try {
          const { scanCommand } = await import('./commands.js');
          return await scanCommand(command, io, workers, started);
        } finally {
          for (const w of workers) w.close();
        }
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`keyguard: ${error.message}\n`);
      if (error.code === 'USAGE') io.stderr(`${USAGE}\n`);
      return EXIT.error;
    }
    io.stderr(`keyguard: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.error;
  }
}
