import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const clickhouseCloudKey = tokenRule({
  id: 'clickhouse-cloud-key',
  description: 'ClickHouse Cloud API secret key',
  provider: 'clickhouse',
  keywords: ['4b1d'],
  token: '4b1d[A-Za-z0-9]{38}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  entropy: 4,
  samples: (g) => [`4b1d${g.alnum(38)}`],
  nearMisses: (g) => [`4b1d${g.alnum(30)}`],
});
