import { DOCUMENTATION_EXAMPLE_HASHES } from '../checks/doc-examples.js';
import { shannonEntropy } from '../checks/entropy.js';
import { isPlaceholder } from '../checks/placeholders.js';
import { hashToken, tokenHashFor } from '../hash.js';
import { redact } from '../redact.js';
import { defaultRules } from '../registry.js';
import type {
  Classification,
  Finding,
  ProtectedSecret,
  Rule,
  RuleMode,
  ScanOptions,
  ScanResult,
  ScanStats,
  Scanner,
  ScannerOptions,
} from '../types.js';
import { globToRegExp } from './glob.js';
import { type Hits, MIN_KEYWORD_LENGTH, Prefilter } from './prefilter.js';
import { validateRules } from './validate-rules.js';

/** How a compiled rule is run: `everywhere` is for custom rules without usable keywords. */
type Mode = RuleMode | 'everywhere';

interface CompiledRule {
  rule: Rule;
  mode: Mode;
  before: number;
  after: number;
  lines: number | undefined;
  sticky: RegExp;
  global: RegExp;
  secretGroup: boolean;
  /** Custom rules: take group `rule.secretGroup`, or the first non-empty group. */
  groupSecret: boolean;
  /**
   * The pattern with the `d` flag, run sticky at a match already found to get group offsets.
   * Searching is done without `d`: V8's linear-time fallback for runaway backtracking does not
   * cover regexes with the `d` (or `i`) flag.
   */
  indices: RegExp | undefined;
  /**
   * Characters (0-255) that the pattern's leading `(?<![...])` rejects before a match: a hit
   * preceded by one is skipped without running the regex (a run of repeated keywords costs a
   * table lookup per hit).
   */
  leftReject: Uint8Array | undefined;
}

/**
 * The 256-entry table of a pattern's leading negative-lookbehind class, if it has a simple one
 * (`(?<![…])`, or the shared `(?:(?<![…])|(?<=\\[nrt]))` whose escape case scan() honours).
 */
function leftRejectTable(pattern: RegExp): Uint8Array | undefined {
  const m = /^(?:\(\?<!(\[[^\]]+\])\)|\(\?:\(\?<!(\[[^\]]+\])\)\|\(\?<=\\\\\[nrt\]\)\))/.exec(pattern.source);
  if (!m) return undefined;
  const cls = new RegExp(`^${m[1] ?? m[2]}$`, pattern.flags.replace(/[gyd]/g, ''));
  const table = new Uint8Array(256);
  for (let c = 0; c < 256; c++) table[c] = cls.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
}

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  match: string;
  groups: Readonly<Record<string, string | undefined>>;
  prefixLength: number;
}

/** Input abstraction: the engine reads text of either a Buffer (decoded as latin1) or a string. */
interface Source {
  length: number;
  /**
   * A string holding at least [start, end) and the input offset of its first character. For a
   * string input this is the input itself; a Buffer is decoded in pieces (window + 2 KB) that
   * later hits reuse, so dense hits do not each pay for decoding their own window.
   */
  cover(start: number, end: number): { text: string; offset: number };
  /** Exact secret: re-decodes non-ASCII byte ranges as UTF-8 so hashes match the file's text. */
  secret(start: number, end: number, latin1: string): string;
  indexOfNewline(from: number): number;
  countNewlines(from: number, to: number): number;
  /** Offset of the last newline before `offset`, or -1. */
  lastNewlineBefore(offset: number): number;
  /** The line containing `offset`, without its newline. */
  lineAt(offset: number): string;
}

/** Extra bytes decoded past a window so that nearby hits reuse the same piece. */
const DECODE_SLACK = 2 * 1024;

const DEFAULT_WINDOW: Record<Mode, { before: number; after: number }> = {
  keyword: { before: 32, after: 256 },
  window: { before: 256, after: 256 },
  everywhere: { before: 0, after: 0 },
};

const NON_ASCII = /[\u0080-\uffff]/;

function bufferSource(bytes: Uint8Array, prefilter: Prefilter): Source {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const piece = { text: '', offset: 0 };
  return {
    length: buf.length,
    cover(start, end) {
      if (start < piece.offset || end > piece.offset + piece.text.length) {
        const to = Math.min(buf.length, end + DECODE_SLACK);
        // latin1 keeps V8 strings one-byte and is the cheapest decode (offsets stay byte offsets)
        piece.text = buf.toString('latin1', start, to);
        piece.offset = start;
      }
      return piece;
    },
    secret: (start, end, latin1) => (NON_ASCII.test(latin1) ? buf.toString('utf8', start, end) : latin1),
    indexOfNewline: (from) => buf.indexOf(10, from),
    countNewlines: (from, to) => prefilter.countNewlines(buf, from, to),
    lastNewlineBefore: (offset) => (offset > 0 ? buf.lastIndexOf(10, offset - 1) : -1),
    lineAt: (offset) => {
      const end = buf.indexOf(10, offset);
      return buf.toString('utf8', buf.lastIndexOf(10, offset) + 1, end === -1 ? buf.length : end);
    },
  };
}

