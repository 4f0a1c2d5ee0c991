import { createSampleGenerator, decoySamples, fillerLine, hashToken, plantedSamples } from '@keyguard/detectors';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from './helpers.js';

/**
 * A generated repository: filler code with every rule's true positives planted (three seeds)
 * and decoys (placeholders, bad checksums, documentation keys, hashes, UUIDs, base64 blobs and
 * every rule's false-positive samples) spread over 150 files. A quarter of the planted snippets
 * are written encoded: base64 in a Kubernetes Secret, percent-encoded in a URL, or escaped in a
 * JSON string. The CLI must find the planted secrets and nothing else.
 */
const ENCODINGS: Array<(text: string) => string> = [
  (t) => t,
  (t) => `apiVersion: v1\nkind: Secret\ndata:\n  config: ${Buffer.from(t).toString('base64')}`,
  (t) => t,
  (t) => `callback: https://hooks.acme.io/in?payload=${encodeURIComponent(t)}&v=2`,
  (t) => t,
  (t) => `{"script": "${JSON.stringify(t).slice(1, -1).replaceAll('/', '\\/')}"}`,
  (t) => t,
  (t) => t,
  (t) => t,
  (t) => t,
  (t) => t,
  (t) => t,
];
function buildCorpus() {
  const g = createSampleGenerator(2024);
  const planted = [1, 2, 3].flatMap((seed) => plantedSamples(createSampleGenerator(seed)));
  const decoys = [1, 2, 3].flatMap((seed) => decoySamples(createSampleGenerator(100 + seed)));
  const files: Record<string, string> = {};
  const expected = new Set<string>(); // `${file}\0${tokenHash}`
  const ruleOf = new Map<string, string>(); // tokenHash → rule id, to name what was missed
  const FILES = 150;
  for (let i = 0; i < FILES; i++) {
    const file = `${g.pick(['src', 'lib', 'config', 'test/fixtures', 'docs'])}/${g.pick(['a', 'b', 'c'])}/file-${i}.${g.pick(['js', 'ts', 'json', 'env', 'yaml', 'md'])}`;
    const blocks: string[] = [];
    for (let j = 0; j < 40; j++) blocks.push(fillerLine(g));
    for (let k = i; k < planted.length; k += FILES) {
      const p = planted[k]!;
      blocks.splice(g.int(0, blocks.length), 0, `\n${ENCODINGS[k % ENCODINGS.length]!(p.text)}\n`);
      for (const s of p.secrets) {
        expected.add(`${file}\0${hashToken(s)}`);
        ruleOf.set(hashToken(s), p.ruleId);
      }
    }
    for (let k = i; k < decoys.length; k += FILES) blocks.splice(g.int(0, blocks.length), 0, `\n${decoys[k]}\n`);
    files[file] = `${blocks.join('\n')}\n`;
  }
  return { files, expected, ruleOf, planted: planted.length, decoys: decoys.length };
}

describe('recall and precision on a generated corpus of planted secrets and decoys', () => {
  const corpus = buildCorpus();
  const tree = tempTree(corpus.files);
  afterAll(() => tree.cleanup());

  it('the CLI reaches >= 0.98 recall and >= 0.98 precision', { timeout: 60_000 }, async () => {
    const res = await cli('scan', tree.root, '--format', 'json');
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout) as { findings: Array<{ file: string; tokenHash: string; ruleId: string }>; stats: { rejected: number } };
    const found = new Set(report.findings.map((f) => `${f.file}\0${f.tokenHash}`));
    const truePositives = [...found].filter((k) => corpus.expected.has(k)).length;
    const recall = truePositives / corpus.expected.size;
    const precision = truePositives / found.size;
    const missed = [...corpus.expected].filter((k) => !found.has(k));
    const extra = report.findings.filter((f) => !corpus.expected.has(`${f.file}\0${f.tokenHash}`));
    console.log(
      `corpus: ${corpus.planted} planted snippets (${corpus.expected.size} secrets), ${corpus.decoys} decoys; ` +
        `recall ${recall.toFixed(4)}, precision ${precision.toFixed(4)}, rejected ${report.stats.rejected}; ` +
        `missed ${missed.map((k) => corpus.ruleOf.get(k.split('\0')[1]!)).join(',') || 'none'}, ` +
        `unexpected ${extra.map((f) => f.ruleId).join(',') || 'none'}`,
    );
    expect(corpus.expected.size).toBeGreaterThan(250);
    expect(recall).toBeGreaterThanOrEqual(0.98);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(report.stats.rejected).toBeGreaterThan(0);
  });
});
