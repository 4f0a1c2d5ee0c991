import type { GithubPushData } from '@keyguard/events';
import { z } from 'zod';

/** A push's `before` when the branch is new (or `after` when it was deleted). */
export const ZERO_SHA = /^0{40}$/;

const Repository = z.object({
  full_name: z.string().min(1),
  html_url: z.string().min(1),
  private: z.boolean(),
  default_branch: z.string().optional(),
  /** KB, as GitHub reports it. */
  size: z.number().int().nonnegative().optional(),
});

/** The parts of GitHub's `push` payload the worker needs (commit messages and authors stay behind). */
export const PushPayload = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  commits: z.array(z.object({ id: z.string(), distinct: z.boolean().optional() })).default([]),
  repository: Repository,
  /** Present when the push came to a GitHub App. */
  installation: z.object({ id: z.number().int().positive() }).optional(),
});

export const VisibilityPayload = z.object({
  action: z.string().optional(),
  repository: Repository,
  installation: z.object({ id: z.number().int().positive() }).optional(),
});

/** What the receiver puts in the source event's `data`: routing facts only, no content (the topic's schema is in @keyguard/events). */
export type PushData = GithubPushData;

/** A repository whose whole history is to be scanned. */
export interface HistoryTarget {
  repository: string;
  repositoryUrl: string;
  sizeKb?: number;
  installationId?: number;
}

export type Decision<T> = { scan: true; data: T } | { scan: false; reason: string };

export function decidePush(payload: z.infer<typeof PushPayload>, scanPrivate: boolean): Decision<PushData> {
  if (payload.deleted || ZERO_SHA.test(payload.after)) return { scan: false, reason: 'branch_deleted' };
  if (payload.repository.private && !scanPrivate) return { scan: false, reason: 'private_repository' };
  return {
    scan: true,
    data: {
      repository: payload.repository.full_name,
      repositoryUrl: payload.repository.html_url,
      private: payload.repository.private,
      defaultBranch: payload.repository.default_branch,
      ref: payload.ref,
      before: payload.before,
      after: payload.after,
      forced: payload.forced ?? false,
      commits: payload.commits.filter((c) => c.distinct !== false).map((c) => c.id),
      ...(payload.installation ? { installationId: payload.installation.id } : {}),
    },
  };
}

/** `public` events and `repository.publicized`: everything ever committed to the repository is now exposed. */
export function decideVisibility(event: 'public' | 'repository', payload: z.infer<typeof VisibilityPayload>): Decision<HistoryTarget> {
  if (event === 'repository' && payload.action !== 'publicized') return { scan: false, reason: `repository_${payload.action ?? 'unknown'}` };
  return {
    scan: true,
    data: {
      repository: payload.repository.full_name,
      repositoryUrl: payload.repository.html_url,
      ...(payload.repository.size !== undefined ? { sizeKb: payload.repository.size } : {}),
      ...(payload.installation ? { installationId: payload.installation.id } : {}),
    },
  };
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** A permalink to one line of one file at one commit. */
export function blobPermalink(repositoryUrl: string, sha: string, path: string, line?: number): string {
  return `${repositoryUrl}/blob/${sha}/${encodePath(path)}${line ? `#L${line}` : ''}`;
}
