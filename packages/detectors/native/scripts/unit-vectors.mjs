// Prints the expected values of the native engine's unit tests (src/unit_vectors.rs), computed by the
// TypeScript engine itself, never by hand. After `npm run build` of the detectors package:
//
//   node native/scripts/unit-vectors.mjs | rustfmt --edition 2021 > native/src/unit_vectors.rs
//
// (rustfmt, so `cargo fmt --check` stays clean). Inputs come from a seeded generator, so a
// rerun prints the same file.
import { mulberry32 } from './mulberry32.mjs';

const dist = new URL('../../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const { shannonEntropy } = await load('checks/entropy.js');
const { isPlaceholder } = await load('checks/placeholders.js');
const { verifyGithubStyleToken, githubChecksum } = await load('checksum/github-token.js');
const { verifyGitlabRoutableToken, gitlabRoutableChecksum } = await load('checksum/gitlab-routable.js');
const { defaultRules, createScanner } = await load('index.js');
const { redact, knownPrefixLength } = await load('redact.js');

const random = mulberry32(16);
const pick = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;

// a Rust string literal: JSON's \uXXXX escapes (not an escaped backslash before a 'u') as \u{XXXX}
const literal = (s) => JSON.stringify(s).replace(/(?<!\\)((?:\\\\)*)\\u([0-9a-f]{4})/gi, '$1\\u{$2}');
// The inputs are generated, but printed they would be token-shaped lines in the repository, which
// secret scanners (ours among them) flag: a string that a default rule's pattern matches is
// printed as `concat!` of pieces, each match cut after its first four characters (a prefix such
// as `ghp_` is never whole) and in its middle; the tests get the same &str.
const patterns = defaultRules.map((r) => new RegExp(r.pattern.source, `${r.pattern.flags.replace(/[gy]/g, '')}g`));
const scanner = createScanner();
const keywords = [...new Set(defaultRules.flatMap((r) => r.keywords).filter((k) => k.length >= 3))];
const rs = (s) => {
  const cuts = new Set();
  // never between the halves of a surrogate pair
  const cut = (at) => cuts.add(/[\uDC00-\uDFFF]/.test(s[at]) ? at + 1 : at);
  for (const pattern of patterns) {
    for (const m of s.matchAll(pattern)) {
      if (m[0].length < 8) continue;
      cut(m.index + 4);
      cut(m.index + (m[0].length >> 1));
    }
  }
  // and what only the scanner finds: a token inside base64 or percent-encoding, cut the same way
  // in its encoded span (the offsets are UTF-8 bytes: `index` maps them to the string's), and
  // one that only the printed literal's escapes make whole, cut inside its known prefix
  const index = [];
  for (let i = 0; i < s.length; i++) for (const _ of Buffer.from(s.slice(i, i + 1))) index.push(i);
  for (const f of scanner.scan(Buffer.from(s)).findings) {
    const length = f.line === f.endLine ? f.endColumn - f.column : 8;
    cut(index[f.offset + 4] ?? s.length - 1);
    cut(index[f.offset + Math.max(5, length >> 1)] ?? s.length - 1);
  }
  for (const f of scanner.scan(Buffer.from(literal(s))).findings) {
    const prefix = f.redacted.split('…')[0];
    for (let at = s.indexOf(prefix); prefix.length >= 4 && at >= 0; at = s.indexOf(prefix, at + 1)) cut(at + 2);
  }
  // and a near miss (one character short or long, a PEM header without its body) is as
  // token-shaped to a cruder scanner: a rule's keyword with a non-alphanumeric character in it
  // (`ghp_`, `PRIVATE KEY`) is cut wherever it stands, a word (`AKIA`, `token`) where a token's
  // characters follow it
  for (const keyword of keywords) {
    const prefix = /[^A-Za-z0-9]/.test(keyword);
    for (let at = s.indexOf(keyword); at >= 0; at = s.indexOf(keyword, at + 1)) {
      if (prefix || /^[A-Za-z0-9+/=_.-]{8}/.test(s.slice(at + keyword.length))) cut(at + (keyword.length >> 1));
    }
  }
  if (cuts.size === 0) return literal(s);
  const at = [0, ...[...cuts].sort((a, b) => a - b), s.length];
  return `concat!(${at.slice(1).map((end, i) => literal(s.slice(at[i], end))).join(', ')})`;
};
const bits = (x) => {
  const b = new Float64Array([x]);
  return `0x${new BigUint64Array(b.buffer)[0].toString(16)}`;
};
const out = [];
const table = (name, type, rows) => out.push(`pub const ${name}: &[${type}] = &[\n${rows.map((r) => `    ${r},`).join('\n')}\n];\n`);

// entropy: many lengths and alphabets, some non-ASCII
const entropyInputs = ['', 'a', 'ab', 'aaaa', 'abcdefgh', 'héllo wörld', '日本語のテキスト', 'x\u{1F600}y'];
for (let n = 1; n < 120; n += 3) for (const a of [ALNUM, B64, '0123456789abcdef', 'ab', 'abc ']) entropyInputs.push(pick(a, n));
table('ENTROPY', '(&str, u64)', entropyInputs.map((s) => `(${rs(s)}, ${bits(shannonEntropy(s))})`));

// placeholders
const placeholderInputs = [
  '', 'x', 'abc<def', 'a>b', '{{key}}', '${KEY}', '%s', '***', 'a...b', 'a..b', 'EXAMPLE123', 'Example', 'eXample', 'yourkey', 'YOURKEY', 'Yourkey',
  'tOKEN', 'Token', 'SECRETSAUCE', 'Secret', 'passwordless', 'aaaaaaa1', 'aaaaaaaa', 'zzzzzzzzz', '0000000', '00000000', 'ababababab', 'abababababab', 'abcabcabcabc',
  'abcdabcdabcd', '01234567', '0123456', 'abcdefgh', 'bcdefghi', 'ABCDEFGH', 'STUVWXYZ', 'xyzabcde', '789abcde', 'éééééééé', 'ééééééé',
];
for (let i = 0; i < 60; i++) placeholderInputs.push(pick(ALNUM, 8 + (i % 40)));
for (let i = 0; i < 20; i++) placeholderInputs.push(pick('abc', 12 + i));
table('PLACEHOLDER', '(&str, bool)', placeholderInputs.map((s) => `(${rs(s)}, ${isPlaceholder(s)})`));

// github-style checksums: valid tokens, and each with one character changed
const github = [];
for (const prefix of ['ghp_', 'gho_', 'npm_', 'ghs_']) {
  for (let i = 0; i < 6; i++) {
    const body = pick(ALNUM, 30);
    const token = `${prefix}${body}${githubChecksum(body)}`;
    github.push(token, `${token.slice(0, -1)}${token.at(-1) === 'A' ? 'B' : 'A'}`, token.slice(0, -1), `${token}x`);
  }
}
github.push('', 'nounderscore', 'ghp_', 'a_b_c', `ghp_é${pick(ALNUM, 35)}`);
table('GITHUB', '(&str, bool)', github.map((s) => `(${rs(s)}, ${verifyGithubStyleToken(s)})`));

// gitlab routable tokens: with and without t1_ and 01., broken lengths and CRCs
const gitlab = [];
const b36 = (n) => n.toString(36).padStart(2, '0');
for (const head of ['glpat-', 'glrt-', 'glrt-t1_', 'glcbt-t3_', 'GLPAT-']) {
  for (const version of ['', '01.']) {
    for (let i = 0; i < 3; i++) {
      const payload = pick(`${ALNUM}_-`, 20 + i * 7);
      const before = `${head}${payload}.${version}${b36(payload.length)}`;
      const token = `${before}${gitlabRoutableChecksum(before)}`;
      gitlab.push(token, `${token.slice(0, -1)}${token.at(-1) === '0' ? '1' : '0'}`, token.replace(`.${version}`, `.${version === '' ? '01.' : ''}`));
    }
  }
}
const t1Only = `glrt-t1_.${b36(3)}`;
gitlab.push(`${t1Only}${gitlabRoutableChecksum(t1Only)}`, 'glpat-.abcdefghi', 'glpat-abc', '-abc.abcdefghi', 'glpat-abc.ABCDEFGHI');
table('GITLAB', '(&str, bool)', gitlab.map((s) => `(${rs(s)}, ${verifyGitlabRoutableToken(s)})`));

// validate, by rule id
const rule = (id) => defaultRules.find((r) => r.id === id);
const validate = [];
const add = (id, secret, groups = {}) => validate.push([id, secret, groups, rule(id).validate(secret, groups)]);
for (const id of ['alibaba-secret-key', 'aws-secret-access-key', 'twitter-api-secret']) {
  for (const s of ['abcdefABCDEF', 'abcdef123456', 'ABCDEF123456', 'aB3', 'aB', pick(B64, 40), 'ÉéÀà']) add(id, s);
}
add('putty-private-key', 'PuTTY-User-Key-File-3: ssh-rsa\nPrivate-Lines: 14\nabc');
add('putty-private-key', 'PuTTY-User-Key-File-3: ssh-rsa\r\nPrivate-Lines: 14\r\nabc');
add('putty-private-key', 'Private-Lines: \n');
add('putty-private-key', 'Private-Lines: 1x\n');
add('putty-private-key', 'Private-Lines: 12\r\r\n');
const enc = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const sig = pick(`${ALNUM}_-`, 43);
const jwts = [
  [{ alg: 'HS256', typ: 'JWT' }, { sub: '1' }, sig],
  [{ alg: 'none' }, { sub: '1' }, sig],
  [{ alg: 'NONE' }, { sub: '1' }, sig],
  [{ alg: 1 }, { sub: '1' }, sig],
  [{ typ: 'JWT' }, { sub: '1' }, sig],
  [{ alg: 'RS256' }, [1, 2], sig],
  [{ alg: 'RS256' }, 'null', sig],
  [{ alg: 'RS256' }, '42', sig],
  [{ alg: 'RS256' }, '"str"', sig],
  [{ alg: 'RS256' }, { big: 1 }, 'aaaaaaaaXYZ'],
  [{ alg: 'RS256' }, { big: 1 }, 'aaaaaaaXYZ'],
  ['{"alg":"none","alg":"HS256"}', { a: 1 }, sig],
  ['{"alg":"HS256","alg":"none"}', { a: 1 }, sig],
  ['{"\\u0061lg":"HS256"}', { a: 1 }, sig],
  ['{"alg":"HS256"', { a: 1 }, sig],
  ['[{"alg":"HS256"}]', { a: 1 }, sig],
  ['{"alg":"HS256"}', '{"n":1e400}', sig],
  ['{"alg":"HS256"}', ' {"a":[1,{"b":null}]} ', sig],
  ['{"alg":"HS256"}', '{"a":1} x', sig],
  ['{"alg":"HS256"}', '{"a":"\u00e9"}', sig],
  ['{"alg":"H\u00e9"}', '{"a":1}', sig],
];
for (const [h, p, s] of jwts) add('jwt', `${enc(h)}.${enc(p)}.${s}`);
add('jwt', `${enc({ alg: 'HS256' })}=.${enc({ a: 1 })}.${sig}`);
add('jwt', `${enc({ alg: 'HS256' })}A.${enc({ a: 1 })}.${sig}`);
add('jwt', `${enc({ alg: 'HS256' })}.${enc({ a: 1 })}`);
const pemBody = (lines) => Array.from({ length: lines }, () => pick(B64, 64)).join('\n');
const pems = [
  `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(4)}\n-----END RSA PRIVATE KEY-----`,
  `-----BEGIN PRIVATE KEY-----\\n${pemBody(3).replaceAll('\n', '\\n')}\\n-----END PRIVATE KEY-----`,
  `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n-----END RSA PRIVATE KEY-----`,
  `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ABC\n\n${pemBody(3)}\n-----END RSA PRIVATE KEY-----`,
  `-----BEGIN EC PRIVATE KEY-----\\n" +\n  "${pick(B64, 64)}\\n" +\n  "${pick(B64, 64)}\\n" +\n  "-----END EC PRIVATE KEY-----`,
  `-----BEGIN PRIVATE KEY-----\n${pick(B64, 40)}\n-----END PRIVATE KEY-----`,
  `-----BEGIN PRIVATE KEY----- x -----\n${pemBody(2)}\n-----END PRIVATE KEY-----`,
  `-----BEGIN PRIVATE KEY-----\n${pemBody(2)}\n-----END PRIVATE KEY-----\nmore-----END X-----`,
  `-----BEGIN PRIVATE KEY-----\n${pemBody(2)}-----END PRIVATE KEY-----`,
  `-----BEGIN PRIVATE KEY-----\n${pick(B64, 30)}abc-def:ghi\n${pemBody(2)}\n-----END PRIVATE KEY-----`,
  `-----BEGIN PRIVATE KEY-----\n${pick(B64, 70)}\u00a0\u2028${pick(B64, 10)}\n-----END PRIVATE KEY-----`,
  `-----BEGIN PRIVATE KEY-----\n${pick(B64, 70)}\\'\\"\\\\\\x${pick(B64, 10)}\n-----END PRIVATE KEY-----`,
];
for (const p of pems) add('private-key', p);
for (const [user, secret, host] of [
  ['app', 'S3cr3t-Pa55', 'db.acme.io:5432'], ['app', 'app', 'db.acme.io'], ['a', 'Passw0rdXYZ', 'localhost'], ['a', 'Passw0rdXYZ', 'LOCALHOST:5432'],
  ['a', 'Passw0rdXYZ', 'localhostx'], ['a', 'Passw0rdXYZ', 'db.example.com'], ['a', 'Passw0rdXYZ', 'db.example'], ['a', 'Passw0rdXYZ', 'db.example.org'],
  ['a', 'Passw0rdXYZ', 'example.org'], ['a', 'Passw0rdXYZ', 'db.example.com.evil'], ['a', 'Passw0rdXYZ', 'db.EXAMPLE.COM:80'], ['a', 'Passw0rdXYZ', 'host'],
  ['a', 'Passw0rdXYZ', 'hostname:1'], ['a', 'Passw0rdXYZ', 'hosts'], ['a', 'Passw0rdXYZ', '127.0.0.1'], ['a', 'Passw0rdXYZ', '127.0.0.10'],
  ['a', 'PASSWORD', 'db.io'], ['a', 'Your_Password', 'db.io'], ['a', 'xXx.**', 'db.io'], ['a', 'x$y', 'db.io'], ['a', 'p%41ss', 'db.io'], ['a', 'p%4ss', 'db.io'],
  ['a', 'pass%', 'db.io'], ['a', 'pa*ss', 'db.io'], ['a', 'Passw0rdXYZ', ''], ['a', 'Passw0rdXYZ', undefined],
]) add('url-basic-auth', secret, host === undefined ? { user } : { user, host });
table(
  'VALIDATE',
  '(&str, &str, &[(&str, &str)], bool)',
  validate.map(([id, s, g, v]) => `(${rs(id)}, ${rs(s)}, &[${Object.entries(g).map(([k, x]) => `(${rs(k)}, ${rs(x)})`).join(', ')}], ${v})`),
);

// url-basic-auth's precheck over [from, to) of a text
const pre = rule('url-basic-auth').precheck;
const prechecks = ['://u:p@h', '://u@h', '://u:p h@', '://u:p/@', `://${'a'.repeat(198)}:@`, `://${'a'.repeat(197)}:@`, '://:@', '://u:p', '://u:p\t@', '://u:p\u00e9@'];
table(
  'PRECHECK',
  '(&str, bool)',
  prechecks.map((t) => {
    const b = Buffer.from(t, 'latin1');
    return `(${rs(t)}, ${pre((i) => b[i], 3, b.length)})`;
  }),
);

// redact and knownPrefixLength, over token shapes drawn from the seeded generator (no literal tokens)
const redactInputs = [
  `ghp_${pick(ALNUM, 36)}`, `github_pat_${pick(ALNUM, 19)}_${pick(ALNUM, 26)}`, `glpat-t1_${pick(ALNUM, 20)}`, `glpat-${pick(ALNUM, 10)}`, `sk-ant-api03-${pick(ALNUM, 21)}`,
  `sk-proj-${pick(ALNUM, 16)}`, `sk-${pick(ALNUM, 22)}`, `sk_live_${pick(ALNUM, 17)}`, 'rk_test_abc', `AKIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, 'xoxb-123-456-abc', `xoxe.xoxp-1-${pick(ALNUM, 16)}`,
  'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX', `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}.${pick(ALNUM, 26)}`, `AccountKey=${pick(ALNUM, 26)}==`,
  `-----BEGIN RSA PRIVATE KEY-----\n${pick(B64, 64)}\n${pick(B64, 20)}==\n-----END RSA PRIVATE KEY-----`, `-----BEGIN PRIVATE KEY-----\\n${pick(B64, 64)}\\n-----END PRIVATE KEY-----`,
  `-----BEGIN OPENSSH PRIVATE KEY BLOCK-----\n${pick(B64, 30)}\n-----END OPENSSH PRIVATE KEY BLOCK-----`, '-----BEGIN A B C D E F G H I J K L M PRIVATE KEY-----abc',
  'short', '0123456789', '012345678', '0123456789abcdef', '0123456789abcde', 'x"y\'z`0123456789abcdef', 'ab\\ncd\\r0123456789abcdef', 'abc déf 0123456789 ghi',
  `PMAK-${pick(ALNUM, 59)}`, 'pypi-AgEIcHlwaS5vcmc', `dop_v1_${pick(ALNUM, 26)}`, `hf_${pick(ALNUM, 26)}`, `${'A'.repeat(50)}`, 'ab\u{1F600}cdefghijklmnop\u{1F600}',
];
table('KNOWN_PREFIX', '(&str, usize)', redactInputs.map((s) => `(${rs(s)}, ${knownPrefixLength(s)})`));
const redactions = [];
for (const s of redactInputs) {
  redactions.push([s, null, true, redact(s)]);
  redactions.push([s, null, false, redact(s, undefined, { tail: false })]);
  redactions.push([s, 5, true, redact(s, 5)]);
  redactions.push([s, 45, true, redact(s, 45)]);
}
table(
  'REDACT',
  '(&str, Option<usize>, bool, &str)',
  redactions.map(([s, p, t, r]) => `(${rs(s)}, ${p === null ? 'None' : `Some(${p})`}, ${t}, ${rs(r)})`),
);

