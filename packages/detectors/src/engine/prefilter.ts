import { COMMON_GRAMS } from './common-grams.js';
import { PREFILTER_WASM_BASE64 } from './prefilter-wasm.js';

/**
 * One pass over the input that finds every keyword of every rule (and their encoded forms).
 *
 * The 4-byte gram ending at each position is hashed and tested against a sparse 256-Kbit
 * table of the keywords' anchor grams: each keyword's rarest 4 characters (common-grams.ts);
 * 3-character keywords are expanded with every printable fourth character. Only then are two
 * more hashes tested in a second 256-Kbit Bloom table, and only a hit of all three looks up
 * the exact 4-byte gram and compares the keywords anchored on it. With ~4,100 grams (216
 * rules and their encoded forms) that keeps both the loop's slow branch (~2 % of bytes) and
 * the calls back into JavaScript (~0.003 %) rare. The loop is a few integer instructions per
 * byte over the raw bytes, so no Buffer is decoded to a string on the hot path. Inputs of 1 KB
 * or more run the loop in WebAssembly (prefilter.wat, ~0.6 GB/s per core on this shared machine
 * with every rule's grams); smaller ones run the same loop in JavaScript, where a 60-keyword Irregexp
 * alternation measured ~250 MB/s and a pure-JS Aho-Corasick ~33 MB/s. Both paths produce
 * identical hits (tested).
 */

export interface KeywordEntry {
  /** What is compared, character by character (latin1); lower-cased when `ignoreCase`. No
   * entry changes once its prefilter is built: snapshots share them. */
  keyword: string;
  ignoreCase: boolean;
  /** Indices of the compiled rules that this keyword triggers. */
  rules: number[];
  /** Decoders (bitmask of decode/encoded-keywords.ts kinds) this encoded form triggers. */
  decoders: number;
  /** Base64 forms: bitmask of the form's possible positions (0-3) within a 4-character quantum. */
  quanta: number;
  /** Offset of the 4-character gram the loop looks for (the keyword's rarest). */
  anchor: number;
}

export interface PrefilterKeyword {
  keyword: string;
  ignoreCase: boolean;
  /** The compiled rule this keyword belongs to. */
  rule?: number;
  /** Or the decoder this encoded form of a keyword triggers. */
  decoder?: number;
  quantum?: number;
}

export interface Hits {
  /** Keyword entry index of each hit. */
  entry: number[];
  /** Offset of the keyword's first character, in ascending order once a find has returned. */
  pos: number[];
  /** Set while a find runs when a hit came before an earlier one (keywords anchored deeper). */
  unsorted?: boolean;
}

function push(hits: Hits, entry: number, start: number): void {
  const last = hits.pos.length - 1;
  if (last >= 0 && hits.pos[last]! > start) hits.unsorted = true;
  hits.entry.push(entry);
  hits.pos.push(start);
}

/** Puts hits back in offset order (stable: equal offsets keep their order). */
function sortHits(hits: Hits): void {
  if (!hits.unsorted) return;
  const order = hits.pos.map((_, i) => i).sort((a, b) => hits.pos[a]! - hits.pos[b]! || a - b);
  const entry = order.map((i) => hits.entry[i]!);
  const pos = order.map((i) => hits.pos[i]!);
  hits.entry = entry;
  hits.pos = pos;
  hits.unsorted = false;
}

const BLOOM_BITS = 18;
const HASH_SHIFT = 32 - BLOOM_BITS;
const HASH_MUL = 0x9e3779b1;
/** Second and third hashes, into the second table, computed only on first-level hits. */
const HASH_MUL2 = 0x85ebca77;
const HASH_MUL3 = 0xc2b2ae35;
export const MIN_KEYWORD_LENGTH = 3;

const WASM_MIN_INPUT = 1024;
const BLOOM_BYTES = (1 << BLOOM_BITS) / 8;
const WASM_CHUNK = 256 * 1024;
const WASM_IN = 2 * BLOOM_BYTES;
const WASM_OUT = WASM_IN + WASM_CHUNK + 4;

