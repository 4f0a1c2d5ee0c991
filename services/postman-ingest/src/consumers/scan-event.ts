import type { OutgoingMessage } from '@keyguard/bus';
import type { Scanner } from '@keyguard/detectors';
import type { PostmanSourceEvent } from '@keyguard/events';
import { distinctOccurrences, eventExposures, mapLimit, type ScanJobRunner } from '@keyguard/ingest-kit';
import type { Logger } from '@keyguard/logger';
import type { PostmanApi } from '../adapters/postman-api.js';
import { type ResourceRef, ResourceType } from '../domain/event.js';
import { type Occurrence, resourceLocation, scanResource } from '../domain/scan-resource.js';

/**
 * Fetches a resource from the Postman API and scans it; a workspace is scanned together with
 * every collection, environment, API and the globals it holds. A member that is gone (404) is
 * skipped; a failing workspace fetch fails the whole scan (retried).
 */
export function createPostmanResourceScanner({ api, scanner }: { api: PostmanApi; scanner: Scanner }) {
  async function scanMember(resource: ResourceRef, log: Logger): Promise<Occurrence[]> {
    try {
      return scanResource(scanner, resource, await api.fetchResource(resource));
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable === false) {
        log.warn({ resourceType: resource.type, resourceId: resource.id, reason: (error as Error).message }, 'workspace member skipped');
        return [];
      }
      throw error;
    }
  }

  return async function scan(resource: ResourceRef, log: Logger): Promise<Occurrence[]> {
    const document = await api.fetchResource(resource);
    const occurrences = scanResource(scanner, resource, document);
    if (resource.type === 'workspace') {
      const members = api.workspaceMembers(resource, document);
      occurrences.push(...(await mapLimit(members, 4, (m) => scanMember(m, log))).flat());
    }
    return distinctOccurrences(occurrences);
  };
}

/** The worker: a source event's resource, fetched and scanned (unless the receiver scanned inline content). */
export function createPostmanWorker({ api, scanner, service, maxPerEvent }: { api: PostmanApi; scanner: Scanner; service: string; maxPerEvent?: number }) {
  const scan = createPostmanResourceScanner({ api, scanner });
  return async function collect(event: PostmanSourceEvent, log: Logger): Promise<OutgoingMessage[]> {
    const { data } = event.payload;
    if (data.scannedInline) return [];
    const detectedAt = new Date();
    return eventExposures(await scan(data.resource, log), {
      source: service,
      correlationId: event.payload.deliveryId,
      detectedAt,
      maxPerEvent,
      publishedAt: new Date(event.payload.receivedAt),
      public: data.public === true,
      summaryLocation: resourceLocation(data.resource),
    });
  };
}

/**
 * On-demand scans of one Postman resource (`collection:<id>`, `workspace:<id>`, …): fetched
 * and scanned like an event's, its exposures published (capped like an event's) and counted on the job.
 */
export function createPostmanScans({
  api,
  scanner,
  service,
  maxPerEvent,
}: {
  api: PostmanApi;
  scanner: Scanner;
  service: string;
  maxPerEvent?: number;
}): ScanJobRunner {
  const scan = createPostmanResourceScanner({ api, scanner });
  return async (job) => {
    const parsed = ResourceType.safeParse(job.request.target.split(':')[0]);
    const id = job.request.target.slice(job.request.target.indexOf(':') + 1);
    if (job.request.kind !== 'resource' || !parsed.success || !id)
      return {
        status: 'skipped',
        error: { code: 'UNSUPPORTED', message: 'Postman scans are of one resource: collection:<id>, environment:<id>, workspace:<id>, ...' },
      };
    const resource = { type: parsed.data, id };
    const occurrences = await scan(resource, job.log);
    const detectedAt = new Date();
    await job.publish(
      eventExposures(occurrences, { source: service, correlationId: job.job._id, detectedAt, maxPerEvent, summaryLocation: resourceLocation(resource) }),
    );
    await job.checkpoint({
      progress: { commits: 0, bytes: 0 },
      counts: { exposures: occurrences.length, secrets: new Set(occurrences.map((o) => o.found.tokenHash)).size },
      cursor: null,
    });
    return { status: 'done' };
  };
}
