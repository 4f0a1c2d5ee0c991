import { LEFT_BASE64, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

/** `ABSK` + base64 of "BedrockAPIKey-" and the key material. */
export const awsBedrockApiKey = tokenRule({
  id: 'aws-bedrock-api-key',
  description: 'Amazon Bedrock long-term API key',
  provider: 'aws',
  keywords: ['ABSKQmVkcm9ja0FQSUtleS'],
  token: 'ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{87,247}={0,2}',
  left: LEFT_BASE64,
  right: RIGHT_BASE64,
  samples: (g) => [`ABSKQmVkcm9ja0FQSUtleS${g.chars(ALPHABETS.base64, 108)}=`, `ABSKQmVkcm9ja0FQSUtleS${g.chars(ALPHABETS.base64, 200)}`],
  nearMisses: (g) => [`ABSKQmVkcm9ja0FQSUtleS${g.chars(ALPHABETS.base64, 40)}`],
});