/** The slice of the WebAssembly API used here (the compiler's lib has no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let wasmModule: object | undefined;

interface WasmScan {
  scan(from: number, to: number, out: number): number;
  lines(from: number, to: number): number;
  bytes: Uint8Array;
  words: Uint32Array;
}

function instantiate(first: Uint32Array, second: Uint32Array): WasmScan | undefined {
  if (!wasmApi) return undefined;
  try {
    wasmModule ??= new wasmApi.Module(Buffer.from(PREFILTER_WASM_BASE64, 'base64'));
    const instance = new wasmApi.Instance(wasmModule, {});
    const memory = instance.exports['memory'] as { buffer: ArrayBuffer };
    const bytes = new Uint8Array(memory.buffer);
    const words = new Uint32Array(memory.buffer);
    words.set(first, 0);
    words.set(second, first.length);
    return {
      scan: instance.exports['scan'] as WasmScan['scan'],
      lines: instance.exports['lines'] as WasmScan['lines'],
      bytes,
      words,
    };
  } catch {
    return undefined; // no WebAssembly: the JavaScript loop does the same work
  }
}

/**
 * A gram (first character in the high byte) as the WebAssembly loop reads it: one
 * little-endian 32-bit load, first character in the low byte. The tables are hashed on this.
 */
const littleEndian = (gram: number): number => ((gram & 0xff) << 24) | ((gram & 0xff00) << 8) | ((gram >>> 8) & 0xff00) | (gram >>> 24);

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const lower = (c: number): number => (c >= 65 && c <= 90 ? c | 0x20 : c);

/** Every case variant of a 4-character gram (letters in both cases when `ignoreCase`), as numbers. */
function gramVariants(c0: number, c1: number, c2: number, c3: number, ignoreCase: boolean, out: number[]): void {
  if (!ignoreCase) {
    out.push(((c0 << 24) | (c1 << 16) | (c2 << 8) | c3) >>> 0);
    return;
  }
  const codes = [c0, c1, c2, c3];
  let letters = 0;
  if (ignoreCase) for (let k = 0; k < 4; k++) if (isAsciiLetter(codes[k]!)) letters |= 1 << k;
  // each subset of the letter positions is upper-cased in one variant
  for (let mask = letters; ; mask = (mask - 1) & letters) {
    let gram = 0;
    for (let k = 0; k < 4; k++) {
      const c = codes[k]!;
      gram = (gram << 8) | ((letters >> k) & 1 ? ((mask >> k) & 1 ? c & ~0x20 : c | 0x20) : c);
    }
    out.push(gram >>> 0);
    if (mask === 0) break;
  }
}

/** Rank of each common gram (0 = most common): a keyword is found by its least common gram. */
const GRAM_RANK = new Map<string, number>();
for (let i = 0; i + 4 <= COMMON_GRAMS.length; i += 4) GRAM_RANK.set(COMMON_GRAMS.slice(i, i + 4), i / 4);

/**
 * Offset of the keyword's least common 4-character gram (the first of equals), below 64: a
 * keyword is looked for by that gram, so `datadog` stops the loop at "tado", not at every "data".
 */
function anchorOf(text: string): number {
  let best = 0;
  let bestCommonness = Number.POSITIVE_INFINITY;
  for (let a = 0; a + 4 <= text.length && a < 64; a++) {
    const rank = GRAM_RANK.get(text.slice(a, a + 4));
    const commonness = rank === undefined ? 0 : GRAM_RANK.size - rank;
    if (commonness < bestCommonness) {
      best = a;
      bestCommonness = commonness;
    }
  }
  return best;
}

/**
 * A built prefilter as plain data (`Prefilter.snapshot()`), so a process can load the tables
 * instead of building them: `scripts/prefilter-snapshot.mjs` writes the default rules' one into
 * dist at build time (see prefilter-snapshot.ts). `fingerprint` names the keywords it was built from.
 */
export interface PrefilterSnapshot {
  fingerprint: string;
  /**
   * The entries as they are, shared (never changed once built) by every prefilter loaded from
   * this snapshot: JSON.parse builds these objects natively, ~1.5 ms in a fresh process, where
   * a loop turning arrays into entries ran cold for 4–7 ms.
   */
  entries: KeywordEntry[];
  /** The two bit tables and the gram table (`gramTable`), base64 of their little-endian words. */
  first: string;
  second: string;
  grams: string;
}

