import type { SecretHashing } from './hash.js';
import type { SampleGenerator } from './samples/generator.js';

export type Confidence = 'high' | 'medium' | 'low';

/**
 * How the engine runs a rule's pattern once the prefilter found one of its keywords.
 * - `keyword`: the pattern starts at the keyword (sticky match at the hit). Cheapest; the
 *   pattern must begin with a left-boundary lookbehind so a run of token characters is
 *   matched from its first character only (this is what keeps repeated near-matches linear).
 * - `window`: the keyword is context (`datadog`, `twilio`) or sits inside the token; the
 *   pattern is searched in `[hit - before, hit + after]`, overlapping windows merged so every
 *   byte is searched at most once per rule.
 */
export type RuleMode = 'keyword' | 'window';

/**
 * A true-positive sample: a bare token (embedded in several contexts by the tests) or a text
 * with its secret, plus `also`: other secrets in that text that other rules must report.
 */
export type TruePositive = string | { text: string; secret: string; also?: string[] };

export interface RuleSamples {
  /** Generated from the rule's shape: never commit realistic literal tokens. */
  truePositives: (g: SampleGenerator) => TruePositive[];
  /**
   * For rules that need their provider's name next to the value (`DATADOG_API_KEY=…`): the
   * name stem the tests assign the bare true positives to, in every assignment style.
   */
  context?: string;
  /** Texts that must produce no finding at all (near-misses, placeholders, bad checksums). */
  falsePositives: (g: SampleGenerator) => string[];
}

/** Per-rule allowlist (gitleaks-style): suppresses a candidate when its criteria hit. */
export interface RuleAllowlist {
  description?: string;
  /** OR (default): any one criterion suppresses; AND: every criterion given must hit. */
  condition?: 'OR' | 'AND';
  /** Regexes over the POSIX path the caller gave. */
  paths?: RegExp[];
  regexes?: RegExp[];
  /** What `regexes` test: the secret (default), the whole match, or the line containing it. */
  regexTarget?: 'secret' | 'match' | 'line';
  /** Substrings (case-insensitive) that mark a secret as a placeholder. */
  stopwords?: string[];
}

export interface Rule {
  /** kebab-case, unique in a scanner. */
  id: string;
  description: string;
  /** Folder under src/rules; `custom` for rules from a config file. */
  provider: string;
  /** Literal strings (>= 3 characters) found in one pass before any pattern runs. */
  keywords: readonly string[];
  /** Keywords compare ASCII-case-insensitively (custom gitleaks-style rules). */
  ignoreCase?: boolean;
  /**
   * Longer literals the rule's matches usually begin with, looked for (encoded) inside base64:
   * a 3-character keyword fixes 4 base64 characters at only one of the three byte alignments
   * (`eyJ` → `eyJhbGciOi`, the start of `{"alg":`).
   */
  encodedKeywords?: readonly string[];
  /**
   * The token shape, without g/y flags. The secret is the named group `secret` when present,
   * otherwise the whole match. Write bounded quantifiers only.
   */
  pattern: RegExp;
  mode?: RuleMode;
  /**
   * For a value that must be assigned to a name containing one of the keywords (context rules):
   * the value's own pattern, with a `secret` group and its right boundary. The engine then
   * matches what follows the keyword up to the value with one shared regex
   * (`boundaries.ASSIGNED`) for all such rules, and this small one at the value: 60 rules
   * compile one large regex instead of 60. `pattern` stays the whole rule (for `classify`).
   */
  assigned?: RegExp;
  /** Bytes searched before and after a keyword hit. Defaults: keyword mode 32/256, window mode 256/256. */
  window?: { before?: number; after?: number; lines?: number };
  confidence: Confidence;
  /**
   * Cheap test on the raw characters after a keyword hit, run before any decoding or regex;
   * false skips the hit. For very common keywords (`://`) that rarely lead to a match.
   * `at(i)` is the character code at input offset i; [from, to) is what may be read.
   */
  precheck?: (at: (i: number) => number, from: number, to: number) => boolean;
  /** Minimum Shannon entropy (bits per character) of the secret without its keyword prefix. */
  entropy?: number;
  /** Offline integrity check; a failing candidate is dropped and counted as rejected. */
  checksum?: (secret: string) => boolean;
  /**
   * Extra structural check (e.g. a JWT header that decodes); false rejects the candidate.
   * `groups` are the pattern's named groups (context such as a URL's user and host).
   */
  validate?: (secret: string, groups: Readonly<Record<string, string | undefined>>) => boolean;
  /** Set false for long encoded secrets (PEM, JWT) where stopword checks would misfire. */
  placeholderCheck?: boolean;
  allowlists?: readonly RuleAllowlist[];
  /** Capture group index holding the secret (gitleaks `secretGroup`); otherwise the named group `secret`, else the match. */
  secretGroup?: number;
  /**
   * `keyed` for secrets a person may have chosen (passwords): reported under HMAC-SHA256 with
   * the scanner's `hashKey` and previewed without any character of the secret. Default
   * `sha256`: plain SHA-256 and the last characters, for generated high-entropy tokens.
   */
  hashing?: SecretHashing;
  samples?: RuleSamples;
}

