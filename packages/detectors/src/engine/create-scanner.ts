import { tokenHashFor } from '../hash.js';
import { redact } from '../redact.js';
import { defaultRules } from '../registry.js';
import type { Classification, ProtectedSecret, ScanOptions, ScanResult, ScanStats, Scanner, ScannerOptions } from '../types.js';
import { type CompiledRule, compileRule } from './compile.js';
import { decodeSpans } from './decode/decode-spans.js';
import { encodedKeywords } from './decode/encoded-keywords.js';
import { toFindings } from './findings.js';
import { globToRegExp } from './glob.js';
import { type Candidate, matchRules, type Tried } from './match.js';
import { type Hits, Prefilter, type PrefilterKeyword, type PrefilterSnapshot } from './prefilter.js';
import { PREFILTER_SNAPSHOT } from './prefilter-snapshot.js';
import { bufferSource, type Source, stringSource } from './source.js';
import { validateRules } from './validate-rules.js';
import { verifyCandidates } from './verify.js';

export const DEFAULT_MAX_DECODE_DEPTH = 3;

function emptyStats(bytes: number): ScanStats {
  return {
    bytes,
    rejected: 0,
    rejectedBy: { checksum: 0, entropy: 0, placeholder: 0, invalid: 0 },
    allowlisted: 0,
    keywordHits: 0,
    decoded: 0,
  };
}

/** What a prefilter is built from, as one string: a snapshot is used only for the same input. */
function prefilterFingerprint(keywords: readonly PrefilterKeyword[], toEncode: ReadonlyArray<{ keyword: string; ignoreCase: boolean }>): string {
  const plain = keywords.map((k) => `${k.rule}${k.ignoreCase ? 'i' : ''}:${k.keyword}`).join('\n');
  const encoded = toEncode.map((k) => `${k.ignoreCase ? 'i' : ''}:${k.keyword}`).join('\n');
  return `v1\n${plain}\n--\n${encoded}`;
}

function encodedPrefilterKeywords(toEncode: ReadonlyArray<{ keyword: string; ignoreCase: boolean }>): PrefilterKeyword[] {
  return encodedKeywords(toEncode).map((e) => ({
    keyword: e.form,
    ignoreCase: false,
    decoder: e.decoder,
    ...(e.quantum !== undefined ? { quantum: e.quantum } : {}),
  }));
}

/**
 * The prefilter for these compiled rules: loaded from `snapshot` when it was built from the same
 * keywords, else built (the keywords, and their encoded forms when decoding is on).
 */
export function prefilterFor(
  compiled: readonly CompiledRule[],
  maxDepth: number,
  snapshot: PrefilterSnapshot | undefined,
): { prefilter: Prefilter; fingerprint: string } {
  const keywords: PrefilterKeyword[] = compiled.flatMap((c, rule) =>
    c.mode === 'everywhere' ? [] : c.rule.keywords.map((keyword) => ({ keyword, ignoreCase: c.rule.ignoreCase === true, rule })),
  );
  const toEncode =
    maxDepth > 0
      ? compiled.flatMap((c) =>
          c.mode === 'everywhere'
            ? []
            : [...c.rule.keywords, ...(c.rule.encodedKeywords ?? [])].map((keyword) => ({ keyword, ignoreCase: c.rule.ignoreCase === true })),
        )
      : [];
  const fingerprint = prefilterFingerprint(keywords, toEncode);
  if (snapshot?.fingerprint === fingerprint) return { prefilter: Prefilter.fromSnapshot(snapshot), fingerprint };
  return { prefilter: new Prefilter([...keywords, ...encodedPrefilterKeywords(toEncode)]), fingerprint };
}

/** The default scanner's prefilter as data, built afresh: what the package build ships in dist. */
export function defaultPrefilterSnapshot(): PrefilterSnapshot {
  const { prefilter, fingerprint } = prefilterFor(defaultRules.map(compileRule), DEFAULT_MAX_DECODE_DEPTH, undefined);
  return prefilter.snapshot(fingerprint);
}

/**
 * Builds a scanner over `rules` (default: every built-in rule). The catalogue is validated here
 * and a broken rule throws, listing every problem.
 *
 * A scan is one prefilter pass (keywords and their encoded forms), the rules' patterns at the
 * hits, the same again inside each encoded span the hits point at (up to `maxDecodeDepth`
 * layers deep), then the checks over every candidate and the line/column of what is left.
 */
export function createScanner(options: ScannerOptions = {}): Scanner {
  const rules = options.rules ?? defaultRules;
  validateRules(rules);
  const maxDepth = options.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH;
  const ignoredRules = new Set(options.allowlist?.rules ?? []);
  const allowedHashes = new Set(options.allowlist?.tokenHashes ?? []);
  const allowedPaths = (options.allowlist?.paths ?? []).map(globToRegExp);
  const compiled: CompiledRule[] = rules.filter((r) => !ignoredRules.has(r.id)).map(compileRule);
  const prefilter = prefilterFor(compiled, maxDepth, PREFILTER_SNAPSHOT).prefilter;
  const everywhere = compiled.filter((c) => c.mode === 'everywhere');

  /** Candidates in `source` and, decoded, in the encoded spans it holds (offsets in `source`). */
  function collect(source: Source, input: string | Uint8Array, depth: number, stats: ScanStats, out: Candidate[]): void {
    const hits: Hits = { entry: [], pos: [] };
    if (typeof input === 'string') prefilter.findInString(input, hits);
    else prefilter.findInBytes(input, hits);
    stats.keywordHits += hits.pos.length;
    if (hits.pos.length === 0 && everywhere.length === 0) return;
    const first = out.length;
    const tried: Tried = { pos: [], before: [], after: [] };
    matchRules(compiled, everywhere, prefilter, source, hits, out, tried);
    if (depth >= maxDepth) return;
    decodeSpans(prefilter, source, hits, tried, out.slice(first), (decoded) => {
      stats.decoded++;
      const inner: Candidate[] = [];
      collect(stringSource(decoded.text, prefilter, decoded.bytes), decoded.text, depth + 1, stats, inner);
      for (const c of inner) {
        out.push({
          ...c,
          start: decoded.start(c.start),
          end: decoded.end(c.end),
          encoding: [decoded.name, ...(c.encoding ?? [])],
        });
      }
    });
  }

  function scan(input: string | Uint8Array, scanOptions: ScanOptions = {}): ScanResult {
    const isString = typeof input === 'string';
    const source = isString ? stringSource(input, prefilter) : bufferSource(input, prefilter);
    const stats = emptyStats(isString ? Buffer.byteLength(input) : input.length);
    const path = scanOptions.path;
    if (path !== undefined && allowedPaths.some((re) => re.test(path))) return { findings: [], stats };
    const candidates: Candidate[] = [];
    collect(source, input, 0, stats, candidates);
    if (candidates.length === 0) return { findings: [], stats };
    const accepted = verifyCandidates(candidates, stats, { allowedHashes, hashKey: options.hashKey }, path, source);
    return { findings: toFindings(accepted, source, scanOptions), stats };
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
