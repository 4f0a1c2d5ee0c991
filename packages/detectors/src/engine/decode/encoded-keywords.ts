/**
 * What a keyword looks like once its text is base64-, percent- or JSON-encoded. These forms go
 * into the same one-pass prefilter as the keywords themselves, so an encoded secret costs
 * nothing until its encoded prefix is seen, and only then is the span around it decoded.
 */

export const BASE64 = 1;
export const PERCENT = 2;
export const JSON_ESCAPE = 4;

export interface EncodedKeyword {
  form: string;
  decoder: typeof BASE64 | typeof PERCENT | typeof JSON_ESCAPE;
  /** Base64 only: index (0-3) of the form's first character within its 4-character quantum. */
  quantum?: number;
}

/** Shortest encoded form worth a prefilter entry (the prefilter hashes 4-character grams). */
const MIN_FORM = 4;

/**
 * The characters of base64(…keyword…) that depend only on the keyword, for each of the three
 * byte alignments the keyword can have: character j covers bits [6j, 6j + 6) of the bytes, so
 * it is fixed when that range lies inside the keyword's bits.
 */
export function base64Forms(keyword: string, min = MIN_FORM): Array<{ form: string; quantum: number }> {
  const out: Array<{ form: string; quantum: number }> = [];
  for (let align = 0; align < 3; align++) {
    const first = Math.ceil((8 * align) / 6);
    const last = Math.floor((8 * (align + keyword.length)) / 6); // exclusive
    if (last - first < min) continue;
    out.push({ form: encode(keyword, align).slice(first, last), quantum: first % 4 });
  }
  return out;
}

/** Base64 of `align` zero bytes, the keyword's bytes, then zero bytes to a whole group. */
function encode(keyword: string, align: number): string {
  const byte = (i: number): number => (i < align || i >= align + keyword.length ? 0 : keyword.charCodeAt(i - align) & 0xff);
  let out = '';
  for (let i = 0; i < align + keyword.length; i += 3) {
    const n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const UNRESERVED = /[A-Za-z0-9._~-]/;

function percentEncode(keyword: string, lowerHex: boolean): string {
  let out = '';
  for (const ch of keyword) {
    if (UNRESERVED.test(ch)) out += ch;
    else {
      const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
      out += `%${lowerHex ? hex : hex.toUpperCase()}`;
    }
  }
  return out;
}

/**
 * Every encoded form of the keywords: base64 (standard and URL-safe alphabets, and base64 of
 * base64 for token prefixes), percent-encoding and JSON's `\/` where they change the keyword.
 * Case-insensitive keywords (providers' names) are encoded in lower and UPPER case, one layer
 * deep.
 */
export function encodedKeywords(keywords: ReadonlyArray<{ keyword: string; ignoreCase: boolean }>): EncodedKeyword[] {
  const seen = new Set<string>();
  const out: EncodedKeyword[] = [];
  const add = (e: EncodedKeyword): void => {
    const key = `${e.decoder}:${e.quantum ?? ''}:${e.form}`;
    if (seen.has(key) || e.form.length < MIN_FORM) return;
    seen.add(key);
    out.push(e);
  };
  for (const { keyword, ignoreCase } of keywords) {
    // a provider's name as written in configuration (datadog, DATADOG), one layer deep; a
    // token prefix as it is, also as base64 of base64
    const variants = ignoreCase ? [keyword.toLowerCase(), keyword.toUpperCase()] : [keyword];
    for (const k of variants) {
      for (const { form, quantum } of base64Forms(k)) {
        add({ form, decoder: BASE64, quantum });
        add({ form: form.replaceAll('+', '-').replaceAll('/', '_'), decoder: BASE64, quantum });
        if (ignoreCase) continue;
        for (const nested of base64Forms(form)) add({ form: nested.form, decoder: BASE64, quantum: nested.quantum });
      }
      for (const lowerHex of [false, true]) {
        const form = percentEncode(k, lowerHex);
        if (form !== k) add({ form, decoder: PERCENT });
      }
      if (k.includes('/')) add({ form: k.replaceAll('/', '\\/'), decoder: JSON_ESCAPE });
    }
  }
  return out;
}
