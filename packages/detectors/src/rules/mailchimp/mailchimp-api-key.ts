import { contextRule } from '../context-rule.js';

export const mailchimpApiKey = contextRule({
  id: 'mailchimp-api-key',
  description: 'Mailchimp API key (with "mailchimp" nearby)',
  provider: 'mailchimp',
  names: ['mailchimp'],
  value: '[a-f0-9]{32}-us[0-9]{1,2}',
  right: '(?![A-Za-z0-9])',
  samples: (g) => [`${g.hex(32)}-us${g.int(1, 21)}`],
  nearMisses: (g) => [`mailchimp_list: ${g.hex(32)}`],
});