const wordsFromBase64 = (text: string): Uint32Array => {
  const bytes = Buffer.from(text, 'base64');
  const words = new Uint32Array(bytes.length >>> 2);
  new Uint8Array(words.buffer).set(bytes);
  return words;
};
const wordsToBase64 = (words: Uint32Array): string => Buffer.from(words.buffer, words.byteOffset, words.byteLength).toString('base64');

/**
 * From a 4-byte gram to the keywords anchored on it, in one Uint32Array: word 0 holds the slot
 * count (a power of two), then open addressing over that many (gram, offset) pairs (gram 0,
 * never a keyword's, marks an empty slot), then at each offset a count and that many packed
 * entry/anchor numbers. A fresh process loads it from the build-time snapshot as one base64
 * string; the Map of ~4,200 arrays it replaces took ~3–6 ms to rebuild there.
 */
function gramTable(grams: ReadonlyMap<number, readonly number[]>): Uint32Array {
  let slots = 1;
  while (slots < grams.size * 1.5) slots <<= 1; // at most 2/3 full
  let listWords = 0;
  for (const list of grams.values()) listWords += 1 + list.length;
  const table = new Uint32Array(1 + 2 * slots + listWords);
  table[0] = slots;
  let offset = 1 + 2 * slots;
  for (const [gram, list] of grams) {
    let slot = Math.imul(gram, HASH_MUL) & (slots - 1);
    while (table[1 + 2 * slot] !== 0) slot = (slot + 1) & (slots - 1);
    table[1 + 2 * slot] = gram;
    table[2 + 2 * slot] = offset;
    table[offset++] = list.length;
    for (const packed of list) table[offset++] = packed;
  }
  return table;
}

/** Offset in `table` of the count before `gram`'s packed entries, or -1. */
function gramList(table: Uint32Array, gram: number): number {
  const mask = table[0]! - 1;
  for (let slot = Math.imul(gram, HASH_MUL) & mask; ; slot = (slot + 1) & mask) {
    const key = table[1 + 2 * slot]!;
    if (key === gram) return table[2 + 2 * slot]!;
    if (key === 0) return -1;
  }
}

export class Prefilter {
  readonly entries: KeywordEntry[] = [];
  private readonly first = new Uint32Array(1 << (BLOOM_BITS - 5));
  private readonly second = new Uint32Array(1 << (BLOOM_BITS - 5));
  /** From an anchor gram to its keywords (`gramTable`). */
  private grams: Uint32Array;
  private wasm: WasmScan | null | undefined;
  /** `false` forces the JavaScript loop (tests compare both paths). */
  useWasm = true;
  /** Bytes per WebAssembly call; smaller in tests to exercise chunk edges. */
  chunkSize = WASM_CHUNK;

  /** The same prefilter as the one `snapshot()` was taken of, without building its tables. */
  static fromSnapshot(snapshot: PrefilterSnapshot): Prefilter {
    const prefilter = new Prefilter([]);
    prefilter.entries.push(...snapshot.entries);
    prefilter.first.set(wordsFromBase64(snapshot.first));
    prefilter.second.set(wordsFromBase64(snapshot.second));
    prefilter.grams = wordsFromBase64(snapshot.grams);
    return prefilter;
  }

  /** This prefilter's tables as plain data (JSON-safe), for `fromSnapshot`. */
  snapshot(fingerprint: string): PrefilterSnapshot {
    return {
      fingerprint,
      entries: this.entries.map((e) => ({ ...e, rules: [...e.rules] })),
      first: wordsToBase64(this.first),
      second: wordsToBase64(this.second),
      grams: wordsToBase64(this.grams),
    };
  }

  constructor(keywords: readonly PrefilterKeyword[]) {
    const grams = new Map<number, number[]>();
    const exact = new Map<string, KeywordEntry>();
    const folded = new Map<string, KeywordEntry>();
    for (const { keyword, ignoreCase, rule, decoder, quantum } of keywords) {
      if (keyword.length < MIN_KEYWORD_LENGTH) throw new Error(`keyword "${keyword}" is shorter than ${MIN_KEYWORD_LENGTH}`);
      const byKey = ignoreCase ? folded : exact;
      const key = ignoreCase ? keyword.toLowerCase() : keyword;
      let entry = byKey.get(key);
      if (!entry) {
        const text = ignoreCase ? keyword.toLowerCase() : keyword;
        for (let k = 0; k < text.length; k++) {
          if (text.charCodeAt(k) > 0xff) throw new Error(`keyword "${keyword}" must be latin1`);
        }
        // an encoded form is random-looking already: it is found by its first gram
        const anchor = decoder === undefined && text.length > 4 ? anchorOf(text.toLowerCase()) : 0;
        entry = { keyword: text, ignoreCase, rules: [], decoders: 0, quanta: 0, anchor };
        byKey.set(key, entry);
        this.addGrams(entry, this.entries.length, grams);
        this.entries.push(entry);
      }
      if (rule !== undefined && !entry.rules.includes(rule)) entry.rules.push(rule);
      if (decoder !== undefined) entry.decoders |= decoder;
      if (quantum !== undefined) entry.quanta |= 1 << quantum;
    }
    this.grams = gramTable(grams);
  }

