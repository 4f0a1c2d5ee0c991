import { contextRule } from '../context-rule.js';

export const alibabaSecretKey = contextRule({
  id: 'alibaba-secret-key',
  description: 'Alibaba Cloud AccessKey secret (with "alibaba"/"aliyun" nearby)',
  provider: 'alibaba',
  names: ['alibaba', 'aliyun', 'alicloud'],
  value: '[A-Za-z0-9]{30}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [g.alnum(30)],
  nearMisses: (g) => [`aliyun_region: ${g.alnum(12)}`],
});
