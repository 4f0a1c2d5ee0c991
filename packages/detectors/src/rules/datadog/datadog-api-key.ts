import { pattern } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/**
 * Datadog API (32 hex) and application (40 hex) keys have no prefix: reported only when a
 * Datadog keyword is nearby and the value is assigned to something named like a key or token.
 */
export const datadogApiKey: Rule = {
  id: 'datadog-api-key',
  description: 'Datadog API or application key (with "datadog"/DD_API_KEY nearby)',
  provider: 'datadog',
  keywords: ['datadog', 'Datadog', 'DATADOG', 'DD_API_KEY', 'dd_api_key', 'DD_APP_KEY', 'dd_app_key'],
  mode: 'window',
  window: { before: 200, after: 200 },
  pattern: pattern(
    '(?:[Kk][Ee][Yy]|[Tt][Oo][Kk][Ee][Nn])["\']?[ \\t]{0,4}(?:=|:|=>|:=)[ \\t]{0,4}["\']?',
    '(?<secret>[0-9a-f]{40}|[0-9a-f]{32})(?![0-9A-Za-z])',
  ),
  confidence: 'medium',
  entropy: 3,
  samples: {
    truePositives: (g) => {
      const api = g.hex(32);
      const app = g.hex(40);
      return [
        { text: `DD_API_KEY=${api}\n`, secret: api },
        { text: `datadog:\n  application_key: "${app}"\n`, secret: app },
      ];
    },
    falsePositives: (g) => [`DD_API_KEY=${'0'.repeat(32)}`, `datadog commit ${g.hex(40)}`, `key = "${g.hex(32)}"`],
  },
};
