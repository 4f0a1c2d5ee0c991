import { describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/' };

describe('single sign-on settings', () => {
  it('takes all three OIDC settings, or none', () => {
    expect(Config.parse(base).OIDC_ISSUER).toBeUndefined();
    expect(Config.parse({ ...base, OIDC_ISSUER: 'https://acme.okta.com', OIDC_CLIENT_ID: 'kg', OIDC_CLIENT_SECRET: 's' }).OIDC_ISSUER).toBe(
      'https://acme.okta.com',
    );
  });

  it('names the missing settings when only some are set, and a bad issuer', () => {
    const partial = Config.safeParse({ ...base, OIDC_ISSUER: 'https://acme.okta.com' });
    expect(partial.success).toBe(false);
    expect(partial.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']);
    const bad = Config.safeParse({ ...base, OIDC_ISSUER: 'not a url', OIDC_CLIENT_ID: 'kg', OIDC_CLIENT_SECRET: 's' });
    expect(bad.error?.issues[0]?.message).toContain('issuer URL');
  });
});
