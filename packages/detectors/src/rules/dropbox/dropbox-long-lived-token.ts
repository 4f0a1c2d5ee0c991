import { contextRule } from '../context-rule.js';

/** Eleven characters, ten `A`s and 43 more: the run of `A`s is part of the format (no placeholder check). */
export const dropboxLongLivedToken = contextRule({
  id: 'dropbox-long-lived-token',
  description: 'Dropbox long-lived access token (with "dropbox" nearby)',
  provider: 'dropbox',
  names: ['dropbox'],
  value: '[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}',
  entropy: 3.5,
  placeholderCheck: false,
  samples: (g) => [`${g.alnum(11)}AAAAAAAAAA${g.base64url(43)}`],
  nearMisses: (g) => [`dropbox_app: ${g.alnum(11)}AAAAAAAAAA`],
});
