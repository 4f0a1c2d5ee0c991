import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const trelloToken = tokenRule({
  id: 'trello-token',
  description: 'Trello API token',
  provider: 'trello',
  keywords: ['ATTA'],
  token: 'ATTA[a-f0-9]{64}[A-F0-9]{8}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  samples: (g) => [`ATTA${g.hex(64)}${g.hex(8).toUpperCase()}`],
  nearMisses: (g) => [`ATTA${g.hex(40)}`],
});
