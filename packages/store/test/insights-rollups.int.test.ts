import { describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import { connectStore, createInsightsRepository } from '../src/index.js';
import { uniqueDbName } from '@keyguard/testkit/store';

const logger = createLogger({ name: 'store-insights-test', level: 'silent' });

describe('insights rollups', () => {
  it('counts every change when writes race: the policy handles partitions side by side, in several repositories of one store', async () => {
    const store = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('rollups'), logger });
    try {
      const repositories = [createInsightsRepository(store), createInsightsRepository(store)];
      const firstSeen = new Date('2026-12-01T10:00:00Z');
      const exposed = { kind: 'exposed' as const, finding: { teamId: 'team-race', firstSeen, source: 'github' as const } };
      // 60 batches at once, none of which finds the day's document there first
      await Promise.all(Array.from({ length: 60 }, (_, i) => repositories[i % 2]!.record([exposed])));
      const read = await repositories[0]!.read('team-race', '2026-12-01', '2026-12-01', '2026-12-01');
      expect(read.days).toEqual([expect.objectContaining({ day: '2026-12-01', source: 'github', exposures: 60 })]);
    } finally {
      await store.db.dropDatabase();
      await store.close();
    }
  });
});
