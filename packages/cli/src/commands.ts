import { createScanner, type Rule } from '@keyguard/detectors';
import type { Command, Format } from './args.js';
import { loadBaseline } from './baseline.js';
import { loadConfig, scannerOptions } from './config.js';
import { formatJson, formatRules, formatSarif, formatText, type Report, type ReportFinding, type ReportStats, summary } from './format.js';
import { DEFAULT_MAX_FILE_SIZE, EXIT, type Io, VERSION } from './io.js';
import { type ScanWorker, scanFiles } from './scan-files.js';
import { walk } from './walk.js';

/**
 * The commands that need the detectors (`scan`, `rules`). run.ts imports this module only once
 * it has parsed the command line and started any --threads workers, so `--help` and
 * `--version` never load the engine and a worker starts while this thread loads it.
 */

export async function rulesCommand(command: Extract<Command, { kind: 'rules' }>, io: Io): Promise<number> {
  const config = await loadConfig(command.config);
  io.stdout(formatRules(config.rules, command.format));
  return EXIT.clean;
}

export async function scanCommand(command: Extract<Command, { kind: 'scan' }>, io: Io, workers: readonly ScanWorker[], started: number): Promise<number> {
  const [config, baseline] = await Promise.all([loadConfig(command.config), loadBaseline(command.baseline)]);
  const scanner = createScanner(scannerOptions(config));
  if (command.git) {
    // git history needs child_process and git-history: loaded only for --git
    const { progressLine, scanGit } = await import('./scan-git.js');
    const { findings, stats } = await scanGit({
      path: command.paths[0]!,
      selection: command.git,
      scanner,
      maxFileSize: command.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      exclude: config.exclude,
      ...(io.stderrIsTTY ? { onProgress: (s, ms) => io.stderr(progressLine(s, ms)) } : {}),
    });
    if (io.stderrIsTTY && stats.commits > 0) io.stderr(`${progressLine(stats, Date.now() - started)}\n`);
    const reported = findings.filter((f) => !baseline.has(f.tokenHash));
    return report(io, command.format, reported, scanner.rules, {
      commits: stats.commits,
      files: stats.files,
      bytes: stats.bytes,
      ms: Math.round(Date.now() - started),
      rejected: stats.rejected,
      suppressed: findings.length - reported.length,
      skipped: { tooLarge: stats.tooLarge, binary: stats.binary, excluded: stats.excluded },
      errors: 0,
    });
  }
  const skipped = { binary: 0 };
  const files = await walk(
    command.paths,
    { includeNodeModules: command.includeNodeModules || config.includeNodeModules === true, exclude: config.exclude },
    skipped,
  );
  const { findings, totals } = await scanFiles(scanner, files, {
    maxFileSize: command.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    workers,
  });
  const reported = findings.filter((f) => !baseline.has(f.tokenHash));
  for (const e of totals.errors) io.stderr(`keyguard: cannot read ${e.file}: ${e.reason}\n`);
  return report(io, command.format, reported, scanner.rules, {
    files: totals.files,
    bytes: totals.bytes,
    ms: Math.round(Date.now() - started),
    rejected: totals.rejected,
    suppressed: findings.length - reported.length,
    skipped: { tooLarge: totals.tooLarge, binary: skipped.binary + totals.binary },
    errors: totals.errors.length,
  });
}

/** Prints the report in the asked format; exit 1 when something is reported, else 2 on read errors, else 0. */
function report(io: Io, format: Format, findings: ReportFinding[], rules: readonly Rule[], stats: ReportStats): number {
  const result: Report = { findings, rules, version: VERSION, stats };
  if (format === 'json') io.stdout(formatJson(result));
  else if (format === 'sarif') io.stdout(formatSarif(result));
  else {
    io.stdout(formatText(result));
    io.stderr(summary(result));
  }
  if (findings.length > 0) return EXIT.found;
  return stats.errors > 0 ? EXIT.error : EXIT.clean;
}
