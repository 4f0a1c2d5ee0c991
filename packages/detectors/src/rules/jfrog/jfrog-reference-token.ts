import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

/** Base64 of `reftkn:01:` and the token: the prefix is the keyword. */
export const jfrogReferenceToken = tokenRule({
  id: 'jfrog-reference-token',
  description: 'JFrog Artifactory reference token',
  provider: 'jfrog',
  keywords: ['cmVmdGtu'],
  token: 'cmVmdGtuOjAxOj[A-Za-z0-9]{50}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  samples: (g) => [`cmVmdGtuOjAxOj${g.alnum(50)}`],
  nearMisses: (g) => [`cmVmdGtuOjAxOj${g.alnum(30)}`],
});
