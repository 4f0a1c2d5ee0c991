import { contextRule } from '../context-rule.js';

export const postmarkServerToken = contextRule({
  id: 'postmark-server-token',
  description: 'Postmark server or account token (with "postmark" nearby)',
  provider: 'postmark',
  names: ['postmark'],
  value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  samples: (g) => [g.uuid()],
  nearMisses: (g) => [`postmark_stream: ${g.uuid().slice(0, 12)}`],
});
