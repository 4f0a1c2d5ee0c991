import { LEFT_WORD, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS, type SampleGenerator } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

function orgToken(g: SampleGenerator): string {
  const claims = { iat: g.int(1.7e9, 1.8e9), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: g.chars(ALPHABETS.lower, 8) };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64').replace(/=+$/, '');
  return `sntrys_${payload}_${g.chars(ALPHABETS.base64, 43)}`;
}

export const sentryOrgToken = tokenRule({
  id: 'sentry-org-token',
  description: 'Sentry organization auth token',
  provider: 'sentry',
  keywords: ['sntrys_eyJpYXQiO'],
  token: 'sntrys_eyJpYXQiO[A-Za-z0-9+/]{10,400}={0,2}_[A-Za-z0-9+/]{43}',
  left: LEFT_WORD,
  right: RIGHT_BASE64,
  window: { after: 500 },
  samples: (g) => [orgToken(g)],
  nearMisses: (g) => [`sntrys_eyJpYXQiO${g.alnum(40)}`],
});
