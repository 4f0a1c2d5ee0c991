import { createScanner, type Scanner } from '@keyguard/detectors';
import { parseCommand, USAGE } from './args.js';
import { loadBaseline } from './baseline.js';
import { loadConfig, scannerOptions } from './config.js';
import { CliError } from './errors.js';
import { formatJson, formatRules, formatSarif, formatText, type Report, summary } from './format.js';
import { scanFiles, startWorkers } from './scan-files.js';
import { walk } from './walk.js';

export const VERSION = '0.1.0';
/** Files larger than this are skipped and counted (like gitleaks' --max-target-megabytes). */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT = { clean: 0, found: 1, error: 2 } as const;

/** Runs one CLI invocation and returns its exit code; never calls process.exit. */
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
        const config = await loadConfig(command.config);
        io.stdout(formatRules(config.rules, command.format));
        return EXIT.clean;
      }
      case 'scan': {
        const started = performance.now();
        // --threads: the workers load their engine while this thread reads the config and walks
        const workers = startWorkers(command.threads - 1, command.config);
        const skipped = { binary: 0 };
        let scanned: Awaited<ReturnType<typeof scanFiles>>;
        let scanner: Scanner;
        let baseline: Set<string>;
        try {
          const [config, base] = await Promise.all([loadConfig(command.config), loadBaseline(command.baseline)]);
          baseline = base;
          scanner = createScanner(scannerOptions(config));
          const files = await walk(
            command.paths,
            { includeNodeModules: command.includeNodeModules || config.includeNodeModules === true, exclude: config.exclude },
            skipped,
          );
          scanned = await scanFiles(scanner, files, {
            maxFileSize: command.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
            workers,
          });
        } finally {
          for (const w of workers) w.close();
        }
        const { findings, totals } = scanned;
        const reported = findings.filter((f) => !baseline.has(f.tokenHash));
        const report: Report = {
          findings: reported,
          rules: scanner.rules,
          version: VERSION,
          stats: {
            files: totals.files,
            bytes: totals.bytes,
            ms: Math.round(performance.now() - started),
            rejected: totals.rejected,
            suppressed: findings.length - reported.length,
            skipped: { tooLarge: totals.tooLarge, binary: skipped.binary + totals.binary },
            errors: totals.errors.length,
          },
        };
        for (const e of totals.errors) io.stderr(`keyguard: cannot read ${e.file}: ${e.reason}\n`);
        if (command.format === 'json') io.stdout(formatJson(report));
        else if (command.format === 'sarif') io.stdout(formatSarif(report));
        else {
          io.stdout(formatText(report));
          io.stderr(summary(report));
        }
        if (reported.length > 0) return EXIT.found;
        return totals.errors.length > 0 ? EXIT.error : EXIT.clean;
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
