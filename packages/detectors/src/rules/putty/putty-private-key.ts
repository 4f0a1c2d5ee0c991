import { LEFT_ALNUM } from '../../boundaries.js';
import { ALPHABETS, type SampleGenerator } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

function ppk(g: SampleGenerator): string {
  const lines = (n: number) => Array.from({ length: n }, () => g.chars(ALPHABETS.base64, 64)).join('\n');
  return [
    'PuTTY-User-Key-File-3: ssh-rsa',
    'Encryption: none',
    `Comment: rsa-key-${g.digits(8)}`,
    'Public-Lines: 6',
    lines(6),
    'Private-Lines: 14',
    lines(14),
    `Private-MAC: ${g.hex(64)}`,
  ].join('\n');
}

/** A whole .ppk file, header to MAC: its Private-Lines are the key. */
export const puttyPrivateKey = tokenRule({
  id: 'putty-private-key',
  description: 'PuTTY private key file (.ppk)',
  provider: 'putty',
  keywords: ['PuTTY-User-Key-File-'],
  token: 'PuTTY-User-Key-File-[23]: [a-z0-9-]{3,32}\\r?\\n(?:[A-Za-z0-9+/=: -]{0,200}\\r?\\n){1,200}Private-MAC: [0-9a-f]{40,64}',
  left: LEFT_ALNUM,
  right: '',
  window: { after: 24000 },
  placeholderCheck: false,
  validate: (secret) => /Private-Lines: [0-9]+\r?\n/.test(secret),
  samples: (g) => [ppk(g)],
  nearMisses: () => [`PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\n`],
});