function stringSource(text: string, prefilter: Prefilter): Source {
  const whole = { text, offset: 0 };
  return {
    length: text.length,
    cover: () => whole,
    secret: (_start, _end, value) => value,
    indexOfNewline: (from) => text.indexOf('\n', from),
    countNewlines: (from, to) => prefilter.countNewlines(text, from, to),
    lastNewlineBefore: (offset) => (offset > 0 ? text.lastIndexOf('\n', offset - 1) : -1),
    lineAt: (offset) => {
      const end = text.indexOf('\n', offset);
      return text.slice(text.lastIndexOf('\n', offset) + 1, end === -1 ? text.length : end);
    },
  };
}

function compile(rule: Rule): CompiledRule {
  // a keyword too short to prefilter on means the rule must look everywhere (custom rules only)
  const usable = rule.keywords.length > 0 && rule.keywords.every((k) => k.length >= MIN_KEYWORD_LENGTH);
  const mode: Mode = usable ? (rule.mode ?? 'keyword') : 'everywhere';
  const defaults = DEFAULT_WINDOW[mode];
  const secretGroup = /\(\?<secret>/.test(rule.pattern.source);
  const groupSecret = !secretGroup && (rule.secretGroup !== undefined || rule.provider === 'custom');
  const flags = rule.pattern.flags.replace(/[gyd]/g, '');
  return {
    rule,
    mode,
    before: rule.window?.before ?? defaults.before,
    after: rule.window?.after ?? defaults.after,
    lines: rule.window?.lines,
    sticky: new RegExp(rule.pattern.source, `${flags}y`),
    global: new RegExp(rule.pattern.source, `${flags}g`),
    secretGroup,
    groupSecret,
    indices: secretGroup || groupSecret ? new RegExp(rule.pattern.source, `${flags}dy`) : undefined,
    leftReject: mode === 'keyword' ? leftRejectTable(rule.pattern) : undefined,
  };
}

function emptyStats(bytes: number): ScanStats {
  return {
    bytes,
    rejected: 0,
    rejectedBy: { checksum: 0, entropy: 0, placeholder: 0, invalid: 0 },
    allowlisted: 0,
    keywordHits: 0,
  };
}

function keywordPrefixLength(rule: Rule, secret: string): number {
  let best = 0;
  for (const k of rule.keywords) {
    const head = secret.slice(0, k.length);
    if (k.length > best && (rule.ignoreCase ? head.toLowerCase() === k.toLowerCase() : head === k)) best = k.length;
  }
  return best;
}

/**
 * Builds a scanner over `rules` (default: every built-in rule). The catalogue is validated here
 * and a broken rule throws, listing every problem.
 */
export function createScanner(options: ScannerOptions = {}): Scanner {
  const rules = options.rules ?? defaultRules;
  validateRules(rules);
  const ignoredRules = new Set(options.allowlist?.rules ?? []);
  const allowedHashes = new Set(options.allowlist?.tokenHashes ?? []);
  const allowedPaths = (options.allowlist?.paths ?? []).map(globToRegExp);
  const compiled = rules.filter((r) => !ignoredRules.has(r.id)).map(compile);
  const keywordRules = compiled.flatMap((c, index) =>
    c.mode === 'everywhere'
      ? []
      : c.rule.keywords.map((keyword) => ({ keyword, ignoreCase: c.rule.ignoreCase === true, rule: index })),
  );
  const prefilter = new Prefilter(keywordRules);
  const everywhere = compiled.filter((c) => c.mode === 'everywhere');

  function scan(input: string | Uint8Array, scanOptions: ScanOptions = {}): ScanResult {
    const isString = typeof input === 'string';
    const source = isString ? stringSource(input, prefilter) : bufferSource(input, prefilter);
    const stats = emptyStats(isString ? Buffer.byteLength(input) : input.length);
    const path = scanOptions.path;
    if (path !== undefined && allowedPaths.some((re) => re.test(path))) return { findings: [], stats };

    const hits: Hits = { entry: [], pos: [] };
    if (isString) prefilter.findInString(input, hits);
    else prefilter.findInBytes(input, hits);
    stats.keywordHits = hits.pos.length;

    const candidates: Candidate[] = [];
    const n = source.length;
    const at = isString ? (i: number) => input.charCodeAt(i) : (i: number) => (input as Uint8Array)[i]!;
    const windowHits = new Map<CompiledRule, number[]>();

    const consider = (c: CompiledRule, found: RegExpExecArray, text: string, ws: number, we: number): void => {
      const matchEnd = found.index + found[0].length;
      // a match touching a window edge that is not the input's edge may be a cut-off token
      if ((found.index === 0 && ws > 0) || (matchEnd === text.length && we < n) || found[0].length === 0) return;
      let m = found;
      if (c.indices) {
        c.indices.lastIndex = found.index;
        const again = c.indices.exec(text);
        if (again === null) return;
        m = again;
      }
      let secret = m[0];
      let secretStart = m.index;
      if (c.secretGroup) {
        const span = m.indices?.groups?.['secret'];
        if (!span) return;
        secretStart = span[0];
        secret = m.groups!['secret']!;
      } else if (c.groupSecret && m.length > 1) {
        // gitleaks semantics: `secretGroup`, else the first non-empty capture group
        const wanted = c.rule.secretGroup;
        for (let g = wanted ?? 1; g < (wanted === undefined ? m.length : wanted + 1); g++) {
          const value = m[g];
          const span = m.indices?.[g];
          if (value && span) {
            secret = value;
            secretStart = span[0];
            break;
          }
        }
      }
      const start = ws + secretStart;
      const end = start + secret.length;
      candidates.push({
        rule: c,
        start,
        end,
        secret: source.secret(start, end, secret),
        match: m[0],
        groups: m.groups ?? {},
        prefixLength: keywordPrefixLength(c.rule, secret),
      });
    };

    for (let h = 0; h < hits.pos.length; h++) {
      const p = hits.pos[h]!;
      const entry = prefilter.entries[hits.entry[h]!]!;
      for (const ruleIndex of entry.rules) {
        const c = compiled[ruleIndex]!;
        const precheck = c.rule.precheck;
        if (precheck !== undefined && !precheck(at, p + entry.codes.length, Math.min(n, p + c.after))) continue;
        if (c.mode === 'window') {
          const list = windowHits.get(c);
          if (list) list.push(p);
          else windowHits.set(c, [p]);
          continue;
        }
        const reject = c.leftReject;
        if (reject !== undefined && p > 0) {
          const before = at(p - 1);
          // skip unless the character before is the n/r/t of a string escape (`\n`)
          const escaped = (before === 110 || before === 114 || before === 116) && p > 1 && at(p - 2) === 92;
          if (before < 256 && reject[before] === 1 && !escaped) continue;
        }
        // sticky match straight on the covering text: patterns are bounded, so the window's
        // `after` only has to be covered, never sliced out
        const { text, offset } = source.cover(Math.max(0, p - c.before), Math.min(n, p + c.after));
        c.sticky.lastIndex = p - offset;
        const m = c.sticky.exec(text);
        if (m !== null) consider(c, m, text, offset, offset + text.length);
      }
    }

    // window rules: merge overlapping windows so each byte is searched at most once per rule
    for (const [c, positions] of windowHits) {
      let i = 0;
      while (i < positions.length) {
        const ws = Math.max(0, positions[i]! - c.before);
        let we = Math.min(n, positions[i]! + c.after);
        while (i + 1 < positions.length && positions[i + 1]! - c.before <= we) {
          i++;
          we = Math.min(n, positions[i]! + c.after);
        }
        i++;
        searchSpan(c, ws, we, positions);
      }
    }
    for (const c of everywhere) searchSpan(c, 0, n, undefined);

    function searchSpan(c: CompiledRule, ws: number, we: number, positions: number[] | undefined): void {
      const covering = source.cover(ws, we);
      const text = covering.text.slice(ws - covering.offset, we - covering.offset);
      const re = c.global;
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0].length === 0) re.lastIndex++;
        const before = candidates.length;
        consider(c, m, text, ws, we);
        if (c.lines !== undefined && positions && candidates.length > before) {
          const cand = candidates[candidates.length - 1]!;
          if (!withinLines(cand.start, positions, c.lines)) candidates.pop();
        }
      }
    }

    function withinLines(offset: number, positions: number[], lines: number): boolean {
      for (const p of positions) {
        const [a, b] = p < offset ? [p, offset] : [offset, p];
        let count = 0;
        let nl = source.indexOfNewline(a);
        while (nl !== -1 && nl < b && count <= lines) {
          count++;
          nl = source.indexOfNewline(nl + 1);
        }
        if (count <= lines) return true;
      }
      return false;
    }

    const accepted = check(candidates, stats, path, source);
    return { findings: toFindings(accepted, source, scanOptions), stats };
  }

  function check(candidates: Candidate[], stats: ScanStats, path: string | undefined, source: Source): Candidate[] {
    const kept: Candidate[] = [];
    for (const cand of candidates) {
      const rule = cand.rule.rule;
      const body = cand.secret.slice(cand.prefixLength);
      if (rule.checksum && !rule.checksum(cand.secret)) {
        stats.rejectedBy.checksum++;
        continue;
      }
      const hash = hashToken(cand.secret);
      // A passing checksum already proves the token was generated, not typed: a random body
      // that happens to contain "your" or "Xxxx" (about 1 in 10,000) is still a real token.
      const placeholderCheck = rule.placeholderCheck !== false && !rule.checksum;
      if (DOCUMENTATION_EXAMPLE_HASHES.has(hash) || (placeholderCheck && isPlaceholder(body))) {
        stats.rejectedBy.placeholder++;
        continue;
      }
      if (rule.entropy !== undefined && shannonEntropy(body) < rule.entropy) {
        stats.rejectedBy.entropy++;
        continue;
      }
      if (rule.validate && !rule.validate(cand.secret, cand.groups)) {
        stats.rejectedBy.invalid++;
        continue;
      }
      const reported = tokenHashFor(cand.secret, rule.hashing ?? 'sha256', options.hashKey);
      if (allowedHashes.has(hash) || allowedHashes.has(reported) || ruleAllowlisted(rule, cand, path, source)) {
        stats.allowlisted++;
        continue;
      }
      kept.push(cand);
      hashes.set(cand, reported);
    }
    const { checksum, placeholder, entropy, invalid } = stats.rejectedBy;
    stats.rejected = checksum + placeholder + entropy + invalid;
    // one finding per secret span: a containing match wins, then the more confident rule
    kept.sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b));
    const out: Candidate[] = [];
    let lastEnd = -1;
    for (const cand of kept) {
      if (cand.end <= lastEnd) continue;
      out.push(cand);
      lastEnd = Math.max(lastEnd, cand.end);
    }
    return out;
  }

  const hashes = new WeakMap<Candidate, string>();
  const rank = (c: Candidate): number => ({ high: 0, medium: 1, low: 2 })[c.rule.rule.confidence];

  function ruleAllowlisted(rule: Rule, cand: Candidate, path: string | undefined, source: Source): boolean {
    for (const list of rule.allowlists ?? []) {
      const results: boolean[] = [];
      if (list.paths?.length) results.push(path !== undefined && list.paths.some((re) => re.test(path)));
      if (list.regexes?.length) {
        const target =
          list.regexTarget === 'match' ? cand.match : list.regexTarget === 'line' ? source.lineAt(cand.start) : cand.secret;
        results.push(list.regexes.some((re) => re.test(target)));
      }
      if (list.stopwords?.length) {
        const secret = cand.secret.toLowerCase();
        results.push(list.stopwords.some((w) => secret.includes(w.toLowerCase())));
      }
      if (results.length === 0) continue;
      if (list.condition === 'AND' ? results.every(Boolean) : results.some(Boolean)) return true;
    }
    return false;
  }

  function toFindings(accepted: Candidate[], source: Source, scanOptions: ScanOptions): Finding[] {
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
      let endLine = startLine;
      let endLineStart = lineStart;
      let nl = cand.secret.indexOf('\n');
      while (nl !== -1) {
        endLine++;
        endLineStart = cand.start + nl + 1;
        nl = cand.secret.indexOf('\n', nl + 1);
      }
      const finding: Finding = {
        ruleId: cand.rule.rule.id,
        tokenHash: hashes.get(cand)!,
        redacted: redact(cand.secret, cand.prefixLength || undefined, { tail: cand.rule.rule.hashing !== 'keyed' }),
        confidence: cand.rule.rule.confidence,
        line: startLine,
        column: startColumn,
        endLine,
        endColumn: cand.end - endLineStart + 1,
        offset: cand.start,
      };
      if (scanOptions.path !== undefined) finding.path = scanOptions.path;
      if (scanOptions.location !== undefined) finding.location = { ...scanOptions.location };
      if (scanOptions.includeRaw === true) finding.raw = cand.secret;
      findings.push(finding);
    }
    return findings;
  }

  function classify(token: string): Classification | null {
    for (const c of compiled) {
      const re = c.global;
      re.lastIndex = 0;
      const m = re.exec(token);
      if (m === null) continue;
      const secret = c.secretGroup ? m.groups?.['secret'] : m[0];
      if (secret !== token) continue;
      return { ruleId: c.rule.id, checksumValid: c.rule.checksum ? c.rule.checksum(token) : null };
    }
    return null;
  }

  const byId = new Map(compiled.map((c) => [c.rule.id, c.rule]));
  function protect(token: string, ruleId?: string): ProtectedSecret {
    const rule = ruleId === undefined ? undefined : byId.get(ruleId);
    const hashing = rule?.hashing ?? (rule ? 'sha256' : 'keyed');
    return { tokenHash: tokenHashFor(token, hashing, options.hashKey), redacted: redact(token, undefined, { tail: hashing !== 'keyed' }) };
  }

  return { rules: compiled.map((c) => c.rule), scan, classify, protect };
}