  /** Puts the keyword's anchor gram(s) in the bit tables and in `byGram`. */
  private addGrams(entry: KeywordEntry, index: number, byGram: Map<number, number[]>): void {
    const { keyword, anchor, ignoreCase } = entry;
    const code = (k: number): number => keyword.charCodeAt(k);
    const grams: number[] = [];
    if (keyword.length >= 4) gramVariants(code(anchor), code(anchor + 1), code(anchor + 2), code(anchor + 3), ignoreCase, grams);
    else for (let c = 0x21; c <= 0x7e; c++) gramVariants(code(0), code(1), code(2), c, ignoreCase, grams);
    const packed = index * 64 + anchor;
    for (const gram of grams) {
      const list = byGram.get(gram);
      if (list) list.push(packed);
      else byGram.set(gram, [packed]);
      const le = littleEndian(gram);
      const bit = Math.imul(le, HASH_MUL) >>> HASH_SHIFT;
      this.first[bit >>> 5]! |= 1 << (bit & 31);
      const bit2 = Math.imul(le, HASH_MUL2) >>> HASH_SHIFT;
      this.second[bit2 >>> 5]! |= 1 << (bit2 & 31);
      const bit3 = Math.imul(le, HASH_MUL3) >>> HASH_SHIFT;
      this.second[bit3 >>> 5]! |= 1 << (bit3 & 31);
    }
  }

  private wasmScan(): WasmScan | undefined {
    if (this.wasm === undefined) this.wasm = instantiate(this.first, this.second) ?? null;
    return this.wasm ?? undefined;
  }

  /**
   * Runs the WebAssembly loop over [0, length) in chunks. `load` copies input [from, to) to
   * wasm memory at `at`; `verify` gets each candidate gram's start offset.
   */
  private findWasm(wasm: WasmScan, length: number, load: (from: number, to: number, at: number) => void, verify: (start: number) => void): void {
    const chunk = Math.min(this.chunkSize, WASM_CHUNK);
    for (let from = 0; from < length; from += chunk) {
      const to = Math.min(length, from + chunk);
      // three bytes of left context so grams that straddle the chunk edge are seen
      const context = Math.min(3, from);
      load(from - context, to, WASM_IN);
      const count = wasm.scan(WASM_IN, WASM_IN + context + (to - from), WASM_OUT);
      const base = from - context - WASM_IN;
      const first = WASM_OUT >>> 2;
      for (let k = 0; k < count; k++) {
        const end = wasm.words[first + k]! + base;
        if (end >= from) verify(end - 3);
      }
    }
  }

  /** Newlines in input[from, to): SIMD in WebAssembly for long ranges, indexOf for short ones. */
  countNewlines(input: Uint8Array | string, from: number, to: number): number {
    const wasm = this.useWasm && to - from >= 2048 ? this.wasmScan() : undefined;
    if (!wasm) {
      let count = 0;
      const isString = typeof input === 'string';
      let nl = isString ? input.indexOf('\n', from) : input.indexOf(10, from);
      while (nl !== -1 && nl < to) {
        count++;
        nl = isString ? input.indexOf('\n', nl + 1) : input.indexOf(10, nl + 1);
      }
      return count;
    }
    const memory = Buffer.from(wasm.bytes.buffer, wasm.bytes.byteOffset, wasm.bytes.byteLength);
    let count = 0;
    for (let at = from; at < to; at += WASM_CHUNK) {
      const end = Math.min(to, at + WASM_CHUNK);
      if (typeof input === 'string') memory.write(input.slice(at, end), WASM_IN, 'latin1');
      else wasm.bytes.set(input.subarray(at, end), WASM_IN);
      count += wasm.lines(WASM_IN, WASM_IN + (end - at));
    }
    return count;
  }

