import { createScanner, defaultRules } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';
import { issueApiKey, issueScimToken, issueServiceToken } from '../src/index.js';

describe('every token format Keyguard issues', () => {
  const scanner = createScanner({ rules: defaultRules });
  const cases = [
    ['API key', () => issueApiKey().raw, 'postman-api-key'],
    ['service token', () => issueServiceToken().raw, 'keyguard-service-token'],
    ['SCIM API key', () => issueScimToken().raw, 'keyguard-scim-token'],
  ] as const;

  it.each(cases)('a leaked %s is found by our own detectors', (_name, issue, ruleId) => {
    for (let i = 0; i < 20; i++) {
      const raw = issue();
      const found = scanner.scan(`const token = "${raw}";\n`).findings;
      expect(found.map((f) => f.ruleId)).toEqual([ruleId]);
    }
  });

  it('service tokens and SCIM keys carry a preview, never the secret part', () => {
    const token = issueServiceToken();
    expect(token.preview).toMatch(/^kgst_…[0-9A-Za-z]{4}$/);
    expect(issueScimToken().raw).toMatch(/^kgscim_[0-9A-Za-z]{36}$/);
  });
});
