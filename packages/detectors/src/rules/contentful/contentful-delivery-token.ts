import { contextRule } from '../context-rule.js';

export const contentfulDeliveryToken = contextRule({
  id: 'contentful-delivery-token',
  description: 'Contentful Delivery or Preview API token (with "contentful" nearby)',
  provider: 'contentful',
  names: ['contentful'],
  value: '[A-Za-z0-9_-]{43}',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.base64url(43)],
  nearMisses: (g) => [`contentful_space: ${g.alnum(12)}`],
});
