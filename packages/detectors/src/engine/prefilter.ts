import { PREFILTER_WASM_BASE64 } from './prefilter-wasm.js';

/**
 * One pass over the input that finds every keyword of every rule.
 *
 * A rolling 4-byte window is hashed at each position and tested against a 256-Kbit Bloom
 * table of the keywords' first four characters (3-character keywords are expanded with every
 * printable fourth character). Only a table hit looks up the exact 4-byte gram and compares
 * the rest of the keyword. The loop is a few integer instructions per byte over the raw bytes,
 * so no Buffer is decoded to a string on the hot path. Inputs of 4 KB or more run the loop in
 * WebAssembly (prefilter.wat, ~1.2 GB/s per core here); smaller ones run the same loop in
 * JavaScript (~0.6 GB/s), where a 60-keyword Irregexp alternation measured ~250 MB/s and a
 * pure-JS Aho-Corasick ~33 MB/s. Both paths produce identical hits (tested).
 */

export interface KeywordEntry {
  keyword: string;
  /** Character codes to compare; lower-cased when `ignoreCase`. */
  codes: Uint16Array;
  ignoreCase: boolean;
  /** Indices of the compiled rules that this keyword triggers. */
  rules: number[];
  /** Decoders (bitmask of decode/encoded-keywords.ts kinds) this encoded form triggers. */
  decoders: number;
  /** Base64 forms: bitmask of the form's possible positions (0-3) within a 4-character quantum. */
  quanta: number;
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
  /** Offset of the keyword's first character. */
  pos: number[];
}

const BLOOM_BITS = 18;
const HASH_SHIFT = 32 - BLOOM_BITS;
const HASH_MUL = 0x9e3779b1;
/** Second Bloom hash: cuts false candidates ~100x for one extra multiply on the rare first-bit hits. */
const HASH_MUL2 = 0x85ebca77;
export const MIN_KEYWORD_LENGTH = 3;

const WASM_MIN_INPUT = 4096;
const BLOOM_BYTES = (1 << BLOOM_BITS) / 8;
const WASM_CHUNK = 256 * 1024;
const WASM_IN = BLOOM_BYTES;
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

