import { createSampleGenerator, createScanner, defaultRules, hashToken, validateRules } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';
import { expand } from './helpers.js';

const scanner = createScanner();

describe('rule registry', () => {
  it('has at least 150 rules with unique kebab-case ids, sorted', () => {
    const ids = defaultRules.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(() => validateRules(defaultRules)).not.toThrow();
  });

  it('covers the providers the issue asks for', () => {
    const ids = new Set(defaultRules.map((r) => r.id));
    for (const id of [
      'postman-api-key',
      'github-pat-classic',
      'github-oauth-token',
      'github-user-to-server-token',
      'github-server-to-server-token',
      'github-refresh-token',
      'github-fine-grained-pat',
      'npm-access-token',
      'gitlab-pat',
      'gitlab-pat-routable',
      'gitlab-runner-token',
      'gitlab-deploy-token',
      'gitlab-feed-token',
      'slack-bot-token',
      'slack-user-token',
      'slack-app-token',
      'slack-webhook-url',
      'stripe-secret-key',
      'stripe-restricted-key',
      'aws-access-key-id',
      'aws-secret-access-key',
      'google-api-key',
      'sendgrid-api-key',
      'twilio-api-key',
      'openai-api-key',
      'anthropic-api-key',
      'huggingface-access-token',
      'shopify-access-token',
      'mailgun-api-key',
      'datadog-api-key',
      'pypi-upload-token',
      'dockerhub-pat',
      'digitalocean-pat',
      'heroku-api-key',
      'atlassian-api-token',
      'linear-api-key',
      'notion-integration-token',
      'azure-storage-account-key',
      'private-key',
      'jwt',
      'url-basic-auth',
      // every format of the providers above (issue 16)
      'gitlab-cicd-job-token',
      'gitlab-feature-flag-client-token',
      'gitlab-incoming-mail-token',
      'gitlab-kubernetes-agent-token',
      'gitlab-oauth-app-secret',
      'gitlab-scim-token',
      'gitlab-session-cookie',
      'slack-legacy-bot-token',
      'slack-legacy-workspace-token',
      'slack-legacy-token',
      'atlassian-api-token-legacy',
      'heroku-api-key-legacy',
      'aws-bedrock-api-key',
      'aws-bedrock-api-key-short-lived',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('every rule has a description, keywords of 3+ characters and both kinds of samples', () => {
    for (const rule of defaultRules) {
      expect(rule.description, rule.id).not.toBe('');
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      for (const k of rule.keywords) expect(k.length, `${rule.id} ${k}`).toBeGreaterThanOrEqual(3);
      const g = createSampleGenerator();
      expect(rule.samples!.truePositives(g).length, rule.id).toBeGreaterThan(0);
      expect(rule.samples!.falsePositives(g).length, rule.id).toBeGreaterThan(0);
    }
  });

  describe.each(defaultRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it('finds every generated true positive through the real prefilter (string and Buffer input)', () => {
      for (const seed of [1, 2, 3]) {
        const g = createSampleGenerator(seed);
        for (const { text, secret } of rule.samples!.truePositives(g).flatMap((tp) => expand(tp, rule))) {
          for (const input of [text, Buffer.from(text)]) {
            const { findings } = scanner.scan(input, { includeRaw: true });
            const hit = findings.find((f) => f.ruleId === rule.id);
            expect(hit, `${rule.id} missed in ${JSON.stringify(text).slice(0, 120)}`).toBeDefined();
            expect(hit!.raw).toBe(secret);
            expect(hit!.tokenHash).toBe(hashToken(secret));
            expect(hit!.confidence).toBe(rule.confidence);
          }
        }
      }
    });

    it('matches none of its false positives', () => {
      for (const seed of [1, 2, 3]) {
        const g = createSampleGenerator(seed);
        for (const text of rule.samples!.falsePositives(g)) {
          const { findings } = scanner.scan(text, { includeRaw: true });
          expect(
            findings.filter((f) => f.ruleId === rule.id).map((f) => f.raw),
            `${rule.id} matched ${JSON.stringify(text).slice(0, 120)}`,
          ).toEqual([]);
        }
      }
    });

    it('also finds its true positives when it is the only rule', () => {
      const alone = createScanner({ rules: [rule] });
      const g = createSampleGenerator(9);
      for (const { text, secret } of rule.samples!.truePositives(g).flatMap((tp) => expand(tp, rule))) {
        const { findings } = alone.scan(text, { includeRaw: true });
        expect(findings.map((f) => f.raw)).toContain(secret);
      }
    });
  });
});
