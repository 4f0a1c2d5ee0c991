// Writes dist/native/engine.json: the default rules and the engine's data as the native scanner
// (native/, `keyguard-scan`) reads them. Run by `npm run build` after tsc and the prefilter
// snapshot. The TypeScript rules stay the one source: what a rule does in JavaScript (checksum,
// validate, precheck functions) is named here, and the native engine implements each name.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { defaultRules, verifyGithubStyleToken, verifyGitlabRoutableToken } = await import('../dist/index.js');
const { compileRule } = await import('../dist/engine/compile.js');
const { ASSIGNED, ASSIGNED_PLAIN } = await import('../dist/boundaries.js');
const { DEFAULT_MAX_DECODE_DEPTH } = await import('../dist/engine/create-scanner.js');
const { PREFILTER_SNAPSHOT } = await import('../dist/engine/prefilter-snapshot.js');
const { DOCUMENTATION_EXAMPLE_HASHES } = await import('../dist/checks/doc-examples.js');
const { STOPWORDS } = await import('../dist/checks/placeholders.js');
const { MIXED_CASE_VALIDATES } = await import('../dist/rules/context-rule.js');
const { PLACEHOLDER_PASSWORDS } = await import('../dist/rules/url/url-basic-auth.js');

const CHECKSUMS = new Map([
  [verifyGithubStyleToken, 'github'],
  [verifyGitlabRoutableToken, 'gitlab-routable'],
]);


const problems = [];
const regex = (re) => re.source;
const rules = defaultRules.map((rule) => {
  const c = compileRule(rule);
  if (c.mode === 'everywhere') problems.push(`${rule.id}: a rule without prefilter keywords`);
  if (rule.allowlists?.length) problems.push(`${rule.id}: per-rule allowlists`);
  if (rule.pattern.flags !== '' || (rule.assigned && rule.assigned.flags !== '')) problems.push(`${rule.id}: regex flags`);
  const checksum = rule.checksum ? CHECKSUMS.get(rule.checksum) : undefined;
  if (rule.checksum && checksum === undefined) problems.push(`${rule.id}: a checksum function without a native name`);
  if (rule.validate && MIXED_CASE_VALIDATES.get(rule.validate) !== undefined) problems.push(`${rule.id}: mixedCase and a validate of its own`);
  return {
    id: rule.id,
    description: rule.description,
    provider: rule.provider,
    confidence: rule.confidence,
    keywords: rule.keywords,
    ignoreCase: rule.ignoreCase === true,
    pattern: regex(rule.pattern),
    assigned: rule.assigned ? regex(rule.assigned) : null,
    mode: c.mode,
    before: c.before,
    after: c.after,
    lines: c.lines ?? null,
    secretGroup: c.secretGroup,
    groupSecret: c.groupSecret,
    secretGroupIndex: rule.secretGroup ?? null,
    // the leading lookbehind's class as 256 flags ('1': a character before the keyword that rejects the hit)
    leftReject: c.leftReject ? Array.from(c.leftReject).join('') : null,
    entropy: rule.entropy ?? null,
    checksum: checksum ?? null,
    // named by rule id: the native engine implements each rule's `validate` and `precheck`
    validate: rule.validate !== undefined,
    precheck: rule.precheck !== undefined,
    placeholderCheck: rule.placeholderCheck !== false,
    hashing: rule.hashing ?? 'sha256',
  };
});
if (!PREFILTER_SNAPSHOT) problems.push('dist/engine/prefilter-snapshot.js holds no snapshot: run scripts/prefilter-snapshot.mjs first');
if (problems.length > 0) {
  console.error(`native-manifest: the native engine cannot run these rules yet:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const manifest = {
  version: 1,
  maxDecodeDepth: DEFAULT_MAX_DECODE_DEPTH,
  assignedTries: [ASSIGNED, ASSIGNED_PLAIN],
  rules,
  // built from these rules' keywords and their encoded forms; entry.rules index `rules`
  prefilter: PREFILTER_SNAPSHOT,
  checks: {
    documentationExampleHashes: [...DOCUMENTATION_EXAMPLE_HASHES],
    stopwords: [...STOPWORDS],
    // context rules whose validate is contextRule's mixed-case check (their own, if any, is refused above)
    mixedCaseRules: defaultRules.filter((r) => r.validate && MIXED_CASE_VALIDATES.has(r.validate)).map((r) => r.id),
    urlPlaceholderPasswords: [...PLACEHOLDER_PASSWORDS],
  },
};
const out = fileURLToPath(new URL('../dist/native/engine.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../dist/native/', import.meta.url)), { recursive: true });
// cargo rebuilds whatever embeds this file when its mtime changes (~15 s of LTO, and as long
// again for the crate's tests): an unchanged manifest is left as it is
const text = JSON.stringify(manifest);
const unchanged = existsSync(out) && readFileSync(out, 'utf8') === text;
if (!unchanged) writeFileSync(out, text);
console.log(`${unchanged ? 'kept' : 'wrote'} ${out} (${rules.length} rules)`);
