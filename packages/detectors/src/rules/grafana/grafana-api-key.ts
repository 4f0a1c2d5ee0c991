import { LEFT_BASE64, RIGHT_BASE64 } from '../../boundaries.js';
import type { SampleGenerator } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

function grafanaKey(g: SampleGenerator): string {
  const json = JSON.stringify({ k: g.alnum(32), n: `deploy-${g.alnum(6)}`, id: g.int(1, 99) });
  return Buffer.from(json).toString('base64').replace(/=+$/, '');
}

/** Base64 of `{"k":"…","n":"…","id":…}`. */
export const grafanaApiKey = tokenRule({
  id: 'grafana-api-key',
  description: 'Grafana API key (legacy)',
  provider: 'grafana',
  keywords: ['eyJrIjoi'],
  token: 'eyJrIjoi[A-Za-z0-9]{70,400}={0,3}',
  left: LEFT_BASE64,
  right: RIGHT_BASE64,
  window: { after: 500 },
  samples: (g) => [grafanaKey(g)],
  nearMisses: (g) => [`eyJrIjoi${g.alnum(40)}`],
});
