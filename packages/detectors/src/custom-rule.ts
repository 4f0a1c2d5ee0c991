import { foldCase } from './fold-case.js';
import type { Confidence, Rule, RuleAllowlist } from './types.js';

export { foldCase };

/** A gitleaks-style rule as written in a TOML/JSON config (already parsed). */
export interface CustomRuleDefinition {
  id: string;
  description?: string;
  /** Go RE2 / gitleaks syntax; see translateRegex for what is converted. */
  regex: string;
  secretGroup?: number;
  /** Case-insensitive literals (>= 3 characters) that must appear near a match. */
  keywords?: string[];
  entropy?: number;
  confidence?: Confidence;
  allowlists?: Array<{
    description?: string;
    condition?: 'OR' | 'AND';
    paths?: string[];
    regexes?: string[];
    regexTarget?: 'secret' | 'match' | 'line';
    stopwords?: string[];
  }>;
}

export class CustomRuleError extends Error {
  readonly code = 'CUSTOM_RULE_INVALID';
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(`custom rule "${ruleId}": ${message}`);
    this.name = 'CustomRuleError';
  }
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  digit: '0-9',
  xdigit: '0-9A-Fa-f',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
};

/**
 * Go RE2 → JavaScript: inline flag groups `(?i)`, `(?s)`, `(?m)` (and `(?i:…)`) become flags
 * on the whole pattern (JavaScript on Node 20 has no scoped modifiers), `(?P<n>` becomes
 * `(?<n>`, `\A` / `\z` become `^` / `$`, POSIX classes are expanded.
 */
export function translateRegex(source: string): { source: string; flags: string } {
  const flags = new Set<string>();
  let out = source.replace(/\(\?([imsU]+)\)/g, (_m, f: string) => {
    for (const c of f) if (c !== 'U') flags.add(c);
    return '';
  });
  out = out.replace(/\(\?([ims]+):/g, (_m, f: string) => {
    for (const c of f) flags.add(c);
    return '(?:';
  });
  out = out
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[:(\w+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m);
  return { source: out, flags: [...flags].sort().join('') };
}

function compileRegex(ruleId: string, source: string, what: string): RegExp {
  const t = translateRegex(source);
  if (t.flags.includes('i')) {
    t.source = foldCase(t.source);
    t.flags = t.flags.replace('i', '');
  }
  try {
    return new RegExp(t.source, t.flags);
  } catch (error) {
    throw new CustomRuleError(ruleId, `${what} does not compile: ${(error as Error).message}`);
  }
}

/** Turns a config rule into a Rule the scanner runs in a ±512-byte window around its keywords. */
export function compileCustomRule(def: CustomRuleDefinition): Rule {
  if (!def.id) throw new CustomRuleError('(missing id)', 'id is required');
  if (!def.regex) throw new CustomRuleError(def.id, 'regex is required');
  const pattern = compileRegex(def.id, def.regex, 'regex');
  const allowlists: RuleAllowlist[] = (def.allowlists ?? []).map((a) => ({
    ...(a.description !== undefined ? { description: a.description } : {}),
    condition: a.condition ?? 'OR',
    paths: (a.paths ?? []).map((p) => compileRegex(def.id, p, 'allowlist path')),
    regexes: (a.regexes ?? []).map((r) => compileRegex(def.id, r, 'allowlist regex')),
    regexTarget: a.regexTarget ?? 'secret',
    stopwords: a.stopwords ?? [],
  }));
  const rule: Rule = {
    id: def.id,
    description: def.description ?? def.id,
    provider: 'custom',
    keywords: def.keywords ?? [],
    ignoreCase: true,
    pattern,
    mode: 'window',
    window: { before: 512, after: 512 },
    confidence: def.confidence ?? 'medium',
    // Whatever a custom rule matches may be something a person chose (a password).
    hashing: 'keyed',
    placeholderCheck: false,
    allowlists,
  };
  if (def.entropy !== undefined) rule.entropy = def.entropy;
  if (def.secretGroup !== undefined) rule.secretGroup = def.secretGroup;
  return rule;
}
