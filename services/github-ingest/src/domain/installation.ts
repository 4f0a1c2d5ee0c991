import { z } from 'zod';

const InstallationRepository = z.object({ full_name: z.string().min(1), private: z.boolean().optional() });
const Installation = z.object({ id: z.number().int().positive() });

/** `installation` events: the App was installed (or unsuspended, or granted new permissions). */
export const InstallationPayload = z.object({
  action: z.string(),
  installation: Installation,
  repositories: z.array(InstallationRepository).optional(),
});

/** `installation_repositories` events: repositories added to (or removed from) an installation. */
export const InstallationRepositoriesPayload = z.object({
  action: z.string(),
  installation: Installation,
  repositories_added: z.array(InstallationRepository).default([]),
});

/** Actions after which the App can read repositories it could not read before. */
const GRANTING = new Set(['created', 'new_permissions_accepted', 'unsuspend']);

export type Backfill =
  | { scan: false; reason: string }
  /** `repositories` undefined: list them through the API with the installation's token. */
  | { scan: true; installationId: number; repositories?: string[] };

const readable = (repos: z.infer<typeof InstallationRepository>[], scanPrivate: boolean) =>
  repos.filter((r) => scanPrivate || r.private === false).map((r) => r.full_name);

/**
 * A new installation: a backfill of every public repository it can read. In App mode the list
 * comes from the API (complete, paginated); without App credentials, from the payload.
 */
export function decideInstallation(payload: z.infer<typeof InstallationPayload>, appMode: boolean, scanPrivate: boolean): Backfill {
  if (!GRANTING.has(payload.action)) return { scan: false, reason: `installation_${payload.action}` };
  if (appMode) return { scan: true, installationId: payload.installation.id };
  const repositories = readable(payload.repositories ?? [], scanPrivate);
  if (repositories.length === 0) return { scan: false, reason: 'no_public_repositories' };
  return { scan: true, installationId: payload.installation.id, repositories };
}

/** Repositories added to an installation: a backfill of those that are public. */
export function decideInstallationRepositories(payload: z.infer<typeof InstallationRepositoriesPayload>, scanPrivate: boolean): Backfill {
  if (payload.action !== 'added') return { scan: false, reason: `installation_repositories_${payload.action}` };
  const repositories = readable(payload.repositories_added, scanPrivate);
  if (repositories.length === 0) return { scan: false, reason: 'no_public_repositories' };
  return { scan: true, installationId: payload.installation.id, repositories };
}
