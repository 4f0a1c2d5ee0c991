import { LEFT_WORD, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const grafanaCloudApiToken = tokenRule({
  id: 'grafana-cloud-api-token',
  description: 'Grafana Cloud access policy token',
  provider: 'grafana',
  keywords: ['glc_'],
  token: 'glc_[A-Za-z0-9+/]{32,400}={0,3}',
  left: LEFT_WORD,
  right: RIGHT_BASE64,
  window: { after: 500 },
  entropy: 4,
  samples: (g) => [`glc_eyJ${g.chars(ALPHABETS.base64, 120)}=`],
  nearMisses: (g) => [`glc_${g.alnum(20)}`],
});
