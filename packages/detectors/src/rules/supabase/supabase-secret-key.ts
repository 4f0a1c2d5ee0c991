import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const supabaseSecretKey = tokenRule({
  id: 'supabase-secret-key',
  description: 'Supabase secret API key',
  provider: 'supabase',
  keywords: ['sb_secret_'],
  token: 'sb_secret_[A-Za-z0-9_-]{31,64}',
  left: LEFT_WORD,
  entropy: 3.5,
  samples: (g) => [`sb_secret_${g.base64url(31)}`],
  nearMisses: (g) => [`sb_secret_${g.base64url(20)}`],
});
