import { contextRule } from '../context-rule.js';

export const dropboxAccessToken = contextRule({
  id: 'dropbox-access-token',
  description: 'Dropbox short-lived access token (with "dropbox" nearby)',
  provider: 'dropbox',
  names: ['dropbox'],
  value: 'sl\\.(?:u\\.)?[A-Za-z0-9_-]{130,1400}',
  maxLength: 1410,
  entropy: 4,
  samples: (g) => [`sl.${g.base64url(136)}`, `sl.u.${g.base64url(400)}`],
  nearMisses: (g) => [`dropbox_folder: sl.${g.base64url(20)}`],
});
