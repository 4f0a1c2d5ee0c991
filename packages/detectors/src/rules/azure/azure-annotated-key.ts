import { leftOf, RIGHT_BASE64 } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

/** 52 random characters, the `JQQJ9` signature, a date and provider block (`AZDO` for Azure DevOps PATs) and a checksum: the long zero-filled
 * block is part of the format, so no placeholder check. */
export const azureAnnotatedKey = tokenRule({
  id: 'azure-annotated-key',
  description: 'Azure identifiable key in the common annotated format (Azure DevOps PATs and other new-format Microsoft keys)',
  provider: 'azure',
  keywords: ['JQQJ9'],
  token: '[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}[A-Za-z][A-Za-z0-9]{7}(?:[A-Za-z0-9]{2}==)?',
  left: leftOf('A-Za-z0-9'),
  right: RIGHT_BASE64,
  mode: 'window',
  window: { before: 56, after: 40 },
  placeholderCheck: false,
  samples: (g) => [
    `${g.alnum(52)}JQQJ99${g.alnum(1)}${g.pick([...'ABCDEFGHIJKL'])}AAAAAAAAAAAAAAAA${'AZDO'}${g.alnum(4)}`,
    `${g.alnum(52)}JQQJ9D${g.alnum(1)}B${g.alnum(16)}A${g.alnum(7)}${g.alnum(2)}==`,
  ],
  nearMisses: (g) => [`${g.alnum(40)}JQQJ99AB${g.alnum(25)}`, `${g.alnum(52)}JQQJ98AB${g.alnum(24)}`],
});