  /** Appends every keyword occurrence in `bytes` to `hits`, in offset order. */
  findInBytes(bytes: Uint8Array, hits: Hits): void {
    const wasm = this.useWasm && bytes.length >= WASM_MIN_INPUT ? this.wasmScan() : undefined;
    if (wasm) {
      this.findWasm(
        wasm,
        bytes.length,
        (from, to, at) => wasm.bytes.set(bytes.subarray(from, to), at),
        (start) => {
          if (start < 0) return;
          const gram = ((bytes[start]! << 24) | (bytes[start + 1]! << 16) | (bytes[start + 2]! << 8) | bytes[start + 3]!) >>> 0;
          this.verify(bytes, start, gram, hits);
        },
      );
    } else {
      const n = bytes.length;
      let w = 0;
      let le = 0;
      for (let i = 0; i < n; i++) {
        const c = bytes[i]!;
        w = (w << 8) | c;
        le = (le >>> 8) | (c << 24);
        if (this.candidate(le)) this.verify(bytes, i - 3, w >>> 0, hits);
      }
    }
    sortHits(hits);
  }

  /** The JavaScript loop's table test, the same as the WebAssembly one (`w`: the gram, little-endian). */
  private candidate(w: number): boolean {
    const bit = Math.imul(w, HASH_MUL) >>> HASH_SHIFT;
    if ((this.first[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    const bit2 = Math.imul(w, HASH_MUL2) >>> HASH_SHIFT;
    if ((this.second[bit2 >>> 5]! & (1 << (bit2 & 31))) === 0) return false;
    const bit3 = Math.imul(w, HASH_MUL3) >>> HASH_SHIFT;
    return (this.second[bit3 >>> 5]! & (1 << (bit3 & 31))) !== 0;
  }

  /**
   * `at`: offset of a candidate gram in `input` (bytes, or a string's code units); every keyword
   * anchored on that gram is compared whole.
   */
  private verify(input: Uint8Array | string, at: number, gram: number, hits: Hits): void {
    const table = this.grams;
    const list = gramList(table, gram);
    if (list === -1 || at < 0) return;
    const isString = typeof input === 'string';
    for (let i = list + 1, end = list + 1 + table[list]!; i < end; i++) {
      const packed = table[i]!;
      const { keyword, ignoreCase } = this.entries[packed >>> 6]!;
      const start = at - (packed & 63);
      const len = keyword.length;
      if (start < 0 || start + len > input.length) continue;
      let ok = true;
      for (let k = 0; k < len && ok; k++) {
        const c = isString ? input.charCodeAt(start + k) : input[start + k]!;
        ok = (ignoreCase ? lower(c) : c) === keyword.charCodeAt(k);
      }
      if (ok) push(hits, packed >>> 6, start);
    }
  }

  /** Same as findInBytes over a string's UTF-16 code units (characters above 0xff never match). */
  findInString(text: string, hits: Hits): void {
    const wasm = this.useWasm && text.length >= WASM_MIN_INPUT ? this.wasmScan() : undefined;
    if (wasm) {
      const memory = Buffer.from(wasm.bytes.buffer, wasm.bytes.byteOffset, wasm.bytes.byteLength);
      this.findWasm(
        wasm,
        text.length,
        // latin1 keeps one byte per code unit (higher code units are truncated, as in the JS loop)
        (from, to, at) => memory.write(text.slice(from, to), at, 'latin1'),
        (start) => {
          if (start < 0) return;
          const gram =
            (((text.charCodeAt(start) & 0xff) << 24) |
              ((text.charCodeAt(start + 1) & 0xff) << 16) |
              ((text.charCodeAt(start + 2) & 0xff) << 8) |
              (text.charCodeAt(start + 3) & 0xff)) >>>
            0;
          this.verify(text, start, gram, hits);
        },
      );
    } else {
      const n = text.length;
      let w = 0;
      let le = 0;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i) & 0xff;
        w = (w << 8) | c;
        le = (le >>> 8) | (c << 24);
        if (this.candidate(le)) this.verify(text, i - 3, w >>> 0, hits);
      }
    }
    sortHits(hits);
  }
}
