import { createSampleGenerator, createScanner, defaultRules, GENERIC_NAME, hashToken, type Rule } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';

const scanner = createScanner();
const g = createSampleGenerator(16);
const b64 = (text: string): string => Buffer.from(text, 'latin1').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'latin1').toString('base64url');
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1).replaceAll('/', '\\/');

/**
 * Each rule's first true positive as a line of configuration that names it (`KEY=value`), and
 * as the value alone: a 3-character keyword (`SG.`, `hf_`) fixes 4 base64 characters at one byte
 * alignment only, so those rules find their tokens in base64 where the encoded value starts.
 */
function sampleOf(rule: Rule): { text: string; secret: string; value: string } {
  const tp = rule.samples!.truePositives(createSampleGenerator(4))[0]!;
  if (typeof tp !== 'string') return { text: tp.text, secret: tp.secret, value: tp.text };
  const name = (rule.samples!.context ?? GENERIC_NAME).toUpperCase();
  const short = rule.keywords.every((k) => k.length === 3) && !rule.encodedKeywords;
  return { text: `${name}_API_KEY=${tp}\n`, secret: tp, value: short ? tp : `${name}_API_KEY=${tp}\n` };
}

function found(text: string, secret: string) {
  return scanner.scan(text, { includeRaw: true }).findings.find((f) => f.raw === secret);
}

describe('secrets inside encoded text', () => {
  it.each(defaultRules.map((r) => [r.id, r] as const))('%s: found base64-, percent- and JSON-encoded', (_id, rule) => {
    const { text, secret, value } = sampleOf(rule);
    const forms: Array<[string, string, string[]]> = [
      ['base64 in a Kubernetes Secret', `apiVersion: v1\nkind: Secret\ndata:\n  config: ${b64(value)}\n`, ['base64']],
      ['base64url in JSON', `{"blob":"${b64url(value === text ? `x ${text}` : value)}"}`, ['base64']],
      ['percent-encoded query', `https://hooks.acme.io/in?payload=${encodeURIComponent(`"${text}"`)}&v=2`, ['percent']],
      ['JSON-escaped string', `{"script": "${jsonEscaped(`echo ready\n${text}`)}"}`, ['json']],
    ];
    for (const [what, input, encoding] of forms) {
      const f = found(input, secret);
      // plain text left readable by an encoding (JSON escapes, percent-encoding of [A-Za-z0-9._~-])
      // is found as it stands
      if (f?.encoding === undefined && encoding[0] !== 'base64' && f !== undefined) continue;
      expect(f, `${rule.id}: ${what}`).toBeDefined();
      expect(f!.encoding, `${rule.id}: ${what}`).toEqual(encoding);
      expect(f!.tokenHash).toBe(hashToken(secret));
    }
  });
});

describe('decoding', () => {
  const token = g.githubToken('ghp_');

  it('reports the encoded characters that hold the secret, on the right line and column', () => {
    const encoded = b64(`token: ${token}\n`);
    const input = `kind: Secret\ndata:\n  env: ${encoded}\n`;
    const [f] = scanner.scan(input).findings;
    expect(f).toMatchObject({ ruleId: 'github-pat-classic', encoding: ['base64'], line: 3, tokenHash: hashToken(token) });
    // base64 of the 40-character token: from the quantum holding its first byte to the one holding its last
    const start = input.indexOf(encoded) + Math.floor((7 * 8) / 6);
    expect(f!.offset).toBe(start);
    expect(f!.column).toBe(start - input.lastIndexOf('\n', start));
    expect(f!.endColumn - f!.column).toBe(Math.ceil((47 * 8) / 6) - Math.floor((7 * 8) / 6));
    const percent = `url: https://x.io/cb?state=${encodeURIComponent(`{"t":"${token}"}`)}`;
    const [p] = scanner.scan(percent).findings;
    expect(p).toMatchObject({ encoding: ['percent'], column: percent.indexOf(token) + 1, endColumn: percent.indexOf(token) + 41 });
  });

  it('goes two layers deep and more: base64 of base64, percent in base64, JSON in percent in base64', () => {
    const cases: Array<[string, string[]]> = [
      [b64(b64(`GITHUB_TOKEN=${token}`)), ['base64', 'base64']],
      [b64url(`x${b64(`  token: ${token}`)}`), ['base64', 'base64']],
      [`q=${encodeURIComponent(b64(`{"u":"https://a.io/?t=%22${token}%22"}`))}`, ['base64', 'percent']],
      [b64(`{"v": "${jsonEscaped(`https://a.io/x?q=%22${token}%22`)}"}`), ['base64', 'percent']],
      [b64(`u=${encodeURIComponent(`{"s": "${jsonEscaped(`/x?t=%22${token}%22`)}"}`)}`), ['base64', 'percent', 'percent']],
    ];
    for (const [input, encoding] of cases) {
      const f = found(`value: ${input}\n`, token);
      expect(f, input.slice(0, 60)).toBeDefined();
      expect(f!.encoding).toEqual(encoding);
    }
  });

  it('stops at maxDecodeDepth, and decodes nothing with maxDecodeDepth 0', () => {
    const two = b64(b64(`token=${token}`));
    expect(createScanner({ maxDecodeDepth: 1 }).scan(two).findings).toEqual([]);
    expect(createScanner({ maxDecodeDepth: 2 }).scan(two).findings).toHaveLength(1);
    const off = createScanner({ maxDecodeDepth: 0 });
    expect(off.scan(b64(`token=${token}`)).findings).toEqual([]);
    expect(off.scan(b64(`token=${token}`)).stats.decoded).toBe(0);
  });

  it('does not report a secret twice when the encoding leaves it readable', () => {
    const input = `https://a.io/?token=${token}&next=%2Fhome`;
    const { findings } = scanner.scan(input);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.encoding).toBeUndefined();
  });

  it('decodes in linear time: half a megabyte of base64 and escapes dense with encoded keyword forms', () => {
    const forms = ['Z2hwX', 'UE1BSy', 'eG94Yi', 'QUtJQ', 'c2tfbGl2ZV'];
    let blob = '';
    while (blob.length < 1 << 19) blob += `${g.pick(forms)}${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', g.int(0, 40))}`;
    let escaped = '';
    while (escaped.length < 1 << 19) escaped += `ghp_%2F${g.alnum(g.int(0, 30))}\\/`;
    for (const input of [blob, Buffer.from(blob), escaped, `"${escaped}"`]) {
      const start = process.cpuUsage();
      const { stats } = scanner.scan(input);
      const used = process.cpuUsage(start);
      expect(stats.decoded).toBeGreaterThan(0);
      // ~0.1 s of CPU per megabyte here; a quadratic decoder would take minutes
      expect((used.user + used.system) / 1000).toBeLessThan(2000);
    }
  }, 60_000);
});
