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

/** Longest span one trigger decodes: linear either way, this only bounds one allocation. */
const MAX_SPAN = 4 << 20;
/** Percent- and JSON-escaped spans are strings and URLs: bounded on each side of the trigger. */
const MAX_TEXT_SIDE = 8 << 10;
const MIN_BASE64 = 16;

const isBase64 = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;

const hexValue = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;

/**
 * The base64 run around `p` (a hit of an encoded keyword whose first character sits at
 * `quantum` within its 4-character group), aligned to that group, decoded. `floor`: where the
 * previous decoded span of this kind ended (spans never overlap, so the cost stays linear).
 */
export function decodeBase64(source: Source, p: number, quantum: number, floor: number): { decoded: Decoded; end: number } | undefined {
  let s = p;
  while (s > floor && p - s < MAX_SPAN && isBase64(source.at(s - 1))) s--;
  let e = p;
  while (e < source.length && e - s < MAX_SPAN && isBase64(source.at(e))) e++;
  const runEnd = e;
  while (e < source.length && e - runEnd < 2 && source.at(e) === 61) e++; // '=' padding
  const groupStart = p - quantum;
  s += (((groupStart - s) % 4) + 4) % 4;
  if (e - s < MIN_BASE64) return undefined;
  const text = Buffer.from(source.slice(s, e), 'base64').toString('latin1');
  const base = s;
  return {
    end: e,
    decoded: {
      name: 'base64',
      text,
      bytes: true,
      start: (i) => base + Math.floor((8 * i) / 6),
      end: (i) => Math.min(e, base + Math.ceil((8 * i) / 6)),
    },
  };
}

/** Characters a URL or query string can hold unencoded (no space, quote, bracket or backslash). */
const isUrlChar = (c: number): boolean => c > 32 && c < 127 && c !== 34 && c !== 60 && c !== 62 && c !== 92 && c !== 96;

/** The URL-ish run around `p`, percent-decoded; undefined when it holds no valid escape. */
export function decodePercent(source: Source, p: number, floor: number): { decoded: Decoded; end: number } | undefined {
  let s = p;
  while (s > floor && p - s < MAX_TEXT_SIDE && isUrlChar(source.at(s - 1))) s--;
  let e = p;
  while (e < source.length && e - p < MAX_TEXT_SIDE && isUrlChar(source.at(e))) e++;
  const map: number[] = [];
  let text = '';
  let escapes = 0;
  for (let i = s; i < e; i++) {
    const c = source.at(i);
    map.push(i);
    if (c === 37 && i + 2 < e) {
      const hi = hexValue(source.at(i + 1));
      const lo = hexValue(source.at(i + 2));
      if (hi >= 0 && lo >= 0) {
        text += String.fromCharCode(hi * 16 + lo);
        escapes++;
        i += 2;
        continue;
      }
    }
    text += String.fromCharCode(c);
  }
  if (escapes === 0) return undefined;
  map.push(e);
  return { end: e, decoded: mapped('percent', text, true, map) };
}

const JSON_SIMPLE: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

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
  const map: number[] = [];
  let text = '';
  let escapes = 0;
  for (let i = s; i < e; i++) {
    const c = source.at(i);
    map.push(i);
    if (c === 92 && i + 1 < e) {
      const next = source.at(i + 1);
      const simple = JSON_SIMPLE[next];
      if (simple !== undefined) {
        text += simple;
        escapes++;
        i++;
        continue;
      }
      if (next === 117 && i + 5 < e) {
        let code = 0;
        for (let k = 2; k < 6 && code >= 0; k++) {
          const h = hexValue(source.at(i + k));
          code = h < 0 ? -1 : code * 16 + h;
        }
        if (code >= 0) {
          text += String.fromCharCode(code);
          escapes++;
          i += 5;
          continue;
        }
      }
    }
    text += String.fromCharCode(c);
  }
  if (escapes === 0) return undefined;
  map.push(e);
  return { end: e, decoded: mapped('json', text, false, map) };
}

function mapped(name: Decoded['name'], text: string, bytes: boolean, map: number[]): Decoded {
  return { name, text, bytes, start: (i) => map[i]!, end: (i) => map[i]! };
}
