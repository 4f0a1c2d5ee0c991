import { createSampleGenerator, hashToken } from '@keyguard/detectors';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from './helpers.js';

const g = createSampleGenerator(21);
const token = g.githubToken('ghp_');
const encoded = Buffer.from(`GITHUB_TOKEN=${token}`).toString('base64');
const tree = tempTree({
  'deploy/secret.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  env: ${encoded}\n`,
  'src/callback.js': `const url = 'https://a.io/cb?state=${encodeURIComponent(`{"t":"${token}"}`)}';\n`,
});
afterAll(() => tree.cleanup());

describe('secrets inside encoded text', () => {
  it('are reported with the decoders that revealed them, at the encoded characters', async () => {
    const res = await cli('scan', tree.root, '--format', 'json');
    expect(res.code).toBe(1);
    const { findings } = JSON.parse(res.stdout);
    expect(findings).toEqual([
      expect.objectContaining({ file: 'deploy/secret.yaml', line: 4, encoding: ['base64'], tokenHash: hashToken(token) }),
      expect.objectContaining({ file: 'src/callback.js', line: 1, encoding: ['percent'], tokenHash: hashToken(token) }),
    ]);
    const yaml = findings[0];
    // the base64 of "GITHUB_TOKEN=" is 13 bytes: the token starts in the quantum holding byte 13
    expect(yaml.column).toBe('  env: '.length + 1 + Math.floor((13 * 8) / 6));
    const text = await cli('scan', tree.root);
    expect(text.stdout).toContain(`deploy/secret.yaml:4:${yaml.column}: github-pat-classic ghp_…${token.slice(-4)} (high, base64)`);
  });

  it('are not looked for with maxDecodeDepth = 0 in the config', async () => {
    const config = path.join(tree.root, '..', `no-decoding-${process.pid}.toml`);
    writeFileSync(config, '[scan]\nmaxDecodeDepth = 0\n');
    const res = await cli('scan', tree.root, '--format', 'json', '--config', config);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).findings).toEqual([]);
  });
});
