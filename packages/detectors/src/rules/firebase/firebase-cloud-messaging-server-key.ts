import { LEFT_TOKEN } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const firebaseCloudMessagingServerKey = tokenRule({
  id: 'firebase-cloud-messaging-server-key',
  description: 'Firebase Cloud Messaging (legacy) server key',
  provider: 'firebase',
  keywords: [':APA91b'],
  token: 'AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}',
  left: LEFT_TOKEN,
  mode: 'window',
  window: { before: 12, after: 150 },
  entropy: 4,
  samples: (g) => [`AAAA${g.base64url(7)}:APA91b${g.base64url(134)}`],
  nearMisses: (g) => [`AAAA${g.base64url(7)}:APA91b${g.base64url(40)}`],
});
