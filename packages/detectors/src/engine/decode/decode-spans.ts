import type { Candidate, Tried } from '../match.js';
import type { Hits, Prefilter } from '../prefilter.js';
import type { Source } from '../source.js';
import { type Decoded, decodeBase64, decodeJsonEscapes, decodePercent } from './decoders.js';
import { BASE64, JSON_ESCAPE, PERCENT } from './encoded-keywords.js';

/** How far past a keyword an escape (`%2F`, `\/`) makes the span worth decoding, at least. */
const NEAR = 64;
/** How far past a match cut short by an escape the token may go on. */
const CUT_REACH = 8192;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Whether a character `code` for which `valid` holds lies in [from, to) (bounded native searches). */
function has(source: Source, code: number, valid: (at: number) => boolean, from: number, to: number): boolean {
  const end = Math.min(to, source.length);
  for (let at = source.indexOfIn(code, Math.max(0, from), end); at !== -1; at = source.indexOfIn(code, at + 1, end)) {
    if (valid(at)) return true;
  }
  return false;
}

/**
 * Decodes the spans the prefilter and the matches point at, each once, in input order:
 * - base64 runs holding the base64 form of a keyword;
 * - URL-ish runs holding a percent-encoded keyword, or a keyword whose pattern was tried with
 *   a `%XX` escape within its reach (`%22ghp_…%22`, a webhook URL with `%2F`), or a match cut
 *   short by one (a token whose `/` is `%2F`);
 * - JSON strings the same way, with `\/` or `\u` escapes.
 * Only keywords that passed their rule's cheap checks are looked at for escapes, so the text
 * between them is never searched. Spans of one kind never overlap (each starts where the last
 * one ended at the earliest), and a base64 run is decoded at most once per possible
 * 4-character alignment, so the work is linear in the input.
 */
export function decodeSpans(
  prefilter: Prefilter,
  source: Source,
  hits: Hits,
  tried: Tried,
  candidates: readonly Candidate[],
  visit: (decoded: Decoded) => void,
): void {
  let base64Run = { start: 0, end: 0, grids: 0 };
  let percentDone = 0;
  let jsonDone = 0;
  const n = source.length;
  const percentValid = (at: number): boolean => at + 2 < n && isHex(source.at(at + 1)) && isHex(source.at(at + 2));
  const jsonValid = (at: number): boolean => at + 1 < n && (source.at(at + 1) === 47 || source.at(at + 1) === 117);

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
  /** A plain keyword (or cut match) at `p` whose rules read [p - before, p + after). */
  const escaped = (p: number, before: number, after: number): void => {
    const from = p - Math.max(3, before);
    const to = p + Math.max(NEAR, after);
    if (p >= percentDone && has(source, 37, percentValid, from, to)) percent(p);
    if (p >= jsonDone && has(source, 92, jsonValid, from, to)) json(p);
  };

  // matches that end right at an escape: the token goes on, encoded (its `/` written `\/` or `%2F`)
  const cut: number[] = [];
  for (const c of candidates) {
    const next = c.end < n ? source.at(c.end) : 0;
    if (next === 92 || next === 37) cut.push(c.start);
  }
  cut.sort((a, b) => a - b);

  // three sorted streams, handled in input order: encoded forms, tried keywords, cut matches
  let h = 0;
  let t = 0;
  let k = 0;
  for (;;) {
    const hp = h < hits.pos.length ? hits.pos[h]! : Number.POSITIVE_INFINITY;
    const tp = t < tried.pos.length ? tried.pos[t]! : Number.POSITIVE_INFINITY;
    const cp = k < cut.length ? cut[k]! : Number.POSITIVE_INFINITY;
    if (hp === Number.POSITIVE_INFINITY && tp === Number.POSITIVE_INFINITY && cp === Number.POSITIVE_INFINITY) break;
    if (hp <= tp && hp <= cp) {
      const entry = prefilter.entries[hits.entry[h++]!]!;
      if (entry.decoders === 0) continue;
      if ((entry.decoders & BASE64) !== 0) {
        for (let q = 0; q < 4; q++) if ((entry.quanta & (1 << q)) !== 0) base64(hp, q);
      }
      if ((entry.decoders & PERCENT) !== 0) percent(hp);
      if ((entry.decoders & JSON_ESCAPE) !== 0) json(hp);
    } else if (tp <= cp) {
      escaped(tp, tried.before[t]!, tried.after[t]!);
      t++;
    } else {
      escaped(cp, 0, CUT_REACH);
      k++;
    }
  }
}
