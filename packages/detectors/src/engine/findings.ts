import { redact } from '../redact.js';
import type { Finding, ScanOptions } from '../types.js';
import type { Source } from './source.js';
import type { Accepted } from './verify.js';

/**
 * Turns accepted candidates (sorted by offset) into findings with 1-based lines and columns.
 * Newlines are counted once, forward, between consecutive findings.
 */
export function toFindings(accepted: readonly Accepted[], source: Source, options: ScanOptions): Finding[] {
  const findings: Finding[] = [];
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  const advance = (offset: number): void => {
    if (offset <= cursor) return;
    const newlines = source.countNewlines(cursor, offset);
    if (newlines > 0) {
      line += newlines;
      lineStart = source.lastNewlineBefore(offset) + 1;
    }
    cursor = offset;
  };
  for (const cand of accepted) {
    advance(cand.start);
    const startLine = line;
    const startColumn = cand.start - lineStart + 1;
    // the span as written: for a decoded secret, the encoded text that holds it
    let endLine = startLine;
    let endLineStart = lineStart;
    const spanNewlines = cand.encoding ? source.countNewlines(cand.start, cand.end) : 0;
    if (spanNewlines > 0) {
      endLine += spanNewlines;
      endLineStart = source.lastNewlineBefore(cand.end) + 1;
    } else if (!cand.encoding) {
      let nl = cand.secret.indexOf('\n');
      while (nl !== -1) {
        endLine++;
        endLineStart = cand.start + nl + 1;
        nl = cand.secret.indexOf('\n', nl + 1);
      }
    }
    const finding: Finding = {
      ruleId: cand.rule.rule.id,
      tokenHash: cand.hash,
      redacted: redact(cand.secret, cand.prefixLength || undefined, { tail: cand.rule.rule.hashing !== 'keyed' }),
      confidence: cand.rule.rule.confidence,
      line: startLine,
      column: startColumn,
      endLine,
      endColumn: cand.end - endLineStart + 1,
      offset: cand.start,
    };
    if (cand.encoding) finding.encoding = cand.encoding;
    if (options.path !== undefined) finding.path = options.path;
    if (options.location !== undefined) finding.location = { ...options.location };
    if (options.includeRaw === true) finding.raw = cand.secret;
    findings.push(finding);
  }
  return findings;
}
