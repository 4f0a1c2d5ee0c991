import {
  compileCustomRule,
  createSampleGenerator,
  createScanner,
  CustomRuleError,
  defaultRules,
  foldCase,
  hashToken,
  redact,
  RuleCatalogueError,
} from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';
import { GITHUB_BLOG_EXAMPLE } from './samples/documented-tokens.js';

const g = createSampleGenerator(7);
const scanner = createScanner();
const pmak = () => `PMAK-${g.hex(24)}-${g.hex(34)}`;

describe('findings', () => {
  it('carry rule, hash, redacted preview, confidence, 1-based line/column and the caller’s location', () => {
    const key = pmak();
    const text = `first line\n  "apiKey": "${key}"\n`;
    const { findings, stats } = scanner.scan(text, { path: 'collections/a.json', location: { commit: 'abc123' } });
    expect(findings).toEqual([
      {
        ruleId: 'postman-api-key',
        tokenHash: hashToken(key),
        redacted: `PMAK-…${key.slice(-4)}`,
        confidence: 'high',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 14 + key.length,
        offset: text.indexOf(key),
        path: 'collections/a.json',
        location: { commit: 'abc123' },
      },
    ]);
    expect(stats.bytes).toBe(Buffer.byteLength(text));
  });

  it('never includes the raw secret unless asked, and then only in `raw`', () => {
    const key = pmak();
    const plain = scanner.scan(`k=${key}`);
    expect(JSON.stringify(plain)).not.toContain(key.slice(5));
    const withRaw = scanner.scan(`k=${key}`, { includeRaw: true });
    expect(withRaw.findings[0]!.raw).toBe(key);
  });

  it('gives the same findings for a string and its UTF-8 Buffer, with byte columns for Buffers', () => {
    const key = g.githubToken('ghp_');
    const text = `// café ☕\nconst t = "${key}";\n`;
    const fromString = scanner.scan(text).findings[0]!;
    const fromBuffer = scanner.scan(Buffer.from(text)).findings[0]!;
    expect(fromBuffer.tokenHash).toBe(fromString.tokenHash);
    expect(fromBuffer.line).toBe(2);
    expect(fromString.column).toBe(12);
    expect(fromBuffer.column).toBe(12);
    // on line 1 the multi-byte characters shift byte columns but not string columns
    const first = `☕ ${key}`;
    expect(scanner.scan(first).findings[0]!.column).toBe(3);
    expect(scanner.scan(Buffer.from(first)).findings[0]!.column).toBe(5);
  });

  it('gives exact lines and columns deep into large inputs (the WebAssembly line counter)', () => {
    const lines: string[] = [];
    const expected: Array<[string, number, number]> = [];
    for (let i = 0; i < 30_000; i++) {
      if (i % 4999 === 17) {
        const key = g.githubToken('ghp_');
        const pad = ' '.repeat(i % 7);
        lines.push(`${pad}token=${key}`);
        expected.push([key, i + 1, pad.length + 7]);
      } else lines.push(`line ${i} ${'x'.repeat(i % 50)}`);
    }
    const text = lines.join('\n');
    for (const input of [text, Buffer.from(text)]) {
      const { findings } = scanner.scan(input, { includeRaw: true });
      expect(findings.map((f) => [f.raw, f.line, f.column])).toEqual(expected);
    }
  });

  it('reports multi-line secrets with their end line', () => {
    const rule = defaultRules.find((r) => r.id === 'private-key')!;
    const pem = rule.samples!.truePositives(g)[0] as string;
    const [f] = scanner.scan(`x\n${pem}\n`).findings;
    expect(f!.line).toBe(2);
    expect(f!.endLine).toBe(2 + pem.split('\n').length - 1);
    const material = pem.split('\n').at(-2)!;
    expect(f!.redacted).toBe(`-----BEGIN RSA PRIVATE KEY-----…${material.slice(-4)}`);
  });

  it('finds several secrets of different rules in one pass, in order', () => {
    const a = g.githubToken('ghp_');
    const b = `xoxb-${g.digits(12)}-${g.digits(12)}-${g.alnum(24)}`;
    const c = pmak();
    const { findings } = scanner.scan(`${a}\n${b} ${c}`, { includeRaw: true });
    expect(findings.map((f) => [f.ruleId, f.raw, f.line])).toEqual([
      ['github-pat-classic', a, 1],
      ['slack-bot-token', b, 2],
      ['postman-api-key', c, 2],
    ]);
  });
});

describe('placeholders and documentation examples', () => {
  it('rejects stopwords, templates, repeated and sequential characters', () => {
    for (const text of [
      `ghp_${'x'.repeat(36)}`,
      'sk_live_YOURxSTRIPExKEYxHEREx1234567',
      `glpat-${'0'.repeat(20)}`,
      'sk_live_abcdefghijklmnopqrstuvwxyz',
      `AKIA${'IOSFODNN7'}EXAMPLE`,
    ]) {
      expect(scanner.scan(text).findings, text).toEqual([]);
    }
  });

  it('does not report well-known documentation keys, but counts them as rejected', () => {
    const res = scanner.scan(`token: ${GITHUB_BLOG_EXAMPLE}`);
    expect(res.findings).toEqual([]);
    expect(res.stats.rejectedBy.placeholder).toBe(1);
  });
});

