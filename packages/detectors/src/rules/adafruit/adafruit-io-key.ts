import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const adafruitIoKey = tokenRule({
  id: 'adafruit-io-key',
  description: 'Adafruit IO key',
  provider: 'adafruit',
  keywords: ['aio_'],
  token: 'aio_[A-Za-z0-9]{28}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 3.5,
  samples: (g) => [`aio_${g.alnum(28)}`],
  nearMisses: (g) => [`aio_${g.alnum(27)}`],
});
