import { z } from 'zod';
import { envelopeOf } from './envelope.js';
import { Provider } from './source-events.js';

/** Why a scan was asked for. */
export const ScanReason = z.enum(['publicized', 'installation', 'on_demand']);
export type ScanReason = z.infer<typeof ScanReason>;

/**
 * A scan job for one provider's worker: the whole git history of a repository (`history`:
 * GitHub `owner/repo`, GitLab `group/project`), one resource (`resource`: Postman
 * `collection:<id>`, `environment:<id>`, `workspace:<id>`), or every repository of a GitHub App
 * installation (`installation`: `installation:<id>`, which queues one history job per
 * repository). Its progress and counts live in MongoDB's `scanJobs` under `jobId`; its results
 * are exposures like any other.
 */
export const ScanRequestedPayload = z.object({
  jobId: z.string().min(1).max(128),
  provider: Provider,
  kind: z.enum(['history', 'resource', 'installation']),
  target: z.string().min(1).max(512),
  reason: ScanReason,
  requestedAt: z.iso.datetime({ offset: true }),
  /** The web page of the repository, for permalinks (the worker derives one when absent). */
  webUrl: z.string().optional(),
  /** GitHub App installation that can read the repository. */
  installationId: z.number().int().positive().optional(),
  /** GitLab project id. */
  projectId: z.number().int().positive().optional(),
  /** Repository size as the provider reported it (GitHub: KB), to refuse what is over the limit before cloning. */
  sizeKb: z.number().int().nonnegative().optional(),
});
export type ScanRequestedPayload = z.infer<typeof ScanRequestedPayload>;

export const ScanRequested = envelopeOf('scan.requested', ScanRequestedPayload);
export type ScanRequested = z.infer<typeof ScanRequested>;
