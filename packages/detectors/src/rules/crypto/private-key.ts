import { pattern } from '../../boundaries.js';
import { shannonEntropy } from '../../checks/entropy.js';
import { ALPHABETS, type SampleGenerator } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

/**
 * A PEM private-key block, BEGIN to the matching END, with real newlines or JSON-escaped ones
 * (`"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE…"` in service-account files), or written
 * as concatenated string literals (`"-----BEGIN …-----\\n" +\n "MIIE…\\n" +`, Python's adjacent
 * literals, PHP's `.`). The body may not contain `--`, so a header without a footer costs one
 * scan to the next dash run, never a scan per header.
 */
const BODY = '(?:[A-Za-z0-9+/=\\s:,."\'`]|-(?!-)|\\\\[nr"\'\\\\]){40,16000}';

/** The same key as the literals of a program: one quoted line each, joined by `join`. */
function concatenated(block: string, quote: string, join: string): string {
  return block
    .split('\n')
    .map((line) => `${quote}${line}\\n${quote}`)
    .join(join);
}

function pem(g: SampleGenerator, kind: string, lines: number): string {
  const body = Array.from({ length: lines }, () => g.chars(ALPHABETS.base64, 64)).join('\n');
  return `-----BEGIN ${kind}PRIVATE KEY-----\n${body}\n${g.chars(ALPHABETS.base64, 20)}==\n-----END ${kind}PRIVATE KEY-----`;
}

export const privateKey: Rule = {
  id: 'private-key',
  description: 'Private key (PEM block: RSA, EC, DSA, OpenSSH, PKCS#8, PGP)',
  provider: 'crypto',
  keywords: ['PRIVATE KEY'],
  mode: 'window',
  window: { before: 64, after: 16200 },
  pattern: pattern('-----BEGIN ((?:[A-Z0-9]{1,10} ){0,2})PRIVATE KEY( BLOCK)?-----', BODY, '-----END \\1PRIVATE KEY\\2-----'),
  confidence: 'high',
  placeholderCheck: false,
  validate: (secret) => {
    const body = secret
      .replace(/\\[nr]/g, '\n')
      .replace(/\\?["'`]|\\\\/g, '')
      .replace(/^-----BEGIN[^\n]*-----|-----END[^\n]*-----$|\s|[A-Za-z-]+:[^\n]*/g, '');
    return body.length >= 64 && shannonEntropy(body) >= 4.5 && !/(.)\1{7}/.test(body);
  },
  samples: {
    truePositives: (g) => {
      const escaped = pem(g, '', 16).replaceAll('\n', '\\n');
      const js = concatenated(pem(g, 'RSA ', 12), '"', ' +\n  ');
      const python = concatenated(pem(g, '', 10), "'", '\n    ');
      const php = concatenated(pem(g, 'EC ', 4), '"', ' .\n');
      const strip = (code: string) => code.slice(1, code.lastIndexOf('-----') + 5);
      return [
        pem(g, 'RSA ', 25),
        pem(g, 'OPENSSH ', 6),
        pem(g, '', 16),
        pem(g, 'EC ', 3),
        { text: `{"type": "service_account", "private_key": "${escaped}\\n"}`, secret: escaped },
        { text: `const key =\n  ${js};\n`, secret: strip(js) },
        { text: `KEY = (\n    ${python}\n)\n`, secret: strip(python) },
        { text: `$key = ${php};\n`, secret: strip(php) },
      ];
    },
    falsePositives: (g) => [
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n-----END RSA PRIVATE KEY-----`,
      `-----BEGIN PUBLIC KEY-----\n${g.chars(ALPHABETS.base64, 64)}\n-----END PUBLIC KEY-----`,
      `-----BEGIN RSA PRIVATE KEY-----\n${g.chars(ALPHABETS.base64, 64)}\n-----END EC PRIVATE KEY-----`,
      'const header = "-----BEGIN PRIVATE KEY-----";',
    ],
  },
};
