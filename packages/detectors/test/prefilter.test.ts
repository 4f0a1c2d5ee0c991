import { createSampleGenerator, defaultRules } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../src/engine/compile.js';
import { defaultPrefilterSnapshot, prefilterFor } from '../src/engine/create-scanner.js';
import { type Hits, Prefilter } from '../src/engine/prefilter.js';

function build(): Prefilter {
  return new Prefilter(
    defaultRules
      .flatMap((r, rule) => r.keywords.map((keyword) => ({ keyword, ignoreCase: false, rule })))
      .concat([{ keyword: 'CaseLess', ignoreCase: true, rule: 0 }]),
  );
}

function hitsOf(p: Prefilter, input: string | Buffer): string[] {
  const hits: Hits = { entry: [], pos: [] };
  if (typeof input === 'string') p.findInString(input, hits);
  else p.findInBytes(input, hits);
  return hits.pos.map((pos, i) => `${pos}:${p.entries[hits.entry[i]!]!.keyword}`);
}

/** Random text with every keyword planted many times, including across chunk edges. */
function corpus(seed: number, bytes: number): string {
  const g = createSampleGenerator(seed);
  const keywords = [...defaultRules.flatMap((r) => r.keywords), 'caseless', 'CASELESS'];
  let out = '';
  while (out.length < bytes) {
    out += g.chars('abcdefghijklmnopqrstuvwxyz _-.:/\n0123456789ABCDEFXYZ', g.int(0, 40));
    out += g.pick(keywords);
  }
  return out;
}

describe('prefilter', () => {
  it('the WebAssembly and JavaScript loops find exactly the same hits, across chunk edges', () => {
    for (const seed of [1, 2, 3]) {
      const text = corpus(seed, 200_000);
      const js = build();
      js.useWasm = false;
      const expected = hitsOf(js, text);
      expect(expected.length).toBeGreaterThan(4000);
      expect(hitsOf(js, Buffer.from(text, 'latin1'))).toEqual(expected);
      for (const chunk of [4096, 4099, 65536]) {
        const wasm = build();
        wasm.chunkSize = chunk;
        expect(hitsOf(wasm, text), `string, chunk ${chunk}`).toEqual(expected);
        expect(hitsOf(wasm, Buffer.from(text, 'latin1')), `buffer, chunk ${chunk}`).toEqual(expected);
      }
    }
  });

  it('finds keywords at the very start and end of the input and matches ignoreCase keywords in any case', () => {
    const p = build();
    const text = `PMAK-${'x'.repeat(5000)}cAsElEsS${'y'.repeat(5000)}ghp_`;
    for (const input of [text, Buffer.from(text)]) {
      const hits = hitsOf(p, input);
      expect(hits[0]).toBe('0:PMAK-');
      expect(hits).toContain(`${5 + 5000}:caseless`);
      expect(hits.at(-1)).toBe(`${text.length - 4}:ghp_`);
    }
  });

  it('counts newlines the same way in WebAssembly and JavaScript', () => {
    const text = corpus(5, 300_000);
    const js = build();
    js.useWasm = false;
    const wasm = build();
    for (const [from, to] of [
      [0, text.length],
      [1, 2047],
      [3, 70_001],
      [262_140, 300_000],
    ] as const) {
      const expected = js.countNewlines(text, from, to);
      expect(wasm.countNewlines(text, from, to)).toBe(expected);
      expect(wasm.countNewlines(Buffer.from(text, 'latin1'), from, to)).toBe(expected);
    }
  });

  it('ignores characters above 0xff in strings', () => {
    const p = build();
    expect(hitsOf(p, `\u0150MAK-${'z'.repeat(5000)}`)).toEqual([]);
  });
});

describe('prefilter snapshots (what the package build ships in dist)', () => {
  it('a prefilter loaded from a snapshot has the same tables and finds the same hits', () => {
    const built = build();
    const snapshot = JSON.parse(JSON.stringify(built.snapshot('test')));
    const loaded = Prefilter.fromSnapshot(snapshot);
    expect(loaded.snapshot('test')).toEqual(snapshot);
    const text = corpus(7, 100_000);
    expect(hitsOf(loaded, Buffer.from(text, 'latin1'))).toEqual(hitsOf(built, Buffer.from(text, 'latin1')));
  });

  it('createScanner uses a snapshot only for the keywords it was built from', () => {
    const snapshot = defaultPrefilterSnapshot();
    expect(snapshot.entries.length).toBeGreaterThan(3000);
    const compiled = defaultRules.map(compileRule);
    expect(prefilterFor(compiled, 3, snapshot).prefilter.snapshot(snapshot.fingerprint)).toEqual(snapshot);
    // another rule set, or decoding off, builds its own tables
    expect(prefilterFor(compiled.slice(1), 3, snapshot).fingerprint).not.toBe(snapshot.fingerprint);
    expect(prefilterFor(compiled, 0, snapshot).prefilter.entries.length).toBeLessThan(snapshot.entries.length);
  });

  it('finds every one of the ~3,400 default keywords and encoded forms through its gram table, built or loaded', () => {
    const snapshot = defaultPrefilterSnapshot();
    const built = prefilterFor(defaultRules.map(compileRule), 3, undefined).prefilter;
    const loaded = Prefilter.fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
    // each keyword on its own line, so a hit at a line's start is that keyword's own (`~` after
    // it: a 3-character keyword is looked for with a printable fourth character)
    const keywords = snapshot.entries.map((e) => e.keyword);
    const text = Buffer.from(`${keywords.join('~\n')}~\n`, 'latin1');
    const starts: number[] = [];
    for (let at = 0, k = 0; k < keywords.length; at += keywords[k++]!.length + 2) starts.push(at);
    for (const p of [built, loaded]) {
      const hits: Hits = { entry: [], pos: [] };
      p.findInBytes(text, hits);
      const found = new Set(hits.pos.map((pos, i) => `${pos}:${hits.entry[i]}`));
      const missed = starts.filter((at, k) => !found.has(`${at}:${k}`));
      expect(missed).toEqual([]);
    }
  });
});

describe('the committed WebAssembly', () => {
  it('is what scripts/build-wasm.mjs assembles from prefilter.wat', async () => {
    const script = new URL('../scripts/build-wasm.mjs', import.meta.url).href;
    const { assemble } = (await import(script)) as { assemble: () => Promise<string> };
    const { PREFILTER_WASM_BASE64 } = await import('../src/engine/prefilter-wasm.js');
    expect(await assemble()).toBe(PREFILTER_WASM_BASE64);
  });
});
