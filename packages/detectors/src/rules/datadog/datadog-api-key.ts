import { ASSIGN, pattern } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/**
 * Datadog API (32 hex) and application (40 hex) keys have no prefix: reported only when a
 * Datadog keyword is nearby and the value is assigned to something named like a key, token, secret or auth,
 * in any assignment style (`DD_API_KEY=`, `setProperty("DD_API_KEY", …)`, make's `?=`, PHP's
 * `.=`, `<datadogApiKey>` over a line break, Go's `var k string =`, …).
 */
export const datadogApiKey: Rule = {
  id: 'datadog-api-key',
  description: 'Datadog API or application key (with "datadog"/DD_API_KEY nearby)',
  provider: 'datadog',
  keywords: ['datadog', 'dd_api_key', 'dd_app_key', 'dd_application_key'],
  ignoreCase: true,
  mode: 'window',
  window: { before: 200, after: 200 },
  pattern: pattern(
    '(?:[Kk][Ee][Yy]|[Tt][Oo][Kk][Ee][Nn]|[Ss][Ee][Cc][Rr][Ee][Tt]|[Aa][Uu][Tt][Hh])',
    ASSIGN,
    '(?<secret>[0-9a-f]{40}|[0-9a-f]{32})(?![0-9A-Za-z])',
  ),
  confidence: 'medium',
  entropy: 3,
  samples: {
    context: 'datadog',
    truePositives: (g) => {
      const app = g.hex(40);
      return [g.hex(32), g.hex(40), { text: `datadog:\n  application_key: "${app}"\n`, secret: app }];
    },
    falsePositives: (g) => [`DD_API_KEY=${'0'.repeat(32)}`, `datadog commit ${g.hex(40)}`, `key = "${g.hex(32)}"`],
  },
};
