#!/usr/bin/env node
// Random inputs for the native checks with the TypeScript's answers (private-key's and jwt's
// validate, knownPrefixLength, redact, isPlaceholder, shannonEntropy as bits), for the ignored
// test in src/checks/tests.rs:
//
//   node native/scripts/checks-fuzz.mjs [SEED] > /tmp/cases.json
//   KEYGUARD_CHECKS_CASES=/tmp/cases.json cargo test --release -- --ignored
//
// Cases holding a lone surrogate are left out: a Rust string cannot hold one.
import { mulberry32 } from './mulberry32.mjs';

const dist = new URL('../../dist/', import.meta.url).href;
const { defaultRules } = await import(dist + 'index.js');
const { redact, knownPrefixLength } = await import(dist + 'redact.js');
const { isPlaceholder } = await import(dist + 'checks/placeholders.js');
const { shannonEntropy } = await import(dist + 'checks/entropy.js');
const pk = defaultRules.find((r) => r.id === 'private-key').validate;
const jwt = defaultRules.find((r) => r.id === 'jwt').validate;
const random = mulberry32(Number(process.argv[2] ?? 7));
const int = (n) => Math.floor(random() * n);
const pieces = ['-----BEGIN ', '-----END ', 'PRIVATE KEY', '-----', '\n', '\r', '\\n', '\\r', '\\', '"', "'", '`', ' ', '\t', '\u00a0', '\u2028', 'Proc-Type:', 'a-b:', ':', 'x', 'A', 'é', '日', '\ud83d\ude00', 'abcdefgh', 'QUJD', '+/=', 'AAAAAAAA', 'ghp_', 'sk-', 'eyJ', 'BLOCK', 'RSA ', 'secret', 'your', '...', '01234567', '${', '-'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const rand = (n) => Array.from({ length: n }, () => (random() < 0.7 ? B64[int(64)] : pieces[int(pieces.length)])).join('');
const out = [];
for (let i = 0; i < 20000; i++) {
  let s = rand(1 + int(i % 3 === 0 ? 300 : 40));
  if (random() < 0.3) s = `-----BEGIN ${random() < 0.5 ? 'RSA ' : ''}PRIVATE KEY-----${random() < 0.5 ? '\n' : '\\n'}${s}${random() < 0.5 ? '\n' : ''}-----END PRIVATE KEY-----`;
  const enc = (o) => Buffer.from(o).toString('base64url');
  const algs = ['HS256', 'none', 'NONE', 'nOnE', '', 'é', 1, null, ['x'], { a: 1 }];
  const header = random() < 0.8 ? JSON.stringify({ typ: 'JWT', alg: algs[int(algs.length)], ...(random() < 0.2 ? { alg: 'none' } : {}) }) : rand(int(20));
  const payload = random() < 0.8 ? JSON.stringify(random() < 0.5 ? { sub: rand(5) } : [1, rand(3)]) : ['null', '1', '"s"', rand(9)][int(4)];
  const sig = random() < 0.2 ? 'a'.repeat(8 + int(4)) : rand(int(20));
  const j = `${enc(header)}${random() < 0.1 ? '=' : ''}.${enc(payload)}.${sig}`;
  out.push({ s, pk: pk(s), p: knownPrefixLength(s), r: redact(s), rn: redact(s, undefined, { tail: false }), r7: redact(s, 7), ph: isPlaceholder(s), e: (() => { const b = new Float64Array([shannonEntropy(s)]); return new BigUint64Array(b.buffer)[0].toString(); })(), j, jv: jwt(j) });
}
// lone surrogates cannot cross into Rust strings: drop those cases
const lone = /(?:[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/;
const ok = out.filter((c) => !Object.values(c).some((v) => typeof v === 'string' && lone.test(v)));
process.stdout.write(JSON.stringify(ok));
