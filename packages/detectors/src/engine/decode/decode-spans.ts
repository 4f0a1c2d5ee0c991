import type { Candidate } from '../match.js';
import type { Hits, Prefilter } from '../prefilter.js';
import type { Source } from '../source.js';
import { type Decoded, decodeBase64, decodeJsonEscapes, decodePercent } from './decoders.js';
import { BASE64, JSON_ESCAPE, PERCENT } from './encoded-keywords.js';

/** How far past a keyword an escape (`%2F`, `\/`) makes the span worth decoding, at least. */
const NEAR = 64;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * Sorted offsets of every occurrence of `needles` (each kept only if `keep` agrees), found on
 * first use with native searches: one pass over the input however many hits ask, in any order.
 */
function occurrences(source: Source, needles: readonly string[], keep: (at: number) => boolean): (from: number, to: number) => boolean {
  let found: number[] | undefined;
  return (from, to) => {
    if (found === undefined) {
      found = [];
      for (const needle of needles) {
        for (let at = source.indexOfString(needle, 0); at !== -1; at = source.indexOfString(needle, at + 1)) {
          if (keep(at)) found.push(at);
        }
      }
      if (needles.length > 1) found.sort((a, b) => a - b);
    }
    // the first occurrence at or after `from`, by binary search
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (found[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < found.length && found[lo]! < to;
  };
}

/**
 * Decodes the spans the prefilter and the matches point at, each once, in input order:
 * - base64 runs holding the base64 form of a keyword;
 * - URL-ish runs holding a percent-encoded keyword, or a keyword with a `%XX` escape within
 *   a few characters of it (`%22ghp_…%22`, a webhook URL with `%2F`), or a match cut short by
 *   one (a token whose `/` is `%2F`);
 * - JSON strings holding a keyword with `\/` or `\u` nearby, or a match cut short by one.
 * Spans of one kind never overlap (each starts where the last one ended at the earliest), and
 * a base64 run is decoded at most once per possible 4-character alignment, so the work is
 * linear in the input.
 */
export function decodeSpans(
  prefilter: Prefilter,
  source: Source,
  hits: Hits,
  candidates: readonly Candidate[],
  /** How far before and after a keyword its rules' matches reach, by prefilter entry. */
  reach: (entry: number) => { before: number; after: number },
  visit: (decoded: Decoded) => void,
): void {
  let base64Run = { start: 0, end: 0, grids: 0 };
  let percentDone = 0;
  let jsonDone = 0;
  const n = source.length;
  /** A valid `%XX` escape in [from, to). */
  const percentNear = occurrences(source, ['%'], (at) => at + 2 < n && isHex(source.at(at + 1)) && isHex(source.at(at + 2)));
  /** A JSON `\/` or `\u` escape in [from, to). */
  const jsonNear = occurrences(source, ['\\/', '\\u'], () => true);

  const percent = (p: number): void => {
    if (p < percentDone) return;
    const r = decodePercent(source, p, percentDone);
    percentDone = r?.end ?? p + 1;
    if (r) visit(r.decoded);
  };
  const json = (p: number): void => {
    if (p < jsonDone) return;
    const r = decodeJsonEscapes(source, p, jsonDone);
    jsonDone = r?.end ?? p + 1;
    if (r) visit(r.decoded);
  };
  const base64 = (p: number, quantum: number): void => {
    const grid = (((p - quantum) % 4) + 4) % 4;
    if (p < base64Run.end) {
      if ((base64Run.grids & (1 << grid)) !== 0) return;
      base64Run.grids |= 1 << grid;
      // the same run on another alignment: an earlier trigger in it was a false one
      const r = decodeBase64(source, p, quantum, base64Run.start);
      if (r) visit(r.decoded);
      return;
    }
    const r = decodeBase64(source, p, quantum, base64Run.end);
    if (!r) return;
    base64Run = { start: r.decoded.start(0), end: r.end, grids: 1 << grid };
    visit(r.decoded);
  };

  // matches that end right at an escape: the token goes on, encoded (its `/` written `\/` or `%2F`)
  const cut: number[] = [];
  for (const c of candidates) {
    const next = c.end < n ? source.at(c.end) : 0;
    if (next === 92 || next === 37) cut.push(c.start);
  }
  cut.sort((a, b) => a - b);
  let k = 0;

  for (let h = 0; h < hits.pos.length; h++) {
    const p = hits.pos[h]!;
    for (; k < cut.length && cut[k]! <= p; k++) {
      if (percentNear(cut[k]!, cut[k]! + 8192)) percent(cut[k]!);
      if (jsonNear(cut[k]!, cut[k]! + 8192)) json(cut[k]!);
    }
    const e = hits.entry[h]!;
    const entry = prefilter.entries[e]!;
    if (entry.decoders !== 0) {
      if ((entry.decoders & BASE64) !== 0) {
        for (let q = 0; q < 4; q++) if ((entry.quanta & (1 << q)) !== 0) base64(p, q);
      }
      if ((entry.decoders & PERCENT) !== 0) percent(p);
      if ((entry.decoders & JSON_ESCAPE) !== 0) json(p);
    }
    if (entry.rules.length === 0) continue;
    // a plain keyword with an escape around it, within its rules' reach: the text may be
    // percent- or JSON-encoded
    const { before, after } = reach(e);
    const from = Math.max(0, p - Math.max(3, before));
    if (p >= percentDone && percentNear(from, p + Math.max(NEAR, after))) percent(p);
    if (p >= jsonDone && jsonNear(from, p + Math.max(NEAR, after))) json(p);
  }
  for (; k < cut.length; k++) {
    if (percentNear(cut[k]!, cut[k]! + 8192)) percent(cut[k]!);
    if (jsonNear(cut[k]!, cut[k]! + 8192)) json(cut[k]!);
  }
}
