import { contextRule } from '../context-rule.js';

export const asanaPat = contextRule({
  id: 'asana-pat',
  description: 'Asana personal access token (with "asana" nearby)',
  provider: 'asana',
  names: ['asana'],
  value: '[0-9]{1,2}/[0-9]{13,20}(?:/[0-9]{13,20})?:[A-Za-z0-9]{32}',
  right: '(?![A-Za-z0-9])',
  samples: (g) => [`2/${g.digits(16)}/${g.digits(16)}:${g.hex(32)}`, `1/${g.digits(16)}:${g.alnum(32)}`],
  nearMisses: (g) => [`asana_project: 1/${g.digits(16)}`],
});
