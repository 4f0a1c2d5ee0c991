import { LEFT_BASE64, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

/** 44 base64 characters with a service signature at offset 33. */
export const azureMessagingIdentifiableKey = tokenRule({
  id: 'azure-messaging-identifiable-key',
  description: 'Azure identifiable 32-byte key (Service Bus, Event Hubs, Relay, IoT Hub, Cache for Redis, Event Grid)',
  provider: 'azure',
  keywords: ['+ASb', '+AEh', '+ARm', 'AIoT', 'AzCa', 'AZEG'],
  token: '[A-Za-z0-9+/]{33}(?:\\+ASb|\\+AEh|\\+ARm|AIoT|AzCa|AZEG)[A-P][A-Za-z0-9+/]{5}=',
  left: LEFT_BASE64,
  right: RIGHT_BASE64,
  mode: 'window',
  window: { before: 36, after: 24 },
  entropy: 4,
  samples: (g) => [
    `${g.chars(ALPHABETS.base64, 33)}+ASb${g.pick([...'ABCDEFGHIJKLMNOP'])}${g.chars(ALPHABETS.base64, 5)}=`,
    `${g.chars(ALPHABETS.base64, 33)}AzCa${g.pick([...'ABCDEFGHIJKLMNOP'])}${g.chars(ALPHABETS.base64, 5)}=`,
  ],
  nearMisses: (g) => [
    `${g.chars(ALPHABETS.base64, 30)}+ASbA${g.chars(ALPHABETS.base64, 5)}=`,
    `${g.chars(ALPHABETS.base64, 33)}+ASbZ${g.chars(ALPHABETS.base64, 5)}=`,
  ],
});
