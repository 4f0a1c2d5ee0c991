import type { Confidence, Finding, Rule } from '@keyguard/detectors';

/** A finding in a file (`keyguard scan PATH`) or in a commit's added lines (`--git`). */
export interface ReportFinding extends Omit<Finding, 'path'> {
  file: string;
  /** `--git` only: the full SHA of the commit that added the line, its author and author date. */
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
}

export interface ReportStats {
  /** `--git` only: commits read. */
  commits?: number;
  files: number;
  bytes: number;
  ms: number;
  rejected: number;
  suppressed: number;
  skipped: { tooLarge: number; binary: number; excluded?: number };
  errors: number;
}

export interface Report {
  findings: ReportFinding[];
  stats: ReportStats;
  rules: readonly Rule[];
  version: string;
}

/** The JSON report: no raw secret, paths relative to the scanned root. */
export function formatJson(report: Report): string {
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    tokenHash: f.tokenHash,
    redacted: f.redacted,
    ...(f.commit !== undefined ? { commit: f.commit, author: f.author, email: f.email, date: f.date } : {}),
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    confidence: f.confidence,
    // found inside base64, percent-encoded or JSON-escaped text: the decoders, outermost first
    ...(f.encoding ? { encoding: f.encoding } : {}),
  }));
  return `${JSON.stringify({ findings, stats: report.stats }, null, 2)}\n`;
}

export function formatText(report: Report): string {
  return report.findings
    .map(
      (f) =>
        `${f.file}:${f.line}:${f.column}: ${f.ruleId} ${f.redacted} (${f.confidence}` +
        (f.encoding ? `, ${[...f.encoding].reverse().join(' in ')}` : '') +
        ')' +
        (f.commit !== undefined ? ` in commit ${f.commit} by ${f.author} <${f.email}> on ${f.date}` : '') +
        '\n',
    )
    .join('');
}

export function summary(report: Report): string {
  const { stats } = report;
  const mb = (stats.bytes / 1e6).toFixed(1);
  const skipped = stats.skipped.tooLarge + stats.skipped.binary;
  const n = report.findings.length;
  const where =
    stats.commits !== undefined
      ? `${stats.commits} commit${stats.commits === 1 ? '' : 's'} (${stats.files} file changes, ${mb} MB of history, ${stats.ms} ms)`
      : `${stats.files} file${stats.files === 1 ? '' : 's'} (${mb} MB, ${stats.ms} ms)`;
  return (
    `keyguard: ${n} secret${n === 1 ? '' : 's'} found in ${where}; ` +
    `${stats.rejected} rejected by checksum/placeholder checks, ${stats.suppressed} suppressed by baseline, ` +
    `${skipped} skipped (${stats.skipped.tooLarge} too large, ${stats.skipped.binary} binary)` +
    (stats.errors > 0 ? `, ${stats.errors} unreadable` : '') +
    '\n'
  );
}

const LEVEL: Record<Confidence, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note' };
const SEVERITY: Record<Confidence, string> = { high: '9.0', medium: '7.0', low: '4.0' };

/** SARIF 2.1.0 as GitHub code scanning ingests it; the token hash is the result fingerprint. */
export function formatSarif(report: Report): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyguard',
            semanticVersion: report.version,
            informationUri: 'https://github.com/keyguard/keyguard',
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id
                .split('-')
                .map((w) => w[0]!.toUpperCase() + w.slice(1))
                .join(''),
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description}. Revoke the secret and remove it from history.` },
              help: {
                text: `${r.description} found in source: revoke or rotate it at the issuer, then remove it from the file and its history.`,
              },
              defaultConfiguration: { level: LEVEL[r.confidence] },
              properties: {
                tags: ['security', 'secret', r.provider],
                precision: r.confidence === 'high' ? 'high' : r.confidence === 'medium' ? 'medium' : 'low',
                'security-severity': SEVERITY[r.confidence],
              },
            })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: LEVEL[f.confidence],
          message: { text: `Possible ${f.ruleId} exposed: ${f.redacted}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          partialFingerprints: {
            'keyguardTokenHash/v1': f.tokenHash,
            // the same secret in another commit is another result, as in gitleaks' SARIF
            ...(f.commit !== undefined ? { commitSha: f.commit } : {}),
          },
          ...(f.commit !== undefined ? { properties: { commit: f.commit, author: f.author, email: f.email, date: f.date } } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function formatRules(rules: readonly Rule[], format: 'text' | 'json'): string {
  if (format === 'json') {
    return `${JSON.stringify(
      rules.map((r) => ({
        id: r.id,
        description: r.description,
        provider: r.provider,
        confidence: r.confidence,
        keywords: r.keywords,
        checksum: r.checksum !== undefined,
      })),
      null,
      2,
    )}\n`;
  }
  const width = Math.max(...rules.map((r) => r.id.length), 2);
  const lines = rules.map((r) => `${r.id.padEnd(width)}  ${r.confidence.padEnd(6)}  ${r.checksum ? 'crc ' : '    '} ${r.description}`);
  return `${'id'.padEnd(width)}  conf.   chk  description\n${lines.join('\n')}\n${rules.length} rules\n`;
}
