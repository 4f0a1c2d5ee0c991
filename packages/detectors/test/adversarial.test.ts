import { adversarialInput, createSampleGenerator, createScanner, defaultRules } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';

// CPU time (not wall time, which other work on a shared 2-core machine inflates). A rule that
// backtracked catastrophically on a megabyte would take seconds to hours; the linear ones take
// a few to ~50 ms. The bound is generous so that only a real regression trips it.
const MAX_MS_PER_MB = 400;

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('adversarial input: 1 MB of near-matches per rule', () => {
  const all = createScanner();
  const timings: Array<[string, number]> = [];

  it.each(defaultRules.map((r) => [r.id, r] as const))('%s stays linear', (_id, rule) => {
    const input = adversarialInput(rule, createSampleGenerator(3));
    const alone = createScanner({ rules: [rule] });
    let worst = 0;
    for (const s of [alone, all]) {
      for (const form of [input, Buffer.from(input, 'latin1')]) {
        worst = Math.max(worst, cpuMs(() => s.scan(form)));
      }
    }
    timings.push([rule.id, worst]);
    expect(worst, `${rule.id} took ${worst.toFixed(1)} ms on 1 MB`).toBeLessThan(MAX_MS_PER_MB);
  });

  it('reports the slowest rule', () => {
    timings.sort((a, b) => b[1] - a[1]);
    console.log(
      'adversarial worst rules (ms per MB):',
      timings
        .slice(0, 5)
        .map(([id, ms]) => `${id} ${ms.toFixed(1)}`)
        .join(', '),
    );
    expect(timings.length).toBe(defaultRules.length);
  });
});
