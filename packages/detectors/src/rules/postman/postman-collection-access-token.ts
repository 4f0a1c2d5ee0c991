import { tokenRule } from '../token-rule.js';

/** `PMAT-` + a 26-character Crockford base32 ULID. */
export const postmanCollectionAccessToken = tokenRule({
  id: 'postman-collection-access-token',
  description: 'Postman collection access token',
  provider: 'postman',
  keywords: ['PMAT-'],
  token: 'PMAT-[0-9A-HJKMNP-TV-Z]{26}',
  samples: (g) => [`PMAT-01${g.chars('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 24)}`],
  nearMisses: (g) => [`PMAT-01${g.chars('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 23)}`],
});