function instantiate(bloom: Uint32Array): WasmScan | undefined {
  if (!wasmApi) return undefined;
  try {
    wasmModule ??= new wasmApi.Module(Buffer.from(PREFILTER_WASM_BASE64, 'base64'));
    const instance = new wasmApi.Instance(wasmModule, {});
    const memory = instance.exports['memory'] as { buffer: ArrayBuffer };
    const bytes = new Uint8Array(memory.buffer);
    const words = new Uint32Array(memory.buffer);
    words.set(bloom, 0);
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

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const lower = (c: number): number => (c >= 65 && c <= 90 ? c | 0x20 : c);

function caseVariants(codes: number[], ignoreCase: boolean): number[][] {
  let variants: number[][] = [[]];
  for (const c of codes) {
    const options = ignoreCase && isAsciiLetter(c) ? [c & ~0x20, c | 0x20] : [c];
    variants = variants.flatMap((v) => options.map((o) => [...v, o]));
  }
  return variants;
}

const gramOf = (codes: number[]): number => ((codes[0]! << 24) | (codes[1]! << 16) | (codes[2]! << 8) | codes[3]!) >>> 0;

export class Prefilter {
  readonly entries: KeywordEntry[] = [];
  private readonly bloom = new Uint32Array(1 << (BLOOM_BITS - 5));
  private readonly grams = new Map<number, number[]>();
  private wasm: WasmScan | null | undefined;
  /** `false` forces the JavaScript loop (tests compare both paths). */
  useWasm = true;
  /** Bytes per WebAssembly call; smaller in tests to exercise chunk edges. */
  chunkSize = WASM_CHUNK;

  constructor(keywords: readonly PrefilterKeyword[]) {
    const byKey = new Map<string, KeywordEntry>();
    for (const { keyword, ignoreCase, rule, decoder, quantum } of keywords) {
      if (keyword.length < MIN_KEYWORD_LENGTH) throw new Error(`keyword "${keyword}" is shorter than ${MIN_KEYWORD_LENGTH}`);
      const key = ignoreCase ? `i:${keyword.toLowerCase()}` : `s:${keyword}`;
      let entry = byKey.get(key);
      if (!entry) {
        const text = ignoreCase ? keyword.toLowerCase() : keyword;
        const codes = Uint16Array.from(text, (ch) => ch.charCodeAt(0));
        if (codes.some((c) => c > 0xff)) throw new Error(`keyword "${keyword}" must be latin1`);
        entry = { keyword: text, codes, ignoreCase, rules: [], decoders: 0, quanta: 0 };
        byKey.set(key, entry);
        this.addGrams(entry, this.entries.length);
        this.entries.push(entry);
      }
      if (rule !== undefined && !entry.rules.includes(rule)) entry.rules.push(rule);
      if (decoder !== undefined) entry.decoders |= decoder;
      if (quantum !== undefined) entry.quanta |= 1 << quantum;
    }
  }

  private addGrams(entry: KeywordEntry, index: number): void {
    const head = Array.from(entry.codes.subarray(0, 4));
    const heads: number[][] = [];
    if (head.length === 4) heads.push(head);
    else for (let c = 0x21; c <= 0x7e; c++) heads.push([...head, c]);
    for (const h of heads) {
      for (const variant of caseVariants(h, entry.ignoreCase)) {
        const gram = gramOf(variant);
        const list = this.grams.get(gram);
        if (list) list.push(index);
        else this.grams.set(gram, [index]);
        const bit = Math.imul(gram, HASH_MUL) >>> HASH_SHIFT;
        this.bloom[bit >>> 5]! |= 1 << (bit & 31);
        const bit2 = Math.imul(gram, HASH_MUL2) >>> HASH_SHIFT;
        this.bloom[bit2 >>> 5]! |= 1 << (bit2 & 31);
      }
    }
  }

  private wasmScan(): WasmScan | undefined {
    if (this.wasm === undefined) this.wasm = instantiate(this.bloom) ?? null;
    return this.wasm ?? undefined;
  }

  /**
   * Runs the WebAssembly loop over [0, length) in chunks. `load` copies input [from, to) to
   * wasm memory at `at`; `verify` gets each candidate gram's start offset.
   */
  private findWasm(
    wasm: WasmScan,
    length: number,
    load: (from: number, to: number, at: number) => void,
    verify: (start: number) => void,
  ): void {
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
          this.verifyBytes(bytes, start, gram, hits);
        },
      );
      return;
    }
    const bloom = this.bloom;
    const n = bytes.length;
    let w = 0;
    for (let i = 0; i < n; i++) {
      w = (w << 8) | bytes[i]!;
      const bit = Math.imul(w, HASH_MUL) >>> HASH_SHIFT;
      if ((bloom[bit >>> 5]! & (1 << (bit & 31))) !== 0) {
        const bit2 = Math.imul(w, HASH_MUL2) >>> HASH_SHIFT;
        if ((bloom[bit2 >>> 5]! & (1 << (bit2 & 31))) !== 0) this.verifyBytes(bytes, i - 3, w >>> 0, hits);
      }
    }
  }

  private verifyBytes(bytes: Uint8Array, start: number, gram: number, hits: Hits): void {
    const list = this.grams.get(gram);
    if (list === undefined || start < 0) return;
    for (const index of list) {
      const { codes, ignoreCase } = this.entries[index]!;
      const len = codes.length;
      if (start + len > bytes.length) continue;
      let ok = true;
      for (let k = 4; k < len; k++) {
        const c = bytes[start + k]!;
        if ((ignoreCase ? lower(c) : c) !== codes[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        hits.entry.push(index);
        hits.pos.push(start);
      }
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
          this.verifyString(text, start, gram, hits);
        },
      );
      return;
    }
    const bloom = this.bloom;
    const n = text.length;
    let w = 0;
    for (let i = 0; i < n; i++) {
      w = (w << 8) | (text.charCodeAt(i) & 0xff);
      const bit = Math.imul(w, HASH_MUL) >>> HASH_SHIFT;
      if ((bloom[bit >>> 5]! & (1 << (bit & 31))) !== 0) {
        const bit2 = Math.imul(w, HASH_MUL2) >>> HASH_SHIFT;
        if ((bloom[bit2 >>> 5]! & (1 << (bit2 & 31))) !== 0) this.verifyString(text, i - 3, w >>> 0, hits);
      }
    }
  }

  private verifyString(text: string, start: number, gram: number, hits: Hits): void {
    const list = this.grams.get(gram);
    if (list === undefined || start < 0) return;
    for (const index of list) {
      const { codes, ignoreCase } = this.entries[index]!;
      const len = codes.length;
      if (start + len > text.length) continue;
      let ok = true;
      for (let k = 0; k < len; k++) {
        const c = text.charCodeAt(start + k);
        if ((ignoreCase ? lower(c) : c) !== codes[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        hits.entry.push(index);
        hits.pos.push(start);
      }
    }
  }
}
