import type { GitlabPushData } from '@keyguard/events';
import { z } from 'zod';

export const ZERO_SHA = /^0{40}$/;
/** GitLab's VisibilityLevel: 0 private, 10 internal, 20 public. */
export const PUBLIC_VISIBILITY = 20;
/** "When more than 20 commits are pushed at once, the commits attribute only contains the first 20." */
export const WEBHOOK_COMMIT_LIMIT = 20;

/** The parts of a `Push Hook` / `Tag Push Hook` body the worker needs. */
export const PushHook = z.object({
  object_kind: z.string().optional(),
  before: z.string(),
  after: z.string(),
  ref: z.string(),
  checkout_sha: z.string().nullable().optional(),
  project_id: z.number().int().optional(),
  project: z.object({
    id: z.number().int(),
    path_with_namespace: z.string().min(1),
    web_url: z.string().min(1),
    visibility_level: z.number().int().optional(),
    default_branch: z.string().nullable().optional(),
  }),
  commits: z.array(z.object({ id: z.string() })).default([]),
  total_commits_count: z.number().int().nonnegative().optional(),
});
export type PushHook = z.infer<typeof PushHook>;

/** What the receiver puts in the source event's `data` (the topic's schema is in @keyguard/events). */
export type PushData = GitlabPushData;

export type Decision = { scan: true; data: PushData } | { scan: false; reason: string };

export function decidePush(hook: PushHook, scanPrivate: boolean): Decision {
  if (ZERO_SHA.test(hook.after)) return { scan: false, reason: 'ref_deleted' };
  if (hook.project.visibility_level !== PUBLIC_VISIBILITY && !scanPrivate) return { scan: false, reason: 'not_public' };
  return {
    scan: true,
    data: {
      projectId: hook.project.id,
      public: hook.project.visibility_level === PUBLIC_VISIBILITY,
      project: hook.project.path_with_namespace,
      webUrl: hook.project.web_url,
      ref: hook.ref,
      before: hook.before,
      after: hook.after,
      checkoutSha: hook.checkout_sha ?? undefined,
      totalCommits: hook.total_commits_count ?? hook.commits.length,
      commits: hook.commits.map((c) => c.id),
    },
  };
}

/** Idempotency-Key (same across GitLab's retries), else X-Gitlab-Event-UUID, else the push itself. */
export function deliveryIdOf(headers: { idempotencyKey?: string; eventUuid?: string }, hook: PushHook): string {
  return headers.idempotencyKey || headers.eventUuid || `push:${hook.project.id}:${hook.ref}:${hook.after}`;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function blobPermalink(webUrl: string, sha: string, path: string, line?: number): string {
  return `${webUrl}/-/blob/${sha}/${encodePath(path)}${line ? `#L${line}` : ''}`;
}
