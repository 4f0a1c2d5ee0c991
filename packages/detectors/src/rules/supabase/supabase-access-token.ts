import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const supabaseAccessToken = tokenRule({
  id: 'supabase-access-token',
  description: 'Supabase personal access token',
  provider: 'supabase',
  keywords: ['sbp_'],
  token: 'sbp_[a-f0-9]{40}',
  left: LEFT_WORD,
  samples: (g) => [`sbp_${g.hex(40)}`],
  nearMisses: (g) => [`sbp_${g.hex(39)}`],
});
