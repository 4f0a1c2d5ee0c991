import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

/** Key ids identify rather than authenticate, hence medium confidence (as aws-access-key-id). */
export const alibabaAccessKeyId = tokenRule({
  id: 'alibaba-access-key-id',
  description: 'Alibaba Cloud AccessKey ID',
  provider: 'alibaba',
  keywords: ['LTAI'],
  token: 'LTAI[A-Za-z0-9]{12,20}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  confidence: 'medium',
  entropy: 3,
  samples: (g) => [`LTAI${g.alnum(20)}`, `LTAI${g.alnum(12)}`],
  nearMisses: (g) => [`LTAI${g.alnum(8)}`],
});
