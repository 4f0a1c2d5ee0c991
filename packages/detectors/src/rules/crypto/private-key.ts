import { pattern } from '../../boundaries.js';
import { shannonEntropy } from '../../checks/entropy.js';
import { ALPHABETS, type SampleGenerator } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

/**
 * A PEM private-key block, BEGIN to the matching END, with real newlines or JSON-escaped ones
 * (`"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE…"` in service-account files). The body may
 * not contain `--`, so a header without a footer costs one scan to the next dash run, never a
 * scan per header.
 */
const BODY = '(?:[A-Za-z0-9+/=\\s:,]|-(?!-)|\\\\[nr]){40,16000}';

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
  pattern: pattern(
    '-----BEGIN ((?:[A-Z0-9]{1,10} ){0,2})PRIVATE KEY( BLOCK)?-----',
    BODY,
    '-----END \\1PRIVATE KEY\\2-----',
  ),
  confidence: 'high',
  placeholderCheck: false,
  validate: (secret) => {
    const body = secret
      .replace(/\\[nr]/g, '\n')
      .replace(/^-----BEGIN[^\n]*-----|-----END[^\n]*-----$|\s|[A-Za-z-]+:[^\n]*/g, '');
    return body.length >= 64 && shannonEntropy(body) >= 4.5 && !/(.)\1{7}/.test(body);
  },
  samples: {
    truePositives: (g) => {
      const escaped = pem(g, '', 16).replaceAll('\n', '\\n');
      return [
        pem(g, 'RSA ', 25),
        pem(g, 'OPENSSH ', 6),
        pem(g, '', 16),
        pem(g, 'EC ', 3),
        { text: `{"type": "service_account", "private_key": "${escaped}\\n"}`, secret: escaped },
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
