import { ASSIGNED, escapeRegExp, pattern } from '../boundaries.js';
import { foldCase } from '../fold-case.js';
import { GENERIC_NAME } from '../samples/contexts.js';
import type { SampleGenerator } from '../samples/generator.js';
import type { Confidence, Rule } from '../types.js';

/** A secret with no prefix of its own: reported only when assigned to a name that says whose it is. */
export interface ContextRuleSpec {
  id: string;
  description: string;
  provider: string;
  /**
   * Words the name of the value contains, any case (`algolia` → `ALGOLIA_ADMIN_KEY`,
   * `algoliaApiKey`, `algolia.api.key`). The first is the stem the tests assign samples to.
   */
  names: string[];
  /** The value's shape, bounded quantifiers only. */
  value: string;
  /** What may not follow the value (default: a letter, digit, `_` or `-`). */
  right?: string;
  /** Longest value, for the window searched after a name (default 100). */
  maxLength?: number;
  confidence?: Confidence;
  /** Minimum entropy of the value (default 3). */
  entropy?: number;
  validate?: Rule['validate'];
  /**
   * The value is random over both letter cases: require an upper- and a lower-case letter, which
   * sets it apart from hashes and ids (hex, UUIDs) that share its length.
   */
  mixedCase?: boolean;
  /** False for formats whose real values hold long runs of one character. */
  placeholderCheck?: boolean;
  samples: (g: SampleGenerator) => string[];
  /** Near-misses that must not be reported, besides the value under another name and placeholders. */
  nearMisses?: (g: SampleGenerator) => string[];
}

/**
 * A context rule, in gitleaks' "semi-generic" style: one of the provider's names, the rest of
 * the identifier, an assignment in any style (`boundaries.ASSIGN`), then the value. The names
 * are the prefilter keywords (case-insensitive) and the pattern is searched in a window that
 * starts at the name, so a rule costs nothing where its provider is not mentioned.
 */
export function contextRule(spec: ContextRuleSpec): Rule {
  const names = spec.names.map((n) => foldCase(escapeRegExp(n))).join('|');
  const right = spec.right ?? '(?![A-Za-z0-9_-])';
  const rule: Rule = {
    id: spec.id,
    description: spec.description,
    provider: spec.provider,
    keywords: spec.names,
    ignoreCase: true,
    mode: 'window',
    // the match starts at the name: one character before it keeps the match off the window's
    // edge; after it, the rest of the name (32), the assignment (~110) and the value
    window: { before: 1, after: Math.max(...spec.names.map((n) => n.length)) + 160 + (spec.maxLength ?? 100) },
    pattern: pattern(`(?:${names})`, ASSIGNED, `(?<secret>${spec.value})`, right),
    assigned: pattern(`(?<secret>${spec.value})`, right),
    confidence: spec.confidence ?? 'medium',
    entropy: spec.entropy ?? 3,
    samples: {
      context: spec.names[0]!,
      truePositives: spec.samples,
      falsePositives: (g) => {
        const value = spec.samples(g)[0]!;
        const name = spec.names[0]!.toUpperCase();
        return [
          // the same value under a name that does not say whose it is
          `${GENERIC_NAME.toUpperCase()}_API_KEY=${value}`,
          `const token = "${value}";`,
          // placeholders under the right name
          `${name}_API_KEY=${'x'.repeat(value.length)}`,
          `${name}_API_KEY=<your-${spec.names[0]}-key>`,
          ...(spec.nearMisses?.(g) ?? []),
        ];
      },
    },
  };
  if (spec.placeholderCheck === false) rule.placeholderCheck = false;
  const validate = spec.validate;
  if (spec.mixedCase) {
    const mixedCase: Validate = (secret, groups) => /[A-Z]/.test(secret) && /[a-z]/.test(secret) && (validate?.(secret, groups) ?? true);
    MIXED_CASE_VALIDATES.set(mixedCase, validate);
    rule.validate = mixedCase;
  } else if (validate) rule.validate = validate;
  return rule;
}

type Validate = NonNullable<Rule['validate']>;

/**
 * The validate functions `mixedCase` composes, each with the rule's own validate inside it (or
 * undefined): how scripts/native-manifest.mjs tells the mixed-case check, which the native
 * engine implements, from a rule's own function, which it would have to be told about.
 */
export const MIXED_CASE_VALIDATES = new WeakMap<Validate, Validate | undefined>();
