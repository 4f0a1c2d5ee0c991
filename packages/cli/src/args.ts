import { parseArgs } from 'node:util';
import { CliError } from './errors.js';

export type Format = 'text' | 'json' | 'sarif';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'rules'; format: 'text' | 'json'; config?: string }
  | {
      kind: 'scan';
      paths: string[];
      format: Format;
      baseline?: string;
      config?: string;
      includeNodeModules: boolean;
      maxFileSize?: number;
      concurrency: number;
      threads: number;
      /** `--git`: scan the history of the repository at `paths[0]` instead of its files. */
      git?: GitSelection;
    };

/** What `--git` reads: every ref unless `--branch`; `--since` and `--max-commits` as git log takes them. */
export interface GitSelection {
  branch?: string;
  since?: string;
  maxCommits?: number;
  /** git processes diffing at once (`--threads`; default: the cores, at most 4). */
  jobs?: number;
}

export const USAGE = `Usage:
  keyguard scan PATH... [--format text|json|sarif] [--baseline FILE] [--config FILE]
                        [--include-node-modules] [--max-file-size BYTES] [--concurrency N]
                        [--threads N]   (scan on N worker threads; default 1)
  keyguard scan --git [PATH] [--branch REF] [--since DATE] [--max-commits N] [--threads N]
                        [--format text|json|sarif] [--baseline FILE] [--config FILE] [--max-file-size BYTES]
                        (the lines every commit added, on all refs unless --branch; PATH defaults to .;
                         --threads: git processes diffing at once, default the cores up to 4)
  keyguard rules [--format text|json] [--config FILE]
  keyguard --help | --version

Exit codes: 0 nothing found, 1 secrets found, 2 usage or I/O error.`;

const FORMATS = ['text', 'json', 'sarif'] as const;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError('USAGE', `--${name} must be a positive integer, got "${value}"`);
  return n;
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliError('USAGE', (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CliError('USAGE', `--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  }
  const config = values.config;
  if (command === 'rules') {
    if (format === 'sarif') throw new CliError('USAGE', 'keyguard rules supports --format text or json');
    return { kind: 'rules', format: format as 'text' | 'json', ...(config !== undefined ? { config } : {}) };
  }
  if (command === 'scan') {
    const maxFileSize = positiveInt('max-file-size', values['max-file-size']);
    const git = values.git ? gitSelection(values, rest) : undefined;
    if (!git) {
      const gitOnly = (['branch', 'since', 'max-commits'] as const).find((o) => values[o] !== undefined);
      if (gitOnly) throw new CliError('USAGE', `--${gitOnly} goes with --git`);
    }
    if (rest.length === 0 && !git) throw new CliError('USAGE', 'keyguard scan needs at least one PATH');
    return {
      kind: 'scan',
      paths: git && rest.length === 0 ? ['.'] : rest,
      format: format as Format,
      ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
      ...(config !== undefined ? { config } : {}),
      includeNodeModules: values['include-node-modules'] ?? false,
      ...(maxFileSize !== undefined ? { maxFileSize } : {}),
      concurrency: positiveInt('concurrency', values.concurrency) ?? 8,
      threads: positiveInt('threads', values.threads) ?? 1,
      ...(git ? { git } : {}),
    };
  }
  if (command === undefined) return { kind: 'help' };
  throw new CliError('USAGE', `unknown command "${command}"`);
}

function gitSelection(values: ReturnType<typeof parse>['values'], paths: string[]): GitSelection {
  if (paths.length > 1) throw new CliError('USAGE', 'keyguard scan --git takes one repository PATH');
  for (const o of ['include-node-modules', 'concurrency'] as const) {
    if (values[o] !== undefined) throw new CliError('USAGE', `--${o} does not apply to --git`);
  }
  const { branch, since } = values;
  // handed to git on stdin, never as an option; still refuse what can only be a typo
  if (branch !== undefined && (branch === '' || branch.startsWith('-')))
    throw new CliError('USAGE', `--branch must name a branch, tag or commit, got "${branch}"`);
  if (since !== undefined && since.trim() === '') throw new CliError('USAGE', '--since must be a date git understands, e.g. 2024-01-31 or "2 weeks ago"');
  const maxCommits = positiveInt('max-commits', values['max-commits']);
  const jobs = positiveInt('threads', values.threads);
  return {
    ...(jobs !== undefined ? { jobs } : {}),
    ...(branch !== undefined ? { branch } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(maxCommits !== undefined ? { maxCommits } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      baseline: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'include-node-modules': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      concurrency: { type: 'string' },
      threads: { type: 'string', short: 'j' },
      git: { type: 'boolean' },
      branch: { type: 'string' },
      since: { type: 'string' },
      'max-commits': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
