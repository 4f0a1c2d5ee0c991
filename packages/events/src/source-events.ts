import { z } from 'zod';
import { envelopeOf } from './envelope.js';

export const Provider = z.enum(['github', 'gitlab', 'postman']);
export type Provider = z.infer<typeof Provider>;

/**
 * What every source event says, whatever the provider: a provider event as received and
 * verified by an ingest receiver, normalised to what its worker needs to fetch the content.
 * Carries no content and no secrets (partner alerts never become source events: they are
 * hashed at the edge).
 */
const received = {
  /** The provider's delivery id: the dedup key. */
  deliveryId: z.string().min(1),
  /** What the event is about, e.g. `octocat/Hello-World` or `collection:<id>`. */
  resourceId: z.string().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
};

// ── GitHub ──────────────────────────────────────────────────────────────────────────────────

/**
 * A push: the commits to scan (routing facts only; commit messages and authors stay behind).
 * A repository made public is a history scan job instead (keyguard.scan-requests.v1).
 */
export const GithubPushData = z.object({
  repository: z.string().min(1),
  repositoryUrl: z.string().min(1),
  private: z.boolean(),
  defaultBranch: z.string().optional(),
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  forced: z.boolean(),
  /** Commit ids GitHub listed (at most 2048), without those already on another branch. */
  commits: z.array(z.string()),
  /** The GitHub App installation the push was delivered to (App mode reads with its token). */
  installationId: z.number().int().positive().optional(),
});
export type GithubPushData = z.infer<typeof GithubPushData>;

export const GithubSourceEvent = envelopeOf(
  'source.event.received',
  z.object({ provider: z.literal('github'), kind: z.literal('push'), ...received, data: GithubPushData }),
);
export type GithubSourceEvent = z.infer<typeof GithubSourceEvent>;

// ── GitLab ──────────────────────────────────────────────────────────────────────────────────

/** A push or tag push of a public project. */
export const GitlabPushData = z.object({
  projectId: z.number().int(),
  /** The project is public (a sealed third-party token may then go to the relay). */
  public: z.boolean().optional(),
  project: z.string().min(1),
  webUrl: z.string().min(1),
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  checkoutSha: z.string().optional(),
  totalCommits: z.number().int().nonnegative(),
  /** The first 20 commit ids (GitLab truncates the list). */
  commits: z.array(z.string()),
});
export type GitlabPushData = z.infer<typeof GitlabPushData>;

export const GitlabSourceEvent = envelopeOf(
  'source.event.received',
  z.object({ provider: z.literal('gitlab'), kind: z.enum(['push', 'tag_push']), ...received, data: GitlabPushData }),
);
export type GitlabSourceEvent = z.infer<typeof GitlabSourceEvent>;

// ── Postman ─────────────────────────────────────────────────────────────────────────────────

export const PostmanResourceType = z.enum(['workspace', 'collection', 'environment', 'api', 'documentation', 'globals']);
export type PostmanResourceType = z.infer<typeof PostmanResourceType>;

export const PostmanResourceRef = z.object({
  type: PostmanResourceType,
  id: z.string().min(1),
  workspaceId: z.string().optional(),
  url: z.string().optional(),
});
export type PostmanResourceRef = z.infer<typeof PostmanResourceRef>;

/** The resource to fetch, never its content. */
export const PostmanEventData = z.object({
  resource: PostmanResourceRef,
  eventType: z.string(),
  /** The receiver already scanned inline content: the worker has nothing to fetch. */
  scannedInline: z.boolean(),
  /** The resource is public (a sealed third-party token may then go to the relay). */
  public: z.boolean().optional(),
});
export type PostmanEventData = z.infer<typeof PostmanEventData>;

export const PostmanSourceEvent = envelopeOf(
  'source.event.received',
  /** `kind`: Postman's event type, e.g. `collection.updated`. */
  z.object({ provider: z.literal('postman'), kind: z.string().min(1), ...received, data: PostmanEventData }),
);
export type PostmanSourceEvent = z.infer<typeof PostmanSourceEvent>;

// ── All of them ─────────────────────────────────────────────────────────────────────────────

/** Each provider's source-event schema: the one its receiver publishes and its worker parses. */
export const SourceEvents = { github: GithubSourceEvent, gitlab: GitlabSourceEvent, postman: PostmanSourceEvent } as const;
export type SourceEvent = GithubSourceEvent | GitlabSourceEvent | PostmanSourceEvent;
export type SourceEventOf<P extends Provider> = z.infer<(typeof SourceEvents)[P]>;
