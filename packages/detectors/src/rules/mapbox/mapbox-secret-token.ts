import { LEFT_WORD } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const mapboxSecretToken = tokenRule({
  id: 'mapbox-secret-token',
  description: 'Mapbox secret access token',
  provider: 'mapbox',
  keywords: ['sk.eyJ1Ijoi'],
  token: 'sk\\.eyJ1Ijoi[A-Za-z0-9_-]{20,200}\\.[A-Za-z0-9_-]{22}',
  left: LEFT_WORD,
  window: { after: 260 },
  entropy: 3.5,
  samples: (g) => [`sk.${Buffer.from(JSON.stringify({ u: g.chars(ALPHABETS.lower, 10), a: g.alnum(25) })).toString('base64url')}.${g.base64url(22)}`],
  nearMisses: (g) => [`sk.eyJ1Ijoi${g.base64url(10)}.${g.base64url(22)}`],
});
