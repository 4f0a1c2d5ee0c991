import { contextRule } from '../context-rule.js';

export const twilioAuthToken = contextRule({
  id: 'twilio-auth-token',
  description: 'Twilio account auth token (with "twilio" nearby)',
  provider: 'twilio',
  names: ['twilio'],
  value: '[0-9a-f]{32}',
  samples: (g) => [g.hex(32)],
  nearMisses: (g) => [`TWILIO_ACCOUNT_SID=AC${g.hex(32)}`],
});