describe('allowlists', () => {
  const key = pmak();
  const text = `POSTMAN_API_KEY=${key}\n`;

  it('by tokenHash', () => {
    const s = createScanner({ allowlist: { tokenHashes: [hashToken(key)] } });
    const res = s.scan(text);
    expect(res.findings).toEqual([]);
    expect(res.stats.allowlisted).toBe(1);
  });

  it('by rule id', () => {
    expect(createScanner({ allowlist: { rules: ['postman-api-key'] } }).scan(text).findings).toEqual([]);
  });

  it('by path glob', () => {
    const s = createScanner({ allowlist: { paths: ['**/fixtures/**', '*.snap', 'docs/*.md'] } });
    expect(s.scan(text, { path: 'test/fixtures/env' }).findings).toEqual([]);
    expect(s.scan(text, { path: 'a/b/c.snap' }).findings).toEqual([]);
    expect(s.scan(text, { path: 'docs/readme.md' }).findings).toEqual([]);
    expect(s.scan(text, { path: 'src/docs/readme.md' }).findings).toHaveLength(1);
    expect(s.scan(text, { path: 'src/config.env' }).findings).toHaveLength(1);
  });
});

describe('custom rules (gitleaks-style)', () => {
  it('compile Go-style inline flags and named groups, and use keywords case-insensitively', () => {
    const rule = compileCustomRule({
      id: 'acme-key',
      regex: '(?i)\\b(?P<whole>acme_[0-9a-z]{32})\\b',
      keywords: ['ACME_'],
      entropy: 3,
    });
    const s = createScanner({ rules: [...defaultRules, rule] });
    const key = `ACME_${g.alnum(32)}`;
    const { findings } = s.scan(`x = ${key}`, { includeRaw: true });
    expect(findings.map((f) => [f.ruleId, f.raw])).toEqual([['acme-key', key]]);
    expect(s.scan(`x = ACME_${'a'.repeat(32)}`).findings).toEqual([]); // entropy
  });

  it('use secretGroup and allowlists', () => {
    const rule = compileCustomRule({
      id: 'internal-password',
      regex: 'internal_pw\\s*=\\s*"([^"]{8,64})"',
      secretGroup: 1,
      keywords: ['internal_pw'],
      allowlists: [{ stopwords: ['dev-only'] }, { paths: ['^test/'] }],
    });
    const s = createScanner({ rules: [rule] });
    expect(s.scan('internal_pw = "Zr8!kQ2#pL"', { includeRaw: true }).findings[0]!.raw).toBe('Zr8!kQ2#pL');
    expect(s.scan('internal_pw = "dev-only-pass"').findings).toEqual([]);
    expect(s.scan('internal_pw = "Zr8!kQ2#pL"', { path: 'test/a.txt' }).findings).toEqual([]);
  });

  it('without keywords run over the whole input', () => {
    const rule = compileCustomRule({ id: 'no-keywords', regex: 'ZZ[0-9]{6}ZZ' });
    expect(createScanner({ rules: [rule] }).scan(`${'a\n'.repeat(5000)} ZZ123456ZZ`).findings).toHaveLength(1);
  });

  it('cannot hang the scanner with a catastrophically backtracking regex (V8 linear-engine fallback)', () => {
    // vitest runs with --enable-experimental-regexp-engine-on-excessive-backtracks, as the CLI
    // does; the fallback skips regexes with the d or i flags, so the engine avoids both
    for (const regex of ['(a+)+b', '(?i)(a+)+b']) {
      const rule = compileCustomRule({ id: 'redos', regex, keywords: ['aaaa'], secretGroup: 1 });
      const start = process.cpuUsage();
      const { findings } = createScanner({ rules: [rule] }).scan(`${'a'.repeat(400)}c`);
      const used = process.cpuUsage(start);
      expect(findings).toEqual([]);
      expect((used.user + used.system) / 1000, regex).toBeLessThan(2000);
    }
  });

  it('folds case without the i flag, leaving escapes, classes and group names intact', () => {
    expect(foldCase('ab1')).toBe('[aA][bB]1');
    expect(foldCase('[a-f0-9_]{4}\\W\\x41(?<Name>x)\\k<Name>')).toBe('[a-fA-F0-9_]{4}\\W\\x41(?<Name>[xX])\\k<Name>');
    expect(foldCase('[^a-z]')).toBe('[^a-zA-Z]');
    const re = new RegExp(foldCase('(?:key|TOKEN)[ =:]+[a-z0-9]{8}\\b'));
    for (const s of ['KEY=abcd1234', 'token: ABCD1234', 'Key = aBcD1234']) expect(re.test(s), s).toBe(true);
    expect(re.test('kex=abcd1234')).toBe(false);
  });

  it('fail loudly on a bad regex, naming the rule', () => {
    expect(() => compileCustomRule({ id: 'broken', regex: '([a-z' })).toThrow(CustomRuleError);
    expect(() => compileCustomRule({ id: 'broken', regex: '([a-z' })).toThrow(/broken/);
  });
});

describe('catalogue validation', () => {
  it('rejects duplicate ids and short keywords, listing every problem', () => {
    const rule = defaultRules[0]!;
    try {
      createScanner({ rules: [rule, rule, { ...rule, id: 'Bad_Id', keywords: ['ab'] }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleCatalogueError);
      const problems = (error as RuleCatalogueError).problems.join('\n');
      expect(problems).toContain('duplicate id');
      expect(problems).toContain('kebab-case');
      expect(problems).toContain('shorter than 3');
    }
  });
});

describe('redact', () => {
  it('keeps the public prefix and at most 4 trailing characters', () => {
    const key = ['PMAK', '0123456789abcdef01234567', '0123456789abcdef0123456789abcdef0f3a9'].join('-');
    expect(redact(key)).toBe('PMAK-…f3a9');
    expect(redact(`ghp_${'a'.repeat(32)}WXYZ`)).toBe('ghp_…WXYZ');
    expect(redact('hunter2')).toBe('…');
    expect(redact('correcthorse1')).toBe('…e1');
  });
});
