/** Per-character counts, reused between calls (checks run synchronously, one at a time). */
const counts = new Uint32Array(65536);
const seen = new Uint16Array(65536);

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (counts[c]! === 0) seen[distinct++] = c;
    counts[c]!++;
  }
  let bits = 0;
  for (let k = 0; k < distinct; k++) {
    const c = seen[k]!;
    const p = counts[c]! / n;
    bits -= p * Math.log2(p);
    counts[c] = 0;
  }
  return bits;
}
