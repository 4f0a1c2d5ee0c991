import { type ConfigError, loadConfig } from '@keyguard/config';
import { describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/', POSTMAN_WEBHOOK_SECRET: 'a-long-enough-webhook-secret' };
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(Config, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('ingest configuration (issue 10)', () => {
  it('requires KEYGUARD_HASH_KEY of at least 32 characters, naming it but never its value', () => {
    expect(problems(base)).toEqual([{ variable: 'KEYGUARD_HASH_KEY', problem: 'is required but not set' }]);
    const short = problems({ ...base, KEYGUARD_HASH_KEY: 'too-short-key' });
    expect(short).toEqual([{ variable: 'KEYGUARD_HASH_KEY', problem: 'must be at least 32 characters long' }]);
    expect(JSON.stringify(short)).not.toContain('too-short-key');
  });

  it('gives every limit a default and rejects nonsense', () => {
    const config = loadConfig(Config, { ...base, KEYGUARD_HASH_KEY: 'k'.repeat(64) });
    expect(config).toMatchObject({
      MAX_EXPOSURES_PER_EVENT: 100,
      REQUEST_TIMEOUT_MS: 20_000,
      LARGE_BODY_SLOTS: 4,
      UPSTREAM_TIMEOUT_MS: 20_000,
      UPSTREAM_MAX_BYTES: 16 * 1024 * 1024,
    });
    expect(problems({ ...base, KEYGUARD_HASH_KEY: 'k'.repeat(64), LARGE_BODY_SLOTS: '0', UPSTREAM_MAX_BYTES: 'lots' }).map((p) => p.variable)).toEqual([
      'LARGE_BODY_SLOTS',
      'UPSTREAM_MAX_BYTES',
    ]);
  });
});
