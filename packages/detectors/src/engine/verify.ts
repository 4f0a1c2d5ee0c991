import { DOCUMENTATION_EXAMPLE_HASHES } from '../checks/doc-examples.js';
import { shannonEntropy } from '../checks/entropy.js';
import { isPlaceholder } from '../checks/placeholders.js';
import { hashToken, tokenHashFor } from '../hash.js';
import type { Rule, ScanStats } from '../types.js';
import type { Candidate } from './match.js';
import type { Source } from './source.js';

export interface Accepted extends Candidate {
  /** The hash the finding is reported under (the rule's hashing). */
  hash: string;
}

const RANK = { high: 0, medium: 1, low: 2 } as const;
const rank = (c: Candidate): number => RANK[c.rule.rule.confidence];

/**
 * Runs the checks cheapest first (checksum, placeholders, entropy, structure, then the hash for
 * documentation examples and allowlists), counts what each rejects, and keeps one candidate per secret span: a
 * containing match wins, then the more confident rule, then plain text over decoded text unless
 * decoding changed the secret.
 */
export function verifyCandidates(
  candidates: readonly Candidate[],
  stats: ScanStats,
  keys: { allowedHashes: ReadonlySet<string>; hashKey: string | Uint8Array | undefined },
  path: string | undefined,
  source: Source,
): Accepted[] {
  const { allowedHashes, hashKey } = keys;
  const kept: Accepted[] = [];
  for (const cand of candidates) {
    const rule = cand.rule.rule;
    const body = cand.secret.slice(cand.prefixLength);
    if (rule.checksum && !rule.checksum(cand.secret)) {
      stats.rejectedBy.checksum++;
      continue;
    }
    // A passing checksum already proves the token was generated, not typed: a random body
    // that happens to contain "your" or "Xxxx" (about 1 in 10,000) is still a real token.
    const placeholderCheck = rule.placeholderCheck !== false && !rule.checksum;
    if (placeholderCheck && isPlaceholder(body)) {
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
    // hashing last: most candidates are rejected by the cheaper checks above
    const hash = hashToken(cand.secret);
    if (DOCUMENTATION_EXAMPLE_HASHES.has(hash)) {
      stats.rejectedBy.placeholder++;
      continue;
    }
    // reported by the rule's hashing: plain SHA-256, or HMAC-SHA256 under the key (`keyed`)
    const reported = tokenHashFor(cand.secret, rule.hashing ?? 'sha256', hashKey);
    if (allowedHashes.has(hash) || allowedHashes.has(reported) || ruleAllowlisted(rule, cand, path, source)) {
      stats.allowlisted++;
      continue;
    }
    kept.push({ ...cand, hash: reported });
  }
  const { checksum, placeholder, entropy, invalid } = stats.rejectedBy;
  stats.rejected = checksum + placeholder + entropy + invalid;
  kept.sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b) || (a.encoding?.length ?? 0) - (b.encoding?.length ?? 0));
  const out: Accepted[] = [];
  let lastEnd = -1;
  for (const cand of kept) {
    if (cand.end <= lastEnd) {
      // the same span read as written and decoded: the decoded secret is the real one when the
      // decoding changed it (a PEM key in a JSON string with its escapes undone)
      const last = out.at(-1)!;
      if (cand.start === last.start && cand.end === last.end && cand.encoding && !last.encoding && cand.secret !== last.secret) {
        out[out.length - 1] = cand;
      }
      continue;
    }
    out.push(cand);
    lastEnd = Math.max(lastEnd, cand.end);
  }
  return out;
}

function ruleAllowlisted(rule: Rule, cand: Candidate, path: string | undefined, source: Source): boolean {
  for (const list of rule.allowlists ?? []) {
    const results: boolean[] = [];
    if (list.paths?.length) results.push(path !== undefined && list.paths.some((re) => re.test(path)));
    if (list.regexes?.length) {
      const target = list.regexTarget === 'match' ? cand.match : list.regexTarget === 'line' ? source.lineAt(cand.start) : cand.secret;
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
