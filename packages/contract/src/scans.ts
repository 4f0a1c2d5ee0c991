import { z } from 'zod';
import { Actor, DateTime, IdParams, Source } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';

const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const GITLAB_PROJECT = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+){1,20}$/;
const POSTMAN_RESOURCE = /^(?:collection|environment|workspace|api|globals):[A-Za-z0-9_-]{1,200}$/;

/** What each source's `target` is, for people (and error messages). */
export const scanTargets = {
  github: 'a repository: owner/repo, or its https URL',
  gitlab: 'a project: group/project (subgroups allowed), or its https URL',
  postman: 'a resource: collection:<id>, environment:<id>, workspace:<id>, api:<id> or globals:<workspace id>',
} as const;

/**
 * The canonical target of a scan, or undefined when `raw` is not one: `owner/repo` for GitHub,
 * `group/project` for GitLab (a repository's web or clone URL is accepted and reduced to that),
 * `type:id` for Postman.
 */
export function scanTarget(source: z.output<typeof Source>, raw: string): string | undefined {
  let value = raw.trim();
  if (source !== 'postman' && /^https?:\/\//i.test(value)) {
    try {
      value = decodeURIComponent(new URL(value).pathname)
        .replace(/^\/+|\/+$/g, '')
        .replace(/\.git$/, '');
    } catch {
      return undefined;
    }
  }
  const pattern = source === 'github' ? GITHUB_REPOSITORY : source === 'gitlab' ? GITLAB_PROJECT : POSTMAN_RESOURCE;
  return pattern.test(value) ? value : undefined;
}

export const ScanRequest = z
  .object({
    source: Source,
    target: z.string().trim().min(1).max(512).describe(`${scanTargets.github} (github); ${scanTargets.gitlab} (gitlab); ${scanTargets.postman} (postman)`),
  })
  .transform((request, ctx) => {
    const target = scanTarget(request.source, request.target);
    if (target === undefined) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `must be ${scanTargets[request.source]}` });
      return z.NEVER;
    }
    return { source: request.source, target };
  });
export type ScanRequest = z.input<typeof ScanRequest>;

/** A scan and how far it got: `counts.exposures` secrets found so far (occurrences), `counts.secrets` distinct ones. */
export const ScanJob = z
  .object({
    id: z.string(),
    source: Source,
    /** `history`: every commit of a repository; `resource`: one Postman resource; `installation`: a GitHub App backfill. */
    kind: z.enum(['history', 'resource', 'installation']),
    target: z.string(),
    /** `on_demand` (this API), `publicized` (a repository made public), `installation` (GitHub App backfill). */
    reason: z.enum(['publicized', 'installation', 'on_demand']),
    status: z.enum(['queued', 'running', 'done', 'partial', 'failed', 'skipped']),
    requestedBy: Actor.nullable(),
    createdAt: DateTime,
    startedAt: DateTime.nullable(),
    finishedAt: DateTime.nullable(),
    progress: z.object({ commits: z.number().int(), bytes: z.number().int() }),
    counts: z.object({ exposures: z.number().int(), secrets: z.number().int() }),
    /** Why it failed, was skipped or stopped early (`TOO_LARGE`, `TIME_LIMIT`, `ALREADY_RUNNING`, …). */
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'ScanJob' });
export type ScanJob = z.output<typeof ScanJob>;

export const ScanJobList = z.object({ items: z.array(ScanJob) });

const tags = ['scans'];

export const requestScan = endpoint({
  method: 'POST',
  url: '/scans',
  schema: {
    summary: 'Scan a GitHub repository or GitLab project (its whole history) or a Postman resource now (admins); 202 with the job',
    description: 'Results arrive as exposures and findings like any other; GET /scans/{id} shows progress and counts. 503 when the job could not be queued.',
    tags,
    body: ScanRequest,
    response: { 202: ScanJob, ...errors(...bodyErrors, ...authErrors, 403, 503) },
  },
});

export const listScans = endpoint({
  method: 'GET',
  url: '/scans',
  schema: {
    summary: 'Recent scans (admins): on-demand ones of the team, and those Keyguard started itself',
    tags,
    response: { 200: ScanJobList, ...errors(...authErrors, 403) },
  },
});

export const getScan = endpoint({
  method: 'GET',
  url: '/scans/:id',
  schema: { summary: 'One scan: status, progress and counts (admins)', tags, params: IdParams, response: { 200: ScanJob, ...errors(...authErrors, 403, 404) } },
});