// Buffer.from(s, 'base64'): both alphabets, padding, stray characters, lone last characters
const base64 = ['', 'Q', 'QQ', 'QQ=', 'QQ==', 'QUJD', 'QUJDR', 'QUJDRA', 'QUJDRA=', 'QUJDRA==', 'QUJDREU', '-_-_', '+/+/', 'QUJD=', 'QUJDRA=x', 'Q=Q=', 'QU JD', 'QU\nJD', '!!QUJD', 'QUJD!', 'QR', 'QUJDREVGR', '=QUJD', 'QUJD==QUJD', 'Q!=='];
for (let i = 0; i < 40; i++) base64.push(pick(`${B64}-_`, i) + pick('==', i % 3));
table('BASE64', '(&str, &str)', base64.map((s) => `(${rs(s)}, ${rs(Buffer.from(s, 'base64').toString('hex'))})`));

// verifyCandidates: candidates of real rules (by id) → what is kept, and the stats
const { verifyCandidates } = await load('engine/verify.js');
const { compileRule } = await load('engine/compile.js');
const { stringSource } = await load('engine/source.js');
const ghp = (body) => `ghp_${body}${githubChecksum(body)}`;
const goodGhp = ghp(pick(ALNUM, 30));
const jwtOk = `${enc({ alg: 'HS256' })}.${enc({ sub: pick(ALNUM, 8) })}.${pick(ALNUM, 43)}`;
const aws = pick(B64, 40);
const pem = `-----BEGIN PRIVATE KEY-----\n${pemBody(3)}\n-----END PRIVATE KEY-----`;
const pemJson = pem.replaceAll('\n', '\\n');
const verifyCases = [
  // [rule id, start, end, secret, prefixLength, encoding, groups]
  [
    ['github-pat-classic', 10, 50, goodGhp, 4, null, {}],
    ['github-pat-classic', 60, 100, ghp(pick(ALNUM, 30)).slice(0, -1) + 'Z', 4, null, {}],
    ['github-pat-classic', 10, 50, goodGhp, 4, ['base64'], {}],
    ['jwt', 5, 40, jwtOk, 3, null, {}],
    ['jwt', 0, 60, jwtOk, 3, ['percent'], {}],
    ['aws-secret-access-key', 200, 240, aws, 0, null, {}],
    ['aws-secret-access-key', 300, 340, 'a'.repeat(40), 0, null, {}],
    ['aws-secret-access-key', 400, 440, 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn', 0, null, {}],
    ['url-basic-auth', 500, 510, 'password', 0, null, { user: 'u', host: 'db.io' }],
    ['url-basic-auth', 520, 530, `Pw${pick(ALNUM, 10)}`, 0, null, { user: 'u', host: 'db.io' }],
    ['private-key', 600, 600 + pemJson.length, pemJson, 0, null, {}],
    ['private-key', 600, 600 + pemJson.length, pem, 0, ['json'], {}],
    ['private-key', 600, 600 + pemJson.length, pemJson, 0, ['json'], {}],
  ],
  [
    ['aws-secret-access-key', 0, 40, aws, 0, ['base64', 'json'], {}],
    ['aws-secret-access-key', 0, 40, aws, 0, ['base64'], {}],
    ['jwt', 0, 40, jwtOk, 3, ['json'], {}],
    ['github-pat-classic', 41, 50, goodGhp, 4, null, {}],
    ['github-pat-classic', 30, 45, goodGhp, 4, null, {}],
    ['github-pat-classic', 30, 45, goodGhp, 40, null, {}],
  ],
];
const verify = verifyCases.map((cands) => {
  const stats = { bytes: 0, rejected: 0, rejectedBy: { checksum: 0, entropy: 0, placeholder: 0, invalid: 0 }, allowlisted: 0, keywordHits: 0, decoded: 0 };
  const candidates = cands.map(([id, start, end, secret, prefixLength, encoding, groups]) => ({
    rule: compileRule(rule(id)), start, end, secret, match: secret, groups, prefixLength, ...(encoding ? { encoding } : {}),
  }));
  const kept = verifyCandidates(candidates, stats, { allowedHashes: new Set(), hashKey: undefined }, undefined, stringSource('', undefined));
  const input = cands.map(([id, start, end, secret, prefixLength, encoding, groups]) =>
    `C { rule: ${rs(id)}, start: ${start}, end: ${end}, secret: ${rs(secret)}, prefix_length: ${prefixLength}, encoding: &[${(encoding ?? []).map(rs).join(', ')}], groups: &[${Object.entries(groups).map(([k, x]) => `(${rs(k)}, ${rs(x)})`).join(', ')}] }`);
  const kept_ = kept.map((k) => `K { index: ${candidates.indexOf(candidates.find((c) => c.start === k.start && c.end === k.end && c.rule === k.rule && c.secret === k.secret && (c.encoding?.length ?? 0) === (k.encoding?.length ?? 0)))}, hash: ${rs(k.hash)} }`);
  const b = stats.rejectedBy;
  return `V { candidates: &[\n        ${input.join(',\n        ')}\n    ], kept: &[${kept_.join(', ')}], rejected: [${b.checksum}, ${b.placeholder}, ${b.entropy}, ${b.invalid}] }`;
});
out.push(`pub struct C { pub rule: &'static str, pub start: usize, pub end: usize, pub secret: &'static str, pub prefix_length: usize, pub encoding: &'static [&'static str], pub groups: &'static [(&'static str, &'static str)] }\npub struct K { pub index: usize, pub hash: &'static str }\npub struct V { pub candidates: &'static [C], pub kept: &'static [K], pub rejected: [usize; 4] }\n`);
table('VERIFY', 'V', verify);

// the decoders, and decodeSpans over the real prefilter's hits and matchRules' tried positions
const { decodeBase64, decodePercent, decodeJsonEscapes } = await load('engine/decode/decoders.js');
const { decodeSpans } = await load('engine/decode/decode-spans.js');
const { matchRules } = await load('engine/match.js');
const { Prefilter } = await load('engine/prefilter.js');
const { PREFILTER_SNAPSHOT } = await load('engine/prefilter-snapshot.js');
const units = (t) => `&[${Array.from({ length: t.length }, (_, i) => t.charCodeAt(i)).join(', ')}]`;
const decodedRow = (d, end) => {
  const idx = Array.from({ length: d.text.length + 1 }, (_, i) => i);
  return `Some(D { name: ${rs(d.name)}, text: ${units(d.text)}, starts: &[${idx.map((i) => d.start(i)).join(', ')}], ends: &[${idx.map((i) => d.end(i)).join(', ')}], end: ${end} })`;
};
const b64 = (t) => Buffer.from(t, 'latin1').toString('base64');
const decoderCases = [
  // [decoder, text, bytes, p, quantum, floor]
  ['base64', `key: ${b64('{"token":"ghp_0123456789abcdefghij"}')} done`, true, 9, 0, 0],
  ['base64', `key: ${b64('{"token":"ghp_0123456789abcdefghij"}')} done`, true, 9, 1, 0],
  ['base64', `key: ${b64('{"token":"ghp_0123456789abcdefghij"}')} done`, true, 9, 3, 7],
  ['base64', `x=${b64('abcdefghijklmnopq')}==`, true, 4, 2, 0],
  ['base64', `x=${b64('abcdefghijklmnop').replaceAll('+', '-')}===`, true, 4, 0, 0],
  ['base64', 'x=QUJDREVGR0hJSktMTU5PUA', true, 2, 0, 0],
  ['base64', 'x=QUJDREVG', true, 2, 0, 0],
  ['base64', `\u00ff${b64('\u00ff\u00fe0123456789abcdef')}\u00ff`, true, 3, 0, 0],
  ['percent', 'url=https%3A%2F%2Fuser%3Apa%25ss%40host%2Fpath&x=%zz%4', true, 12, 0, 0],
  ['percent', 'a "https://host/%2" b', true, 5, 0, 0],
  ['percent', 'a https://host/%2F%2f<b', true, 5, 0, 4],
  ['percent', `${'a'.repeat(50)}%41${'b'.repeat(20)}`, true, 40, 0, 0],
  ['json', '{"k": "https:\\/\\/hooks.slack.com\\/services\\/T0\\/B0\\/xyz", "n": 1}', false, 14, 0, 0],
  ['json', '{"k": "a\\"b\\\\c\\u0041\\u00e9\\u2028\\ud83d\\ude00\\uzzzz\\x\\n\\t\\b\\f\\r"}', false, 10, 0, 0],
  ['json', 'line1\n"x\\/y" "z\\/w"\n', false, 9, 0, 0],
  ['json', 'no escapes "here" at all', false, 12, 0, 0],
  ['json', '\u2028"wide\u2028\\/\u0100 text\\\\"', false, 4, 0, 0],
  ['json', 'x\\"y\\/z"', false, 5, 0, 2],
  ['json', 'tail\\', false, 2, 0, 0],
];
const decoderRows = decoderCases.map(([kind, text, bytes, p, q, floor]) => {
  const source = stringSource(text, undefined, bytes);
  const r = kind === 'base64' ? decodeBase64(source, p, q, floor) : kind === 'percent' ? decodePercent(source, p, floor) : decodeJsonEscapes(source, p, floor);
  return `(${rs(kind)}, ${units(text)}, ${bytes}, ${p}, ${q}, ${floor}, ${r ? decodedRow(r.decoded, r.end) : 'None'})`;
});
out.push(`pub struct D { pub name: &'static str, pub text: &'static [u16], pub starts: &'static [usize], pub ends: &'static [usize], pub end: usize }\n`);
table('DECODERS', '(&str, &[u16], bool, usize, usize, usize, Option<D>)', decoderRows);

const prefilter = Prefilter.fromSnapshot(PREFILTER_SNAPSHOT);
const compiled = defaultRules.map(compileRule);
const ghpTok = goodGhp;
const spanInputs = [
  `export TOKEN=${b64(`GITHUB_TOKEN=${ghpTok}\n`)}\n`,
  `a: "${b64(b64(ghpTok))}"\nb: ${b64(`x${ghpTok}`)}`,
  `{"url": "https:\\/\\/hooks.slack.com\\/services\\/T01ABCDEF\\/B01ABCDEF\\/${pick(ALNUM, 24)}"}`,
  `curl "https://api.example.io/x?token=%22${ghpTok}%22&y=1"`,
  `DATABASE_URL=postgres%3A%2F%2Fapp%3A${pick(ALNUM, 12)}%40db.acme.io%2Fapp`,
  `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${pick(B64, 64)}\\n${pick(B64, 64)}\\n-----END PRIVATE KEY-----\\n"}`,
  `token=ghp_${pick(ALNUM, 20)}%2F${pick(ALNUM, 20)} and ${b64('postgres://u:' + pick(ALNUM, 12) + '@db.acme.io/x')}`,
  `plain ${ghpTok} text with no encoding at all, ${'x'.repeat(30)}`,
  `auth: ${b64(`Authorization: Bearer ${jwtOk}`)}`,
  `a\u2028b "x\\u00e9\\/ghp_${pick(ALNUM, 36)}"`,
  `${b64(`{"alg":"HS256","typ":"JWT"}`)}.${b64('{"sub":"1"}')}.sig and again ${b64(`${'q'.repeat(7)}{"alg":"RS256"}`)}`,
];
const spanRows = spanInputs.map((text) => {
  const source = stringSource(text, prefilter);
  const hits = { entry: [], pos: [] };
  prefilter.findInString(text, hits);
  const found = [];
  const tried = { pos: [], before: [], after: [] };
  matchRules(compiled, [], prefilter, source, hits, found, tried);
  const visited = [];
  decodeSpans(prefilter, source, hits, tried, found, (d) => visited.push(decodedRow(d, 0)));
  return `S { text: ${rs(text)}, hits: &[${hits.pos.map((p, i) => `(${p}, ${hits.entry[i]})`).join(', ')}], tried: &[${tried.pos.map((p, i) => `(${p}, ${tried.before[i]}, ${tried.after[i]})`).join(', ')}], candidates: &[${found.map((c) => `(${c.start}, ${c.end})`).join(', ')}], visited: &[${visited.join(', ')}] }`;
});
out.push(`pub struct S { pub text: &'static str, pub hits: &'static [(usize, u32)], pub tried: &'static [(usize, usize, usize)], pub candidates: &'static [(usize, usize)], pub visited: &'static [Option<D>] }\n`);
table('SPANS', 'S', spanRows);

// toFindings: lines and columns of accepted candidates over a text (file bytes as latin1)
const { toFindings } = await load('engine/findings.js');
const { bufferSource } = await load('engine/source.js');
const findingText = `line one\nkey=${goodGhp}\r\n\n  "${pemJson}"\nmulti\nline ${'é'.repeat(3)} x\n${b64(`a\n${goodGhp}`)}\nend`;
const buf = Buffer.from(findingText, 'latin1');
const at = (needle) => findingText.indexOf(needle);
const findingCases = [
  // [rule id, start, end, secret, prefixLength, encoding]
  ['github-pat-classic', at('ghp_'), at('ghp_') + 40, goodGhp, 4, null],
  ['private-key', at('-----BEGIN'), at('-----BEGIN') + pemJson.length, pem, 0, ['json']],
  ['private-key', at('-----BEGIN'), at('-----BEGIN') + pemJson.length, pemJson, 0, null],
  ['url-basic-auth', at('multi'), at(' x\n'), `multi\nline ${'é'.repeat(3)}`, 0, null],
  ['github-pat-classic', at('multi') + 2, at(' x\n') + 4, goodGhp, 0, ['base64']],
  ['jwt', findingText.length - 3, findingText.length, 'end', 0, null],
];
const accepted = findingCases.map(([id, start, end, secret, prefixLength, encoding]) => ({
  rule: compileRule(rule(id)), start, end, secret, match: secret, groups: {}, prefixLength, hash: `h${start}`, ...(encoding ? { encoding } : {}),
}));
const findings = toFindings(accepted, bufferSource(buf, prefilter), {});
out.push(`pub const FINDINGS_TEXT: &str = ${rs(findingText)};\npub struct F { pub rule: &'static str, pub start: usize, pub end: usize, pub secret: &'static str, pub prefix_length: usize, pub encoding: &'static [&'static str], pub redacted: &'static str, pub line: usize, pub column: usize, pub end_line: usize, pub end_column: usize }\n`);
table('FINDINGS', 'F', findingCases.map(([id, start, end, secret, prefixLength, encoding], i) => {
  const f = findings[i];
  return `F { rule: ${rs(id)}, start: ${start}, end: ${end}, secret: ${rs(secret)}, prefix_length: ${prefixLength}, encoding: &[${(encoding ?? []).map(rs).join(', ')}], redacted: ${rs(f.redacted)}, line: ${f.line}, column: ${f.column}, end_line: ${f.endLine}, end_column: ${f.endColumn} }`;
}));

console.log(`// Written by native/scripts/unit-vectors.mjs from the TypeScript engine: do not edit.\n\n#![allow(clippy::type_complexity)]\n\n${out.join('\n')}`);
