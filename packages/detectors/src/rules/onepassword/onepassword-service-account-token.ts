import { LEFT_WORD, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const onepasswordServiceAccountToken = tokenRule({
  id: 'onepassword-service-account-token',
  description: '1Password service account token',
  provider: 'onepassword',
  keywords: ['ops_eyJ'],
  token: 'ops_eyJ[A-Za-z0-9+/]{250,1200}={0,3}',
  left: LEFT_WORD,
  right: RIGHT_BASE64,
  window: { after: 1300 },
  samples: (g) => [
    `ops_${Buffer.from(JSON.stringify({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: g.base64url(22) }, email: `${g.chars(ALPHABETS.lower, 12)}@1passwordserviceaccounts.com`, srpX: g.hex(64), muk: { alg: 'A256GCM', ext: true, k: g.base64url(43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: `A3-${g.chars(ALPHABETS.upperAlnum, 6)}` })).toString('base64')}`,
  ],
  nearMisses: (g) => [`ops_eyJ${g.chars(ALPHABETS.base64, 100)}`],
});
