import type { Hits, Prefilter } from '../prefilter.js';
import type { Source } from '../source.js';
import { type Decoded, decodeBase64, decodeJsonEscapes, decodePercent } from './decoders.js';
import { BASE64, JSON_ESCAPE, PERCENT } from './encoded-keywords.js';

/** How far past a keyword an escape (`%2F`, `\/`) still makes the span worth decoding. */
const NEAR = 64;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * Decodes the spans the prefilter pointed at, each once, in input order:
 * - base64 runs holding the base64 form of a keyword;
 * - URL-ish runs holding a percent-encoded keyword, or a keyword with a `%XX` escape within
 *   a few characters of it (`%22ghp_…%22`, a webhook URL with `%2F`);
 * - JSON strings holding a keyword with `\/` or `\u…` nearby.
 * Spans of one kind never overlap (each starts where the last one ended at the earliest), and
 * a base64 run is decoded at most once per possible 4-character alignment, so the work is
 * linear in the input.
 */
export function decodeSpans(prefilter: Prefilter, source: Source, hits: Hits, visit: (decoded: Decoded) => void): void {
  let base64Run = { start: 0, end: 0, grids: 0 };
  let percentDone = 0;
  let jsonDone = 0;
  let nextPercent = -2;
  let nextBackslash = -2;
  const n = source.length;

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

  for (let h = 0; h < hits.pos.length; h++) {
    const p = hits.pos[h]!;
    const entry = prefilter.entries[hits.entry[h]!]!;
    if (entry.decoders !== 0) {
      if ((entry.decoders & BASE64) !== 0) {
        for (let q = 0; q < 4; q++) if ((entry.quanta & (1 << q)) !== 0) base64(p, q);
      }
      if ((entry.decoders & PERCENT) !== 0) percent(p);
      if ((entry.decoders & JSON_ESCAPE) !== 0) json(p);
    }
    if (entry.rules.length === 0) continue;
    // a plain keyword with an escape right around it: the text may be percent- or JSON-encoded
    if (p >= percentDone) {
      if (nextPercent !== -1 && nextPercent < p - 3) nextPercent = source.indexOf(37, Math.max(0, p - 3));
      if (nextPercent !== -1 && nextPercent < p + NEAR && nextPercent + 2 < n) {
        if (isHex(source.at(nextPercent + 1)) && isHex(source.at(nextPercent + 2))) percent(p);
      }
    }
    if (p >= jsonDone) {
      if (nextBackslash !== -1 && nextBackslash < p - 2) nextBackslash = source.indexOf(92, Math.max(0, p - 2));
      if (nextBackslash !== -1 && nextBackslash < p + NEAR && nextBackslash + 1 < n) {
        const c = source.at(nextBackslash + 1);
        if (c === 47 || c === 117) json(p);
      }
    }
  }
}
