import { z } from 'zod';

/** System (and group) hook project events that can carry a visibility change. */
export const PROJECT_EVENTS = ['project_create', 'project_update', 'project_rename', 'project_transfer'] as const;

/**
 * The fields of a project system hook that matter here. GitLab has sent `project_visibility`
 * both as `public` and as `visibilitylevel|public` (gitlab-org/gitlab#217221).
 */
export const ProjectHook = z.object({
  event_name: z.enum(PROJECT_EVENTS),
  project_id: z.number().int().positive(),
  path_with_namespace: z.string().min(1),
  project_visibility: z.string().min(1),
});
export type ProjectHook = z.infer<typeof ProjectHook>;

export const visibilityOf = (hook: ProjectHook): string => hook.project_visibility.replace(/^visibilitylevel\|/i, '').toLowerCase();

export type VisibilityDecision = { scan: true } | { scan: false; reason: 'not_public' | 'already_public' };

/**
 * A project event says what the visibility *is*, not what changed: the history is scanned
 * only when a project is public now and was not the last time we heard of it.
 */
export function decideProjectVisibility(now: string, before: string | undefined): VisibilityDecision {
  if (now !== 'public') return { scan: false, reason: 'not_public' };
  if (before === 'public') return { scan: false, reason: 'already_public' };
  return { scan: true };
}
