import { LEFT_BASE64, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

/** 88 base64 characters with a service signature at offset 76 (`+ASt` Storage, `ACDb` Cosmos DB, `+ABa` Batch, `APIM`, `+AMC`). */
export const azureStorageIdentifiableKey = tokenRule({
  id: 'azure-storage-identifiable-key',
  description: 'Azure identifiable 64-byte key (Storage, Cosmos DB, Batch, API Management, ML)',
  provider: 'azure',
  keywords: ['+ASt', 'ACDb', '+ABa', 'APIM', '+AMC'],
  token: '[A-Za-z0-9+/]{76}(?:\\+ASt|ACDb|\\+ABa|APIM|\\+AMC)[A-Za-z0-9+/]{5}[AQgw]==',
  left: LEFT_BASE64,
  right: RIGHT_BASE64,
  mode: 'window',
  window: { before: 80, after: 24 },
  entropy: 4,
  samples: (g) => [
    `${g.chars(ALPHABETS.base64, 76)}+ASt${g.chars(ALPHABETS.base64, 5)}${g.pick([...'AQgw'])}==`,
    `${g.chars(ALPHABETS.base64, 76)}ACDb${g.chars(ALPHABETS.base64, 5)}Q==`,
  ],
  nearMisses: (g) => [
    `${g.chars(ALPHABETS.base64, 70)}+ASt${g.chars(ALPHABETS.base64, 5)}A==`,
    `${g.chars(ALPHABETS.base64, 76)}+ASt${g.chars(ALPHABETS.base64, 5)}B==`,
  ],
});
