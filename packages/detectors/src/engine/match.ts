import { ASSIGNED, ASSIGNED_PLAIN } from '../boundaries.js';
import { type CompiledRule, keywordPrefixLength } from './compile.js';
import type { Hits, Prefilter } from './prefilter.js';
import type { Source } from './source.js';

/** Characters kept before a searched window for lookbehinds (the shared boundaries look back 2). */
const LOOKBEHIND = 8;

/** From a provider's name to its value, for every rule with `assigned`: compiled once. */
const ASSIGNED_TRIES = [new RegExp(ASSIGNED, 'y'), new RegExp(ASSIGNED_PLAIN, 'y')];

/** A pattern match that still has to pass the rule's checks. Offsets are in the scanned input. */
export interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  match: string;
  groups: Readonly<Record<string, string | undefined>>;
  prefixLength: number;
  /** Decoders that revealed it, outermost first (absent for plain text). */
  encoding?: Array<'base64' | 'percent' | 'json'>;
}

/**
 * Keyword positions whose rules' patterns were run (after their prechecks and left-boundary
 * tables), in input order, with how far the patterns read around them: where decoding looks
 * for escapes.
 */
export interface Tried {
  pos: number[];
  before: number[];
  after: number[];
}

/**
 * Runs each rule's pattern where the prefilter found one of its keywords, and everywhere-rules
 * over the whole input, appending what matched to `out` and the positions tried to `tried`.
 */
export function matchRules(
  compiled: readonly CompiledRule[],
  everywhere: readonly CompiledRule[],
  prefilter: Prefilter,
  source: Source,
  hits: Hits,
  out: Candidate[],
  tried: Tried,
): void {
  const n = source.length;
  const triedAt = (p: number, c: CompiledRule): void => {
    const last = tried.pos.length - 1;
    const before = c.mode === 'window' ? c.before : 0;
    if (last >= 0 && tried.pos[last] === p) {
      tried.before[last] = Math.max(tried.before[last]!, before);
      tried.after[last] = Math.max(tried.after[last]!, c.after);
      return;
    }
    tried.pos.push(p);
    tried.before.push(before);
    tried.after.push(Math.min(c.after, 8192));
  };
  const windowHits = new Map<CompiledRule, number[]>();

  /**
   * `text[0]` is input offset `origin`; the searched window starts at `text[first]` (what comes
   * before it is only there for lookbehinds to see).
   */
  const consider = (c: CompiledRule, found: RegExpExecArray, text: string, origin: number, first: number): void => {
    const matchEnd = found.index + found[0].length;
    // a match touching a window edge that is not the input's edge may be a cut-off token
    if (found[0].length === 0) return;
    if ((found.index === first && origin + first > 0) || (matchEnd === text.length && origin + text.length < n)) return;
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
    const start = origin + secretStart;
    const end = start + secret.length;
    out.push({
      rule: c,
      start,
      end,
      secret: source.secret(start, end, secret),
      match: m[0],
      groups: m.groups ?? {},
      prefixLength: keywordPrefixLength(c.rule, secret),
    });
  };

  /** The name's rest and the assignment after the keyword at p (one shared regex), then the value. */
  const assigned = (c: CompiledRule, p: number, keywordLength: number): void => {
    const { text, offset } = source.cover(Math.max(0, p - 1), Math.min(n, p + c.after));
    const re = c.value!;
    let v: RegExpExecArray | null = null;
    for (let t = 0; t < ASSIGNED_TRIES.length && v === null; t++) {
      const assignment = ASSIGNED_TRIES[t]!;
      assignment.lastIndex = p + keywordLength - offset;
      const a = assignment.exec(text);
      if (a === null) return;
      re.lastIndex = a.index + a[0].length;
      v = re.exec(text);
    }
    if (v === null) return;
    const end = v.index + v[0].length;
    // a value running into the end of the decoded piece may be cut off
    if (end === text.length && offset + text.length < n) return;
    const secret = v.groups?.['secret'] ?? v[0];
    const start = offset + v.index;
    out.push({
      rule: c,
      start,
      end: start + secret.length,
      secret: source.secret(start, start + secret.length, secret),
      match: text.slice(p - offset, end),
      groups: v.groups ?? {},
      prefixLength: 0,
    });
  };

  for (let h = 0; h < hits.pos.length; h++) {
    const p = hits.pos[h]!;
    const entry = prefilter.entries[hits.entry[h]!]!;
    for (const ruleIndex of entry.rules) {
      const c = compiled[ruleIndex]!;
      const precheck = c.rule.precheck;
      if (precheck !== undefined && !precheck(source.at, p + entry.keyword.length, Math.min(n, p + c.after))) continue;
      if (c.mode === 'window') {
        const list = windowHits.get(c);
        if (list) list.push(p);
        else windowHits.set(c, [p]);
        triedAt(p, c);
        continue;
      }
      if (c.mode === 'assigned') {
        triedAt(p, c);
        assigned(c, p, entry.keyword.length);
        continue;
      }
      const reject = c.leftReject;
      if (reject !== undefined && p > 0) {
        const before = source.at(p - 1);
        // skip unless the character before is the n/r/t of a string escape (`\n`)
        const escaped = (before === 110 || before === 114 || before === 116) && p > 1 && source.at(p - 2) === 92;
        if (before < 256 && reject[before] === 1 && !escaped) {
          // a keyword right after a %XX (or %25XX) or \uXXXX escape is worth decoding around
          // (`%22ghp_…`)
          const percent = (p >= 3 && source.at(p - 3) === 37) || (p >= 5 && source.at(p - 5) === 37);
          if (percent || (p >= 6 && source.at(p - 6) === 92 && source.at(p - 5) === 117)) triedAt(p, c);
          continue;
        }
      }
      triedAt(p, c);
      // sticky match straight on the covering text: patterns are bounded, so the window's
      // `after` only has to be covered, never sliced out
      const { text, offset } = source.cover(Math.max(0, p - c.before), Math.min(n, p + c.after));
      c.sticky.lastIndex = p - offset;
      const m = c.sticky.exec(text);
      if (m !== null) consider(c, m, text, offset, 0);
    }
  }

  const searchSpan = (c: CompiledRule, ws: number, we: number, positions: number[] | undefined): void => {
    // a few characters before the window stay in the text so that lookbehinds see them
    const first = Math.min(ws, LOOKBEHIND);
    const covering = source.cover(ws - first, we);
    const text = covering.text.slice(ws - first - covering.offset, we - covering.offset);
    const re = c.global;
    re.lastIndex = first;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      const before = out.length;
      consider(c, m, text, ws - first, first);
      if (c.lines !== undefined && positions && out.length > before && !withinLines(source, out.at(-1)!.start, positions, c.lines)) {
        out.pop();
      }
    }
  };

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
}

/** True when `offset` is at most `lines` line breaks away from one of the keyword positions. */
function withinLines(source: Source, offset: number, positions: readonly number[], lines: number): boolean {
  for (const p of positions) {
    const [a, b] = p < offset ? [p, offset] : [offset, p];
    let count = 0;
    let nl = source.indexOf(10, a);
    while (nl !== -1 && nl < b && count <= lines) {
      count++;
      nl = source.indexOf(10, nl + 1);
    }
    if (count <= lines) return true;
  }
  return false;
}
