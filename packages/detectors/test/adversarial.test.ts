import { adversarialInput, createSampleGenerator, createScanner, defaultRules } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';

// CPU time (not wall time, which other work on a shared 2-core machine inflates). A rule that
// backtracked catastrophically on a megabyte would take seconds to hours; the linear ones take
// a few to ~50 ms. The bound is generous so that only a real regression trips it.
const MAX_MS_PER_MB = 800;
/**
 * 128 KB per rule, each scan the better of two runs (a first run also pays for compiling the
 * engine's code), keeps 200+ rules to a few seconds; a quadratic pattern shows at this size too.
 */
const BYTES = 128 * 1024;

function cpuMs(fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 2; run++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('adversarial input: 128 KB of near-matches per rule', () => {
  const all = createScanner();
  const timings: Array<[string, number]> = [];

  it.each(defaultRules.map((r) => [r.id, r] as const))('%s stays linear', (_id, rule) => {
    const input = adversarialInput(rule, createSampleGenerator(3), BYTES);
    const bytes = Buffer.from(input, 'latin1');
    const alone = createScanner({ rules: [rule] });
    // the rule alone on both input forms, and among all rules (other rules' keywords in its input)
    const worst = Math.max(
      cpuMs(() => alone.scan(input)),
      cpuMs(() => alone.scan(bytes)),
      cpuMs(() => all.scan(bytes)),
    );
    const perMb = worst * ((1 << 20) / BYTES);
    timings.push([rule.id, perMb]);
    expect(perMb, `${rule.id} took ${worst.toFixed(1)} ms on ${BYTES >> 10} KB`).toBeLessThan(MAX_MS_PER_MB);
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
