import { contextRule } from '../context-rule.js';

export const ngrokAuthtoken = contextRule({
  id: 'ngrok-authtoken',
  description: 'ngrok authtoken (with "ngrok" nearby)',
  provider: 'ngrok',
  names: ['ngrok'],
  value: '[0-9A-Za-z]{27}_[0-9A-Za-z]{21}',
  samples: (g) => [`2${g.alnum(26)}_${g.alnum(21)}`],
  nearMisses: (g) => [`ngrok_url: https://${g.alnum(20)}.ngrok.io`],
});
