import { pattern, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

/** `AccountKey=<88 base64>` inside an Azure Storage connection string; the key is the secret. */
export const azureStorageAccountKey: Rule = {
  id: 'azure-storage-account-key',
  description: 'Azure Storage account key in a connection string',
  provider: 'azure',
  keywords: ['AccountKey='],
  pattern: pattern('(?<![A-Za-z0-9])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)', RIGHT_BASE64),
  confidence: 'high',
  entropy: 4.5,
  samples: {
    truePositives: (g) => {
      const key = `${g.chars(ALPHABETS.base64, 86)}==`;
      return [
        {
          text: `DefaultEndpointsProtocol=https;AccountName=acct${g.digits(4)};AccountKey=${key};EndpointSuffix=core.windows.net`,
          secret: key,
        },
      ];
    },
    falsePositives: (g) => [
      'DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=<your-account-key>',
      `AccountKey=${g.chars(ALPHABETS.base64, 80)}==`,
      // the storage emulator's published development key, built from parts
      `AccountKey=${['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', 'K1SZFPTOtr', 'KBHBeksoGMGw=='].join('/')}`,
    ],
  },
};
