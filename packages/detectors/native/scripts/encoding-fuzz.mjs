#!/usr/bin/env node
// A differential fuzz of the native engine's decoding against the JavaScript engine: files of
// true positives of random rules, each wrapped in an assignment context and then in up to three
// random layers of base64 (either alphabet, any alignment, wrapped lines), percent-encoding
// (either hex case, all or some characters) and JSON escapes (`\/`, `\uXXXX` up to code units
// above 255 and surrogates), amid non-ASCII and invalid UTF-8. Writes the files to OUTDIR-inputs,
// records the JavaScript engine's results with parity/vectors.mjs (as a corpus, beside the
// standard vectors, in OUTDIR), then diffs the native engine against them with parity/check.mjs.
//
//   node packages/detectors/native/scripts/encoding-fuzz.mjs [--files N] [--seed S] [--bin PATH] [OUTDIR]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './mulberry32.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { ASSIGNMENT_CONTEXTS, GENERIC_NAME, createSampleGenerator, defaultRules } = await import(path.join(here, '../../dist/index.js'));
const { compare, report, NATIVE_BIN } = await import(path.join(here, '../parity/check.mjs'));
const { writeVectors } = await import(path.join(here, '../parity/vectors.mjs'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args.splice(i, 2)[1];
};
const files = Number(option('--files', 300));
const random = mulberry32(Number(option('--seed', 16)));
const bin = path.resolve(option('--bin', NATIVE_BIN));
const outDir = path.resolve(args[0] ?? path.join(here, '../target/encoding-fuzz'));

const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

const hex = (b, lower) => {
  const h = b.toString(16).padStart(2, '0');
  return `%${lower ? h : h.toUpperCase()}`;
};
/** Percent-encodes the UTF-8 bytes of `text`: every reserved one, or a random share of all. */
function percent(text) {
  const lower = random() < 0.3;
  const share = random() < 0.5 ? 0 : random();
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    const reserved = !/[A-Za-z0-9._~-]/.test(String.fromCharCode(b));
    out += reserved || random() < share ? hex(b, lower) : String.fromCharCode(b);
  }
  return out;
}
/** A JSON string body: escapes, `\/`, and some characters as `\uXXXX` (non-ASCII ones most). */
function json(text) {
  let out = JSON.stringify(text).slice(1, -1);
  if (random() < 0.7) out = out.replaceAll('/', '\\/');
  const share = random() < 0.5 ? 0 : random() * 0.3;
  return Array.from(out, (ch) => {
    const code = ch.codePointAt(0);
    if (code > 0xffff) return random() < 0.7 ? `\\u${ch.charCodeAt(0).toString(16)}\\u${ch.charCodeAt(1).toString(16)}` : ch;
    if ((code > 127 && random() < 0.6) || (/[A-Za-z0-9]/.test(ch) && random() < share)) return `\\u${code.toString(16).padStart(4, '0')}`;
    return ch;
  }).join('');
}
function base64(text) {
  // a few bytes before the text shift its alignment within base64's 3-byte groups
  const lead = ['', 'x', 'ab', 'key=', '\u00e9'][int(5)];
  let out = Buffer.from(lead + text, random() < 0.15 ? 'latin1' : 'utf8').toString(random() < 0.3 ? 'base64url' : 'base64');
  if (random() < 0.2) out = out.replace(/=+$/, '');
  if (random() < 0.15) out = out.replace(/.{76}/g, '$&\n');
  return out;
}
const LAYERS = [
  (t) => `data:\n  config: ${base64(t)}\n`,
  (t) => `"blob": "${base64(t)}"`,
  (t) => `https://hooks.acme.io/in?payload=${percent(t)}&v=2`,
  (t) => `q=${percent(t)}`,
  (t) => `{"script": "${json(t)}"}`,
  (t) => `"${json(t)}"`,
  // newlines as JavaScript's other spaces, which JSON-decoded text holds as units above 255
  (t) => `{"k": "${t.replaceAll('\n', () => pick(['\\n', '\\u2028', '\\u2029', '\\ufeff\\n', '\\u00a0\\n', '\\ud800']))}"}`,
  // only the slashes escaped: matches cut short at an escape
  (t) => t.replaceAll('/', pick(['%2F', '%2f', '\\/'])),
  // glued to other base64 characters or to an escape
  (t) => `${pick(['AAAA', 'Zm9v', 'ab+/', '%41', '\\u0041', '\\"'])}${base64(t)}${pick(['', '=', '==QQ', '%', '\\'])}`,
];
const B64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const run = (alphabet, n) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
// long runs cross the decoders' bounds (4 KB each side of a percent or JSON trigger)
const NOISE = ['', '\n', '\r\n', ' // clé naïve ✓\n', '\u2028', '日本語 ', 'x'.repeat(40), '\\n', '%', '%2', '\\', '"', () => run(B64_CHARS, 3000 + int(3000)), () => run('ab%2F', 900 + int(900)), () => `"${'\\u00e9'.repeat(700 + int(200))}`];
const noise = () => {
  const n = pick(NOISE);
  return typeof n === 'function' ? n() : n;
};

const g = createSampleGenerator(5);
const samples = defaultRules.flatMap((rule) => {
  const tps = rule.samples?.truePositives(g) ?? [];
  const name = rule.samples?.context ?? GENERIC_NAME;
  return tps.map((tp) => ({ text: typeof tp === 'string' ? tp : tp.text, name }));
});

const inputDir = `${outDir}-inputs`;
rmSync(inputDir, { recursive: true, force: true });
mkdirSync(inputDir, { recursive: true });
for (let f = 0; f < files; f++) {
  const parts = [];
  for (let s = 0; s < 6; s++) {
    const sample = pick(samples);
    let text = random() < 0.7 ? pick(ASSIGNMENT_CONTEXTS).wrap(sample.name, sample.text) : sample.text;
    for (let layers = int(4); layers > 0; layers--) text = pick(LAYERS)(text);
    parts.push(noise(), text, noise());
  }
  let buf = Buffer.from(parts.join(''), 'utf8');
  // some files get invalid UTF-8 and latin1 bytes
  if (random() < 0.2) buf = Buffer.concat([Buffer.from([0xff, 0xe9]), buf, Buffer.from([0xc3, 0x0a, 0x80])]);
  writeFileSync(path.join(inputDir, `fuzz-${String(f).padStart(4, '0')}.txt`), buf);
}
const expected = writeVectors(outDir, [inputDir]);
const fuzzed = Object.entries(expected).filter(([name]) => name.startsWith(inputDir));
const found = fuzzed.reduce((n, [, e]) => n + e.findings.length, 0);
const decoded = fuzzed.reduce((n, [, e]) => n + e.findings.filter((x) => x.encoding).length, 0);
console.log(`${files} files, ${found} findings (${decoded} decoded) in ${inputDir}`);
const result = compare(outDir, bin);
console.log(report(result, 3));
process.exitCode = result.diffs.length === 0 ? 0 : 1;
