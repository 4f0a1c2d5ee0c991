import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../boundaries.js';
import type { SampleGenerator } from '../samples/generator.js';
import type { Confidence, Rule, RuleMode, TruePositive } from '../types.js';

/** A token with a distinctive literal prefix (or marker): found wherever it appears. */
export interface TokenRuleSpec {
  id: string;
  description: string;
  provider: string;
  /** Literal prefixes (or, in window mode, markers inside the token) the prefilter looks for. */
  keywords: string[];
  /** The token's shape after the left boundary, bounded quantifiers only. */
  token: string;
  /** Left and right boundary fragments (default: not next to a base64url character). */
  left?: string;
  right?: string;
  /** Window mode for markers that sit inside the token. */
  mode?: RuleMode;
  window?: Rule['window'];
  confidence?: Confidence;
  /** Minimum entropy of the part after the keyword (default 3). */
  entropy?: number;
  checksum?: Rule['checksum'];
  validate?: Rule['validate'];
  /** False for formats whose real tokens hold long runs of one character. */
  placeholderCheck?: boolean;
  /** Generated true positives (a text with its secret when the secret is part of the match). */
  samples: (g: SampleGenerator) => TruePositive[];
  /** Near-misses that must not be reported, beyond the placeholders every token rule gets. */
  nearMisses?: (g: SampleGenerator) => string[];
}

/**
 * A prefixed-token rule. Its false positives always include the token glued to a preceding
 * letter (the left boundary) and its body replaced by a placeholder run, besides the rule's own
 * near-misses (one character short, wrong alphabet, bad checksum).
 */
export function tokenRule(spec: TokenRuleSpec): Rule {
  const keyword = spec.keywords[0]!;
  const rule: Rule = {
    id: spec.id,
    description: spec.description,
    provider: spec.provider,
    keywords: spec.keywords,
    pattern: pattern(spec.left ?? LEFT_TOKEN, spec.token, spec.right ?? RIGHT_TOKEN),
    confidence: spec.confidence ?? 'high',
    samples: {
      truePositives: spec.samples,
      falsePositives: (g) => {
        const own = spec.nearMisses?.(g) ?? [];
        // markers inside a token (window mode) have no prefix to keep: their near-misses are their own
        if (spec.mode === 'window') return own;
        const first = spec.samples(g)[0]!;
        const sample = typeof first === 'string' ? first : first.text;
        const head = sample.slice(0, sample.indexOf(keyword) + keyword.length);
        const placeholders = [`${head}${'x'.repeat(sample.length - head.length)}`, `${head}<your-token-here>`];
        // glued to a preceding letter, a token that starts with its keyword is not that token
        return sample.startsWith(keyword) ? [...placeholders, `Q${sample}`, ...own] : [...placeholders, ...own];
      },
    },
  };
  if (spec.mode !== undefined) rule.mode = spec.mode;
  if (spec.window !== undefined) rule.window = spec.window;
  if (spec.checksum) rule.checksum = spec.checksum;
  else rule.entropy = spec.entropy ?? 3;
  if (spec.validate) rule.validate = spec.validate;
  if (spec.placeholderCheck === false) rule.placeholderCheck = false;
  return rule;
}
