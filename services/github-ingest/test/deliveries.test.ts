import { describe, expect, it } from 'vitest';
import { type HookDelivery, planRedeliveries } from '../src/domain/deliveries.js';

const d = (id: number, guid: string, statusCode: number, minute: number, redelivery = false): HookDelivery => ({
  id,
  guid,
  statusCode,
  redelivery,
  deliveredAt: new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString(),
});

describe('planRedeliveries', () => {
  it('redelivers each event whose attempts all failed, once, by its newest failed attempt', () => {
    const plan = planRedeliveries([d(1, 'a', 200, 1), d(2, 'b', 502, 2), d(3, 'b', 0, 5, true), d(4, 'c', 503, 3), d(5, 'c', 202, 4, true)], new Set(), {}, 3);
    expect(plan.redeliver.map((x) => x.id)).toEqual([3]);
    expect(plan.skipped).toEqual([]);
  });

  it('leaves out events our ledger accepted and events already asked for too often', () => {
    const plan = planRedeliveries([d(1, 'got-it', 0, 1), d(2, 'tired', 500, 2), d(3, 'new', 500, 3)], new Set(['got-it']), { tired: 3, new: 1 }, 3);
    expect(plan.redeliver.map((x) => x.guid)).toEqual(['new']);
    expect(plan.skipped).toEqual([
      { guid: 'got-it', reason: 'received' },
      { guid: 'tired', reason: 'attempts_exhausted' },
    ]);
  });
});
