import { LEFT_BASE64, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS, type SampleGenerator } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

function shortLived(g: SampleGenerator): string {
  // one character short of a key id: a whole one inside would be found too (decoded), and the
  // glued-prefix false positive of this rule would then report it
  const keyId = `ASIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`;
  const url =
    'bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
    `&X-Amz-Credential=${keyId}%2F20250701%2Fus-east-1%2Fbedrock%2Faws4_request` +
    `&X-Amz-Date=20250701T120000Z&X-Amz-Expires=43200&X-Amz-Security-Token=${g.hex(300)}` +
    `&X-Amz-SignedHeaders=host&X-Amz-Signature=${g.hex(64)}&Version=1`;
  return `bedrock-api-key-${Buffer.from(url).toString('base64')}`;
}

/** `bedrock-api-key-` + base64 of a presigned `bedrock.amazonaws.com/?Action=CallWithBearerToken&…` URL. */
export const awsBedrockApiKeyShortLived = tokenRule({
  id: 'aws-bedrock-api-key-short-lived',
  description: 'Amazon Bedrock short-term API key (presigned bedrock.amazonaws.com URL)',
  provider: 'aws',
  keywords: ['bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t'],
  token: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{100,4000}={0,2}',
  left: LEFT_BASE64,
  right: RIGHT_BASE64,
  window: { after: 4100 },
  samples: (g) => [shortLived(g)],
  nearMisses: (g) => [`bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${g.chars(ALPHABETS.base64, 40)}`],
});
