import { randomBytes } from 'node:crypto';
import { brokers, type Harness, mongoUri, startHarness as startIngestHarness } from '@keyguard/testkit/ingest-harness';
import { type ServiceConfig, startService } from '../src/service.js';

export { brokers, type Harness, LogCapture, locationOf, mongoUri, payloadOf, postmanKey } from '@keyguard/testkit/ingest-harness';

export function startHarness(overrides: Partial<ServiceConfig> = {}): Promise<Harness> {
  return startIngestHarness({
    name: 'gitlab-ingest',
    prefix: 'gl',
    start: startService,
    deps: { partnerKeys: { minRefetchIntervalMs: 1000 } },
    config: ({ api, keys, secret, hashKey }): ServiceConfig => ({
      PORT: 0,
      KAFKA_BROKERS: brokers,
      MONGODB_URI: mongoUri,
      GITLAB_WEBHOOK_TOKEN: secret,
      KEYGUARD_HASH_KEY: hashKey,
      GITLAB_URL: api.url,
      GITLAB_PARTNER_KEYS_URL: `${keys.url}/partner/keys`,
      ...overrides,
    }),
  });
}

export const sha = () => randomBytes(20).toString('hex');

export function pushHook(init: { before: string; after: string; commits?: string[]; total?: number; visibility?: number; projectId?: number }) {
  const commits = init.commits ?? [init.after];
  return {
    object_kind: 'push',
    event_name: 'push',
    before: init.before,
    after: init.after,
    ref: 'refs/heads/main',
    checkout_sha: init.after,
    user_id: 4,
    user_name: 'John Smith',
    project_id: init.projectId ?? 42,
    project: {
      id: init.projectId ?? 42,
      name: 'Diaspora',
      path_with_namespace: 'mike/diaspora',
      web_url: 'https://gitlab.example.com/mike/diaspora',
      visibility_level: init.visibility ?? 20,
      default_branch: 'main',
    },
    commits: commits.slice(0, 20).map((id) => ({
      id,
      message: 'change',
      timestamp: '2026-11-26T10:00:00+00:00',
      url: `https://gitlab.example.com/mike/diaspora/-/commit/${id}`,
      author: { name: 'J', email: 'j@example.com' },
      added: [],
      modified: [],
      removed: [],
    })),
    total_commits_count: init.total ?? commits.length,
    repository: { name: 'Diaspora', homepage: 'https://gitlab.example.com/mike/diaspora' },
  };
}

/** A GitLab `diff` entry (commit diff / compare). */
export const diffEntry = (path: string, diff: string, extra: Record<string, unknown> = {}) => ({
  diff,
  new_path: path,
  old_path: path,
  a_mode: '100644',
  b_mode: '100644',
  new_file: false,
  renamed_file: false,
  deleted_file: false,
  ...extra,
});
