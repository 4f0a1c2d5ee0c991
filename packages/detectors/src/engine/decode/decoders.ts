import type { Source } from '../source.js';

/**
 * A decoded span: its text, and where each decoded offset came from in the encoded input, so
 * a secret found inside is reported at the encoded characters that hold it.
 */
export interface Decoded {
  name: 'base64' | 'percent' | 'json';
  text: string;
  /** One byte per character (base64, percent): non-ASCII secrets are re-read as UTF-8. */
  bytes: boolean;
  /** Encoded offset where decoded offset i starts. */
  start(i: number): number;
  /** Encoded offset just after the encoding of decoded [.., i). */
  end(i: number): number;
}

/** Longest base64 run one trigger decodes: linear either way, this only bounds one allocation. */
const MAX_RUN = 4 << 20;
/** Percent- and JSON-escaped spans are URLs and strings: bounded on each side of the trigger. */
const MAX_TEXT_SIDE = 4 << 10;
const MIN_BASE64 = 16;

const table = (test: (c: number) => boolean): Uint8Array => Uint8Array.from({ length: 256 }, (_, c) => (test(c) ? 1 : 0));
/** Both base64 alphabets (padding is handled apart). */
const BASE64_CHARS = table((c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95);
/** What a URL or query string holds unencoded: no space, double quote, angle bracket, backslash or backtick. */
const URL_CHARS = table((c) => c > 32 && c < 127 && c !== 34 && c !== 60 && c !== 62 && c !== 92 && c !== 96);

const hexValue = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/**
 * The base64 run around `p` (a hit of an encoded keyword whose first character sits at
 * `quantum` within its 4-character group), aligned to that group, decoded. `floor`: where the
 * previous decoded span of this kind ended (spans never overlap, so the cost stays linear).
 */
export function decodeBase64(source: Source, p: number, quantum: number, floor: number): { decoded: Decoded; end: number } | undefined {
  const run = source.run(p, floor, MAX_RUN, MAX_RUN, BASE64_CHARS);
  let e = run.end;
  while (e < source.length && e - run.end < 2 && source.at(e) === 61) e++; // '=' padding
  const s = run.start + ((((p - quantum - run.start) % 4) + 4) % 4);
  if (e - s < MIN_BASE64) return undefined;
  const text = Buffer.from(source.slice(s, e), 'base64').toString('latin1');
  return {
    end: e,
    decoded: {
      name: 'base64',
      text,
      bytes: true,
      start: (i) => s + Math.floor((8 * i) / 6),
      end: (i) => Math.min(e, s + Math.ceil((8 * i) / 6)),
    },
  };
}

/** The URL-ish run around `p`, percent-decoded; undefined when it holds no valid escape. */
export function decodePercent(source: Source, p: number, floor: number): { decoded: Decoded; end: number } | undefined {
  const { start, end } = source.run(p, floor, MAX_TEXT_SIDE, MAX_TEXT_SIDE, URL_CHARS);
  const encoded = source.slice(start, end);
  const out = new Uint8Array(encoded.length);
  const map = new Int32Array(encoded.length + 1);
  let n = 0;
  let escapes = 0;
  for (let i = 0; i < encoded.length; i++) {
    map[n] = start + i;
    const c = encoded.charCodeAt(i);
    if (c === 37 && i + 2 < encoded.length) {
      const hi = hexValue(encoded.charCodeAt(i + 1));
      const lo = hexValue(encoded.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        escapes++;
        i += 2;
        continue;
      }
    }
    out[n++] = c;
  }
  if (escapes === 0) return undefined;
  map[n] = end;
  const text = Buffer.from(out.buffer, 0, n).toString('latin1');
  return { end, decoded: mapped('percent', text, true, map) };
}

const JSON_SIMPLE: Record<number, number> = { 34: 34, 92: 92, 47: 47, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9 };

/** The JSON string content around `p` (to the unescaped quotes or line ends), unescaped. */
export function decodeJsonEscapes(source: Source, p: number, floor: number): { decoded: Decoded; end: number } | undefined {
  let s = p;
  while (s > floor && p - s < MAX_TEXT_SIDE) {
    const c = source.at(s - 1);
    if (c === 10 || (c === 34 && !(s >= 2 && source.at(s - 2) === 92))) break;
    s--;
  }
  let e = p;
  while (e < source.length && e - p < MAX_TEXT_SIDE) {
    const c = source.at(e);
    if (c === 10 || c === 34) break;
    e += c === 92 ? 2 : 1;
  }
  e = Math.min(e, source.length);
  const encoded = source.slice(s, e);
  const out = new Uint16Array(encoded.length);
  const map = new Int32Array(encoded.length + 1);
  let n = 0;
  let escapes = 0;
  for (let i = 0; i < encoded.length; i++) {
    map[n] = s + i;
    const c = encoded.charCodeAt(i);
    if (c === 92 && i + 1 < encoded.length) {
      const next = encoded.charCodeAt(i + 1);
      const simple = JSON_SIMPLE[next];
      if (simple !== undefined) {
        out[n++] = simple;
        escapes++;
        i++;
        continue;
      }
      if (next === 117 && i + 5 < encoded.length) {
        let code = 0;
        for (let k = 2; k < 6 && code >= 0; k++) {
          const h = hexValue(encoded.charCodeAt(i + k));
          code = h < 0 ? -1 : code * 16 + h;
        }
        if (code >= 0) {
          out[n++] = code;
          escapes++;
          i += 5;
          continue;
        }
      }
    }
    out[n++] = c;
  }
  if (escapes === 0) return undefined;
  map[n] = e;
  const text = Buffer.from(out.buffer, 0, n * 2).toString('utf16le');
  return { end: e, decoded: mapped('json', text, false, map) };
}

function mapped(name: Decoded['name'], text: string, bytes: boolean, map: Int32Array): Decoded {
  return { name, text, bytes, start: (i) => map[i]!, end: (i) => map[i]! };
}
