// The seeded generator of the native engine's test scripts (unit-vectors.mjs, checks-fuzz.mjs,
// encoding-fuzz.mjs): the same seed gives the same inputs on every machine, so their output
// and any difference they find can be reproduced. It is the generator of the detectors'
// createSampleGenerator (src/samples/generator.ts), which does not expose its numbers.

/** mulberry32: numbers in [0, 1), a full 2^32 period. */
export function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
