import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const grafanaServiceAccountToken = tokenRule({
  id: 'grafana-service-account-token',
  description: 'Grafana service account token',
  provider: 'grafana',
  keywords: ['glsa_'],
  token: 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}',
  left: LEFT_WORD,
  samples: (g) => [`glsa_${g.alnum(32)}_${g.hex(8)}`],
  nearMisses: (g) => [`glsa_${g.alnum(32)}_${g.hex(7)}`],
});
