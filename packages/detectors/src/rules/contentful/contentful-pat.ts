import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const contentfulPat = tokenRule({
  id: 'contentful-pat',
  description: 'Contentful management personal access token',
  provider: 'contentful',
  keywords: ['CFPAT-'],
  token: 'CFPAT-[A-Za-z0-9_-]{43}',
  left: LEFT_WORD,
  entropy: 4,
  samples: (g) => [`CFPAT-${g.base64url(43)}`],
  nearMisses: (g) => [`CFPAT-${g.base64url(42)}`],
});
