#!/usr/bin/env node
// Parity vectors for the native engine: input files, and what the JavaScript engine
// (`createScanner().scan(buffer)` of the built package) finds in each, in `expected.json`.
// check.mjs runs the native engine over the same files and prints where the two differ.
//
//   node packages/detectors/native/parity/vectors.mjs [OUTDIR] [--corpus DIR]...
//
// OUTDIR defaults to packages/detectors/native/target/parity (ignored by git: the files hold
// generated, fake secrets). The inputs, all from fixed seeds:
//   - rules/<id>/tp.txt: the rule's true positives, each in every assignment context;
//   - rules/<id>/fp.txt: its false positives;
//   - rules/<id>/adversarial.txt: its adversarial input, cut to 16 KB;
//   - planted/, decoys/: the bench's planted samples (a quarter encoded as the bench encodes
//     them) and its decoys;
//   - edge/: non-ASCII and invalid UTF-8 beside secrets, CRLF, `\n` escapes before tokens,
//     tokens at the very start and end of a file, an empty file;
//   - with --corpus DIR: every file under DIR (the bench corpora in
//     ~/.cache/keyguard/scanner-bench/{large,small}), keyed by absolute path.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// as the CLI runs the engine (packages/cli/src/main.ts): the same matches, a linear-time fallback
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const here = path.dirname(fileURLToPath(import.meta.url));
const detectors = await import(path.join(here, '../../dist/index.js'));
const { ASSIGNMENT_CONTEXTS, GENERIC_NAME, adversarialInput, createSampleGenerator, createScanner, decoySamples, defaultRules, plantedSamples } = detectors;

/** file (relative to outDir, or absolute for corpus files) → its bytes */
const inputs = new Map();
const add = (name, content) => inputs.set(name, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));

// ---------------------------------------------------------------------------------------------
// every rule's samples

const bare = (tp) => (typeof tp === 'string' ? tp : tp.text);
for (const rule of defaultRules) {
  const g = createSampleGenerator(7);
  const name = rule.samples?.context ?? GENERIC_NAME;
  const tps = rule.samples?.truePositives(g) ?? [];
  const wrapped = tps.flatMap((tp) => ASSIGNMENT_CONTEXTS.map((c) => c.wrap(name, bare(tp))));
  add(`rules/${rule.id}/tp.txt`, [...tps.map(bare), ...wrapped].join('\n'));
  add(`rules/${rule.id}/fp.txt`, (rule.samples?.falsePositives(g) ?? []).join('\n'));
  add(`rules/${rule.id}/adversarial.txt`, Buffer.from(adversarialInput(rule, createSampleGenerator(3), 16 * 1024), 'latin1'));
}

// ---------------------------------------------------------------------------------------------
// the bench's planted samples and decoys (as test/bench/scanner.mjs encodes them)

const ENCODINGS = [
  (t) => `apiVersion: v1\nkind: Secret\ndata:\n  config: ${Buffer.from(t).toString('base64')}`,
  (t) => `callback: https://hooks.acme.io/in?payload=${encodeURIComponent(t)}&v=2`,
  (t) => `{"script": "${JSON.stringify(t).slice(1, -1).replaceAll('/', '\\/')}"}`,
];
const planted = [1, 2, 3]
  .flatMap((seed) => plantedSamples(createSampleGenerator(seed)))
  .map((p, i) => (i % 4 === 1 ? ENCODINGS[(i >> 2) % ENCODINGS.length](p.text) : p.text));
// every snippet once more, in every encoding, so each rule meets each decoder
const encoded = plantedSamples(createSampleGenerator(4)).flatMap((p) => ENCODINGS.map((e) => e(p.text)));
const chunks = (prefix, texts, size) => {
  for (let i = 0; i * size < texts.length; i++) add(`${prefix}-${String(i).padStart(3, '0')}.txt`, texts.slice(i * size, (i + 1) * size).join('\n'));
};
chunks('planted/planted', planted, 40);
chunks('planted/encoded', encoded, 40);
chunks(
  'decoys/decoys',
  [1, 2].flatMap((seed) => decoySamples(createSampleGenerator(seed))),
  40,
);

// ---------------------------------------------------------------------------------------------
// edge cases

const g = createSampleGenerator(11);
const token = (id) => bare(defaultRules.find((r) => r.id === id).samples.truePositives(g)[0]);
const tokens = ['github-pat-classic', 'aws-access-key-id', 'slack-bot-token', 'stripe-secret-key', 'npm-access-token', 'jwt']
  .filter((id) => defaultRules.some((r) => r.id === id))
  .map(token);
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

