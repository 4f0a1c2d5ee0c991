import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const pineconeApiKey = tokenRule({
  id: 'pinecone-api-key',
  description: 'Pinecone API key',
  provider: 'pinecone',
  keywords: ['pcsk_'],
  token: 'pcsk_[A-Za-z0-9]{5,8}_[A-Za-z0-9]{60,80}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 4,
  samples: (g) => [`pcsk_${g.alnum(6)}_${g.alnum(64)}`],
  nearMisses: (g) => [`pcsk_${g.alnum(6)}_${g.alnum(30)}`],
});
