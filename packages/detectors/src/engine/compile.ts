import type { Rule, RuleMode } from '../types.js';
import { MIN_KEYWORD_LENGTH } from './prefilter.js';

/**
 * How a compiled rule is run: `everywhere` is for custom rules without usable keywords,
 * `assigned` for rules with `assigned` (a value assigned to a name holding the keyword).
 */
export type Mode = RuleMode | 'everywhere' | 'assigned';

export interface CompiledRule {
  rule: Rule;
  mode: Mode;
  before: number;
  after: number;
  lines: number | undefined;
  /** The pattern with `y`, run at a keyword hit (keyword mode). Built on first use, as are the others. */
  readonly sticky: RegExp;
  /** The pattern with `g`, searched in a window (window mode, custom rules, classify). */
  readonly global: RegExp;
  secretGroup: boolean;
  /** Custom rules: take group `rule.secretGroup`, or the first non-empty group. */
  groupSecret: boolean;
  /**
   * The pattern with the `d` flag, run sticky at a match already found to get group offsets.
   * Searching is done without `d`: V8's linear-time fallback for runaway backtracking does not
   * cover regexes with the `d` (or `i`) flag.
   */
  readonly indices: RegExp | undefined;
  /** `rule.assigned` with `y`, run where the shared assignment regex ended (assigned mode). */
  readonly value: RegExp | undefined;
  /**
   * Characters (0-255) that the pattern's leading `(?<![...])` rejects before a match: a hit
   * preceded by one is skipped without running the regex (a run of repeated keywords costs a
   * table lookup per hit).
   */
  leftReject: Uint8Array | undefined;
}

const DEFAULT_WINDOW: Record<Mode, { before: number; after: number }> = {
  keyword: { before: 32, after: 256 },
  window: { before: 256, after: 256 },
  everywhere: { before: 0, after: 0 },
  assigned: { before: 1, after: 256 },
};

/**
 * The 256-entry table of a pattern's leading negative-lookbehind class, if it has a simple one
 * (`(?<![…])`, or the shared `(?:(?<![…])|(?<=\\[nrt]))` whose escape case the matcher honours).
 */
function leftRejectTable(pattern: RegExp): Uint8Array | undefined {
  const m = /^(?:\(\?<!(\[[^\]]+\])\)|\(\?:\(\?<!(\[[^\]]+\])\)\|\(\?<=\\\\\[nrt\]\)\))/.exec(pattern.source);
  if (!m) return undefined;
  const key = `${m[1] ?? m[2]}/${pattern.flags}`;
  let table = TABLES.get(key);
  if (!table) {
    const cls = new RegExp(`^${m[1] ?? m[2]}$`, pattern.flags.replace(/[gyd]/g, ''));
    table = new Uint8Array(256);
    for (let c = 0; c < 256; c++) table[c] = cls.test(String.fromCharCode(c)) ? 1 : 0;
    TABLES.set(key, table);
  }
  return table;
}

/** Rules share a handful of boundary classes: one table each. */
const TABLES = new Map<string, Uint8Array>();

export function compileRule(rule: Rule): CompiledRule {
  // a keyword too short to prefilter on means the rule must look everywhere (custom rules only)
  const usable = rule.keywords.length > 0 && rule.keywords.every((k) => k.length >= MIN_KEYWORD_LENGTH);
  const mode: Mode = !usable ? 'everywhere' : rule.assigned ? 'assigned' : (rule.mode ?? 'keyword');
  const defaults = DEFAULT_WINDOW[mode];
  const secretGroup = /\(\?<secret>/.test(rule.pattern.source);
  const groupSecret = !secretGroup && (rule.secretGroup !== undefined || rule.provider === 'custom');
  const flags = rule.pattern.flags.replace(/[gyd]/g, '');
  // a RegExp costs a parse when built and a compile when first run: most rules never run in a
  // given scan, so each variant is built when first asked for
  let sticky: RegExp | undefined;
  let global: RegExp | undefined;
  let indices: RegExp | undefined;
  let value: RegExp | undefined;
  return {
    rule,
    mode,
    before: rule.window?.before ?? defaults.before,
    after: rule.window?.after ?? defaults.after,
    lines: rule.window?.lines,
    get sticky() {
      sticky ??= new RegExp(rule.pattern.source, `${flags}y`);
      return sticky;
    },
    get global() {
      global ??= new RegExp(rule.pattern.source, `${flags}g`);
      return global;
    },
    secretGroup,
    groupSecret,
    get indices() {
      if (!secretGroup && !groupSecret) return undefined;
      indices ??= new RegExp(rule.pattern.source, `${flags}dy`);
      return indices;
    },
    get value() {
      if (!rule.assigned) return undefined;
      value ??= new RegExp(rule.assigned.source, `${rule.assigned.flags.replace(/[gyd]/g, '')}y`);
      return value;
    },
    leftReject: mode === 'keyword' ? leftRejectTable(rule.pattern) : undefined,
  };
}

/** Length of the rule keyword the secret starts with (its public prefix), or 0. */
export function keywordPrefixLength(rule: Rule, secret: string): number {
  let best = 0;
  for (const k of rule.keywords) {
    const head = secret.slice(0, k.length);
    if (k.length > best && (rule.ignoreCase ? head.toLowerCase() === k.toLowerCase() : head === k)) best = k.length;
  }
  return best;
}