add('edge/empty.txt', '');
tokens.forEach((t, i) => {
  add(`edge/whole-file-${i}.txt`, t);
  add(`edge/start-${i}.txt`, `${t}\nrest of the file\n`);
  add(`edge/end-${i}.txt`, `first line\ntoken=${t}`);
  add(`edge/crlf-${i}.txt`, `line one\r\nexport SERVICE_TOKEN=${t}\r\nline three\r\n${t}\r\n`);
  add(`edge/escaped-newline-${i}.txt`, `{"a": "x\\n${t}\\n", "b": "\\n\\n${t}", "c": "\\r\\n\\t${t}"}`);
  add(`edge/utf8-${i}.txt`, `// clé: naïve café ✓ 日本語\nconst clé = "${t}"; // ☃\né${t}é\n日本${t}語\n`);
  add(`edge/latin1-${i}.txt`, bytes('\xe9t\xe9 = "', t, '"\n', [0xe9], t, [0xe9, 0x0a]));
  add(`edge/invalid-utf8-${i}.txt`, bytes([0xff, 0xfe], t, [0xc3], '\n', [0xe2, 0x82], `=${t}`, [0x80, 0x80, 0xc0]));
});
// secrets that hold non-ASCII bytes: re-read as UTF-8, U+FFFD for bad bytes
const secretish = ['pässwörd-Ünïcödé-42!', 'naïve✓secret☃value', 'Zx9\u00e9Qw7\u00fcRt5\u00f1Yu3'];
secretish.forEach((s, i) => {
  add(`edge/non-ascii-secret-${i}.txt`, `password = "${s}"\nDB_PASSWORD=${s}\nmysql://admin:${s}@db.acme.io:3306/app\napi_key: "${s}x9Q7w"\n`);
  add(
    `edge/invalid-utf8-secret-${i}.txt`,
    bytes(
      'password = "ab',
      [0xff],
      'cd9Q',
      [0xc3],
      'x7Wz"\nDB_PASSWORD=Qz8',
      [0xe2, 0x82],
      'kk3Lm0',
      [0x80],
      'Pw\n',
      'postgres://u:Pq',
      [0xfe],
      `9zL${i}x@h.io/db\n`,
    ),
  );
});
// JavaScript's `\s` (the private-key body) also matches U+00A0 (a latin1 byte), U+FEFF and
// U+2028/9 (only in JSON-decoded text); `.` excludes \r and U+2028/9
const pem = token('private-key');
add('edge/pem-nbsp-utf8.txt', `${pem.replaceAll('\n', '\n\xa0')}\n${pem.replaceAll('\n', '\xa0\n')}`);
add('edge/pem-nbsp-latin1.txt', Buffer.from(`${pem.replaceAll('\n', '\xa0\n')}\n`, 'latin1'));
add(
  'edge/pem-json-unicode-space.txt',
  `{"key": ${JSON.stringify(pem.replaceAll('\n', '\u2028')).replace(/\u2028/g, '\\u2028')}}\n{"k2": ${JSON.stringify(pem).replaceAll('\\n', '\\ufeff\\n').replaceAll('+', '\\u00a0+')}}\n`,
);
add('edge/pem-crlf.txt', `${pem.replaceAll('\n', '\r\n')}\r\n`);
add('edge/nul-bytes.txt', bytes('abc', [0, 0, 0], `token=${tokens[0]}`, [0], '\n'));

// ---------------------------------------------------------------------------------------------
// corpora

function* walk(dir) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Writes the inputs and `expected.json` into `outDir` (emptied first); adds every file of
 * `corpora` by absolute path. Returns the expected results.
 */
export function writeVectors(outDir, corpora = []) {
  rmSync(outDir, { recursive: true, force: true });
  const scanner = createScanner();
  const expected = {};
  const record = (name, buf) => {
    const { findings, stats } = scanner.scan(buf);
    expected[name] = {
      findings: findings.map((f) => ({
        ruleId: f.ruleId,
        tokenHash: f.tokenHash,
        redacted: f.redacted,
        confidence: f.confidence,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        offset: f.offset,
        ...(f.encoding ? { encoding: f.encoding } : {}),
      })),
      stats: { bytes: stats.bytes, rejected: stats.rejected, rejectedBy: stats.rejectedBy, keywordHits: stats.keywordHits, decoded: stats.decoded },
    };
  };
  for (const [name, buf] of inputs) {
    const file = path.join(outDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, buf);
    record(name, buf);
  }
  for (const dir of corpora) for (const file of walk(dir)) record(file, readFileSync(file));
  writeFileSync(path.join(outDir, 'expected.json'), `${JSON.stringify(expected, null, 1)}\n`);
  return expected;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const corpora = [];
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--corpus') corpora.push(path.resolve(args[++i]));
    else positional.push(args[i]);
  }
  const outDir = path.resolve(positional[0] ?? path.join(here, '../target/parity'));
  const expected = writeVectors(outDir, corpora);
  const count = Object.values(expected).reduce((n, e) => n + e.findings.length, 0);
  console.log(`${Object.keys(expected).length} files, ${count} findings: ${path.join(outDir, 'expected.json')}`);
}
