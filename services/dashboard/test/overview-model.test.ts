import { describe, expect, it } from 'vitest';
import { ageRange, exposureDays, findingsLink, formatDuration, lastDays, rangeFrom } from '../src/overview-model';

const now = new Date('2026-03-15T12:00:00Z');

describe('overview model', () => {
  it('reads the range from the address, else the last 30 days, swapping a reversed one', () => {
    expect(rangeFrom({}, now)).toEqual({ from: '2026-02-14', to: '2026-03-15' });
    expect(rangeFrom({ from: '2026-03-01', to: '2026-03-10' }, now)).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    expect(rangeFrom({ from: '2026-03-10', to: '2026-03-01' }, now)).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    expect(rangeFrom({ from: 'yesterday' }, now).from).toBe('2026-02-14');
    expect(lastDays(7, now)).toEqual({ from: '2026-03-09', to: '2026-03-15' });
  });

  it('formats bucket bounds as durations', () => {
    expect([1, 45, 120, 1800, 5400, 86_400, 259_200].map(formatDuration)).toEqual(['1 s', '45 s', '2 min', '30 min', '1.5 h', '1 d', '3 d']);
    expect(formatDuration(null)).toBe('—');
  });

  it('links each number to the findings behind it', () => {
    expect(findingsLink({ source: 'partner', from: '2026-03-01', to: '2026-03-02' })).toBe('#/findings?status=&source=partner&from=2026-03-01&to=2026-03-02');
    expect(findingsLink({ status: 'resolved', resolution: 'revoked' })).toBe('#/findings?status=resolved&resolution=revoked');
    expect(ageRange('under1d', now)).toEqual({ from: '2026-03-15' });
    expect(ageRange('d1to7', now)).toEqual({ from: '2026-03-09', to: '2026-03-14' });
    expect(ageRange('d7to30', now)).toEqual({ from: '2026-02-14', to: '2026-03-08' });
    expect(ageRange('over30d', now)).toEqual({ to: '2026-02-13' });
  });

  it('fills the days without exposures', () => {
    const days = exposureDays({
      from: '2026-03-01',
      to: '2026-03-03',
      exposures: { byDay: [{ day: '2026-03-02', github: 2, gitlab: 0, postman: 1, partner: 0 }] },
    } as never);
    expect(days.map((d) => [d.day, d.github, d.postman])).toEqual([
      ['2026-03-01', 0, 0],
      ['2026-03-02', 2, 1],
      ['2026-03-03', 0, 0],
    ]);
  });
});
