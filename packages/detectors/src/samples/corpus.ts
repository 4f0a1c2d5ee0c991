import { defaultRules } from '../registry.js';
import type { Rule } from '../types.js';
import { GENERIC_NAME } from './contexts.js';
import { ALPHABETS, type SampleGenerator } from './generator.js';

/** A snippet with the secrets a scanner must report in it. */
export interface Planted {
  ruleId: string;
  text: string;
  secrets: string[];
}

/** Code-like contexts; `n` is the variable stem (the provider's name for rules that need it). */
const CONTEXTS: Array<(t: string, n: string) => string> = [
  (t, n) => `const ${n}ApiKey = "${t}";`,
  (t, n) => `export ${n.toUpperCase()}_TOKEN=${t}`,
  (t, n) => `  "${n}_secret": "${t}",`,
  (t, n) => `headers: { '${n}-auth': 'Bearer ${t}' },`,
  (t, n) => `# credentials\n${n}_token: ${t}`,
  (t, n) => `curl -H "X-${n}-Api-Key: ${t}" https://api.acme.io/v1/things`,
  (t, n) => `{"description": "set ${n.toUpperCase()}_KEY=${t}\\nthanks"}`,
];

/** Every rule's generated true positives, embedded in code-like contexts. */
export function plantedSamples(g: SampleGenerator, rules: readonly Rule[] = defaultRules): Planted[] {
  const out: Planted[] = [];
  for (const rule of rules) {
    const name = rule.samples?.context ?? GENERIC_NAME;
    for (const tp of rule.samples?.truePositives(g) ?? []) {
      if (typeof tp === 'string') out.push({ ruleId: rule.id, text: g.pick(CONTEXTS)(tp, name), secrets: [tp] });
      else out.push({ ruleId: rule.id, text: tp.text, secrets: [tp.secret, ...(tp.also ?? [])] });
    }
  }
  return out;
}

const b64 = (g: SampleGenerator, bytes: number, url = false): string => Buffer.from(g.bytes(bytes)).toString(url ? 'base64url' : 'base64');
const uuid = (g: SampleGenerator): string => `${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}`;

/**
 * Strings that look like secrets but are not: placeholders, bad checksums, documentation keys,
 * hashes, UUIDs, base64 blobs, and every rule's own false-positive samples.
 */
export function decoySamples(g: SampleGenerator, rules: readonly Rule[] = defaultRules): string[] {
  const out: string[] = [];
  for (const rule of rules) out.push(...(rule.samples?.falsePositives(g) ?? []));
  for (const prefix of ['ghp_', 'gho_', 'npm_']) out.push(`token: ${g.corruptLast(g.githubToken(prefix))}`);
  out.push(`GITLAB_TOKEN=${g.corruptLast(g.gitlabRoutable('glpat-', { versioned: true }), ALPHABETS.base36)}`);
  out.push(
    `"integrity": "sha512-${b64(g, 64)}"`,
    `"resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz#${g.hex(40)}"`,
    `commit ${g.hex(40)}`,
    `sha256: ${g.hex(64)}`,
    `const md5 = "${g.hex(32)}";`,
    `key = "${g.hex(32)}"`,
    `id: "${uuid(g)}"`,
    `"requestId": "${uuid(g).toUpperCase()}"`,
    `data:image/png;base64,${b64(g, 300)}`,
    `blob = "${b64(g, 30)}"`,
    `nonce: ${b64(g, 32, true)}`,
    `signature = "${b64(g, 48)}"`,
    'API_KEY=<your-api-key>',
    `export GITHUB_TOKEN=${'$'}{GITHUB_TOKEN}`,
    'stripe.apiKey = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx";',
    `postman_api_key: PMAK-${'x'.repeat(24)}-${'x'.repeat(34)}`,
    `const jwt = "eyJhbGciOiJIUzI1NiJ9.${b64(g, 30, true)}.";`,
    'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app',
    'see https://docs.acme.io/auth#tokens for how to create a token',
    `AKIA${'IOSFODNN7'}EXAMPLE`,
  );
  return out;
}

const WORDS = (
  'const let return function async await import export from default class extends new this ' +
  'value result error request response config options handler item index list map filter ' +
  'token key secret name path file buffer stream promise callback resolve reject'
).split(' ');

/** A line of plausible source code (no secret-shaped strings). */
export function fillerLine(g: SampleGenerator): string {
  const id = () => `${g.pick(WORDS)}${g.pick(WORDS)[0]!.toUpperCase()}${g.pick(WORDS).slice(1)}`;
  switch (g.int(0, 7)) {
    case 0:
      return `const ${id()} = require('./${g.pick(WORDS)}/${g.pick(WORDS)}');`;
    case 1:
      return `function ${id()}(${id()}, ${id()}) { return ${id()}.${g.pick(WORDS)}(${g.int(0, 999)}); }`;
    case 2:
      return `  // ${Array.from({ length: g.int(3, 12) }, () => g.pick(WORDS)).join(' ')}`;
    case 3:
      return `  if (${id()} === undefined) throw new Error('${g.pick(WORDS)} ${g.pick(WORDS)} missing');`;
    case 4:
      return `  "${id()}": ${g.pick(['true', 'false', `"${g.pick(WORDS)}"`, String(g.int(0, 1e6))])},`;
    case 5:
      return `const ${id()} = process.env.${g.pick(WORDS).toUpperCase()}_${g.pick(WORDS).toUpperCase()};`;
    case 6:
      return `export const ${id()} = { ${id()}: ${g.int(0, 99)}, ${id()}: '${g.pick(WORDS)}' };`;
    default:
      return '';
  }
}
