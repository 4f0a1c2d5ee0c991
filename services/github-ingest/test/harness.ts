import { randomBytes } from 'node:crypto';
import { brokers, type Harness, mongoUri, startHarness as startIngestHarness } from '@keyguard/testkit/ingest-harness';
import { type ServiceConfig, startService } from '../src/service.js';

export { brokers, type Harness, LogCapture, locationOf, mongoUri, payloadOf, postmanKey } from '@keyguard/testkit/ingest-harness';

export function startHarness(overrides: Partial<ServiceConfig> = {}): Promise<Harness> {
  return startIngestHarness({
    name: 'github-ingest',
    prefix: 'gh',
    start: startService,
    // The partner tests rotate keys within seconds; production waits a minute between fetches.
    deps: { partnerKeys: { minRefetchIntervalMs: 1000 } },
    config: ({ api, keys, secret, hashKey }): ServiceConfig => ({
      PORT: 0,
      KAFKA_BROKERS: brokers,
      MONGODB_URI: mongoUri,
      GITHUB_WEBHOOK_SECRET: secret,
      KEYGUARD_HASH_KEY: hashKey,
      GITHUB_API_URL: api.url,
      GITHUB_PARTNER_KEYS_URL: `${keys.url}/meta/public_keys/secret_scanning`,
      ...overrides,
    }),
  });
}

export const sha = () => randomBytes(20).toString('hex');

export function pushPayload(init: { before: string; after: string; commits?: string[]; repository?: string; private?: boolean }) {
  const repository = init.repository ?? 'octo/hello';
  return {
    ref: 'refs/heads/main',
    before: init.before,
    after: init.after,
    created: /^0+$/.test(init.before),
    deleted: false,
    forced: false,
    compare: `https://github.com/${repository}/compare/x...y`,
    commits: (init.commits ?? [init.after]).map((id) => ({ id, distinct: true, message: 'change', added: [], modified: [], removed: [] })),
    head_commit: { id: init.after },
    repository: { id: 1, full_name: repository, html_url: `https://github.com/${repository}`, private: init.private ?? false, default_branch: 'main' },
    pusher: { name: 'octocat' },
    sender: { login: 'octocat', id: 1 },
  };
}

/** A unified diff adding `lines` at the top of a file that had 3 lines (new lines 1..n). */
export function patchAdding(lines: string[], startLine = 1): string {
  return [`@@ -${startLine},2 +${startLine},${lines.length + 2} @@`, ' context one', ...lines.map((l) => `+${l}`), ' context two'].join('\n');
}