export interface Finding {
  ruleId: string;
  /** Hex SHA-256 of the exact secret, or its HMAC-SHA256 under `hashKey` for a `keyed` rule. */
  tokenHash: string;
  /** Recognisable prefix + at most the last 4 characters, e.g. `PMAK-…f3a9`. */
  redacted: string;
  confidence: Confidence;
  /** 1-based. */
  line: number;
  /** 1-based; counted in bytes for Buffer input and UTF-16 code units for string input. */
  column: number;
  endLine: number;
  /** 1-based, exclusive-end convention of SARIF: the column just after the secret. */
  endColumn: number;
  /** 0-based offset of the secret in the input (bytes for Buffer input). */
  offset: number;
  /**
   * Set when the secret was found inside encoded text: the decoders that revealed it, outermost
   * first (`['base64']`, `['percent', 'base64']`). Lines, columns and offset then point at the
   * encoded characters that hold the secret; `tokenHash` is the hash of the decoded secret.
   */
  encoding?: Array<'base64' | 'percent' | 'json'>;
  path?: string;
  location?: Record<string, unknown>;
  /** The secret itself: only with `includeRaw`, only inside the scanning process. */
  raw?: string;
}

export interface ScanOptions {
  /** POSIX path of the input, used by path allowlists and copied into findings. */
  path?: string;
  /** Caller's location fields (commit, url, resource ids...) copied into every finding. */
  location?: Record<string, unknown>;
  /** Return the raw secret in `finding.raw`. Never serialise it. */
  includeRaw?: boolean;
}

export interface ScanStats {
  bytes: number;
  /** Candidates that matched a rule's pattern and failed a checksum, entropy, placeholder or validity check. */
  rejected: number;
  rejectedBy: { checksum: number; entropy: number; placeholder: number; invalid: number };
  /** Candidates suppressed by an allowlist. */
  allowlisted: number;
  /** Keyword hits from the prefilter (encoded forms and decoded text included). */
  keywordHits: number;
  /** Encoded spans (base64, percent-encoded, JSON-escaped) that were decoded and scanned. */
  decoded: number;
}

export interface ScanResult {
  findings: Finding[];
  stats: ScanStats;
}

export interface Allowlist {
  tokenHashes?: readonly string[];
  /** Globs over the POSIX path (`**`, `*`, `?`, `{a,b}`); a glob without `/` matches any path segment. */
  paths?: readonly string[];
  /** Rule ids whose findings are ignored. */
  rules?: readonly string[];
}

export interface ScannerOptions {
  rules?: readonly Rule[];
  allowlist?: Allowlist;
  /**
   * How many layers of encoding (base64, percent-encoding, JSON escapes) are decoded to find
   * secrets inside: 0 turns decoding off. Default 3.
   */
  maxDecodeDepth?: number;
  /**
   * The deployment's secret key for rules with `hashing: 'keyed'` (KEYGUARD_HASH_KEY in the
   * services). Without one, those rules hash with plain SHA-256 too (the CLI).
   */
  hashKey?: string | Uint8Array;
}

/** A secret as it may leave the scanning process. */
export interface ProtectedSecret {
  tokenHash: string;
  redacted: string;
}

export interface Classification {
  ruleId: string;
  /** null when the format has no checksum. */
  checksumValid: boolean | null;
}

export interface Scanner {
  readonly rules: readonly Rule[];
  scan(input: string | Uint8Array, options?: ScanOptions): ScanResult;
  classify(token: string): Classification | null;
  /**
   * The hash and preview of a token found by other means (a partner alert), by the hashing of
   * `ruleId`'s rule; a token of no known rule is treated as `keyed` (it may be anything).
   */
  protect(token: string, ruleId?: string): ProtectedSecret;
}
