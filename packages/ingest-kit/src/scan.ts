import type { Confidence, Scanner } from '@keyguard/detectors';
import { type AddedLine, joinLines } from './diff.js';
import type { FoundSecret } from './exposures.js';

export interface LineFinding {
  found: FoundSecret;
  /** Line number in the new file. */
  line: number;
}

const toFound = (f: { ruleId: string; tokenHash: string; redacted: string; confidence: Confidence; sealed?: string }): FoundSecret => ({
  ruleId: f.ruleId,
  tokenHash: f.tokenHash,
  redacted: f.redacted,
  confidence: f.confidence,
  ...(f.sealed ? { sealed: f.sealed } : {}),
});

/** Scans the added lines of one file in one pass; findings carry the new-file line numbers. */
export function scanAddedLines(scanner: Scanner, lines: AddedLine[], path: string): LineFinding[] {
  if (lines.length === 0) return [];
  const joined = joinLines(lines);
  const out: LineFinding[] = [];
  for (const finding of scanner.scan(joined.text, { path }).findings) {
    const line = joined.lineAt(finding.line);
    if (line !== undefined) out.push({ found: toFound(finding), line });
  }
  return out;
}

/** Scans a whole file (a new file whose diff was too large to be sent inline). */
export function scanFile(scanner: Scanner, content: string | Buffer, path: string): LineFinding[] {
  return scanner.scan(content, { path }).findings.map((f) => ({ found: toFound(f), line: f.line }));
}

export { toFound };
