import { LEFT_BASE64, pattern, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DOCS_KEY_ID = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');

/**
 * A secret access key has no prefix, so it is only reported when it sits within four lines of
 * an access key id (as GitHub pairs them): the id's keywords open a window, and a 40-character
 * base64 run with mixed case and digits inside it is the secret.
 */
export const awsSecretAccessKey: Rule = {
  id: 'aws-secret-access-key',
  description: 'AWS secret access key (paired with an access key id within 4 lines)',
  provider: 'aws',
  keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  mode: 'window',
  window: { before: 320, after: 320, lines: 4 },
  pattern: pattern(LEFT_BASE64, '(?<secret>[A-Za-z0-9/+]{40})', RIGHT_BASE64),
  confidence: 'high',
  entropy: 4,
  validate: (secret) => /[A-Z]/.test(secret) && /[a-z]/.test(secret) && /[0-9]/.test(secret),
  samples: {
    truePositives: (g) => {
      const [id1, id2] = [`AKIA${g.chars(ID_ALPHABET, 16)}`, `ASIA${g.chars(ID_ALPHABET, 16)}`];
      const s1 = g.chars(ALPHABETS.base64, 40);
      const s2 = g.chars(ALPHABETS.base64, 40);
      return [
        { text: `[default]\naws_access_key_id = ${id1}\naws_secret_access_key = ${s1}\n`, secret: s1, also: [id1] },
        { text: `AWS_SECRET_ACCESS_KEY="${s2}"\nAWS_ACCESS_KEY_ID="${id2}"\n`, secret: s2, also: [id2] },
      ];
    },
    // the key id in these is AWS's documentation example (itself rejected), so nothing is reported
    falsePositives: (g) => [
      // a secret-shaped string with no key id nearby
      `aws_secret_access_key = ${g.chars(ALPHABETS.base64, 40)}`,
      // a key id next to a SHA-1 (hex only) is not a secret pair
      `${DOCS_KEY_ID} ${g.hex(40)}`,
      // far apart: more than four lines between them
      `${DOCS_KEY_ID}\n\n\n\n\n\n${g.chars(ALPHABETS.base64, 40)}`,
    ],
  },
};
