import { leftOf, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

const connection = (key: string) => ({ text: `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${key}`, secret: key });

export const azureSharedAccessKey = tokenRule({
  id: 'azure-shared-access-key',
  description: 'Azure Service Bus / Event Hubs shared access key in a connection string',
  provider: 'azure',
  keywords: ['SharedAccessKey='],
  token: 'SharedAccessKey=(?<secret>[A-Za-z0-9+/]{42,43}=)',
  left: leftOf('A-Za-z0-9'),
  right: RIGHT_BASE64,
  entropy: 4,
  samples: (g) => [connection(`${g.chars(ALPHABETS.base64, 43)}=`)],
  nearMisses: () => [`SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>`],
});
