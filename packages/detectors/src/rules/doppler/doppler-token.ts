import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const dopplerToken = tokenRule({
  id: 'doppler-token',
  description: 'Doppler token (personal, service, service account, CLI, SCIM or audit)',
  provider: 'doppler',
  keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
  token: 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_-]{2,35}\\.)?[A-Za-z0-9]{40,44}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`dp.pt.${g.alnum(43)}`, `dp.st.prd.${g.alnum(40)}`, `dp.sa.${g.alnum(43)}`],
  nearMisses: (g) => [`dp.pt.${g.alnum(30)}`],
});
