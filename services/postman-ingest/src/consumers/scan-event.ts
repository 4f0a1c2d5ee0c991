import type { OutgoingMessage } from '@keyguard/bus';
import type { Scanner } from '@keyguard/detectors';
import type { SourceEventReceived } from '@keyguard/events';
import { distinctOccurrences, exposureMessage, mapLimit } from '@keyguard/ingest-kit';
import type { Logger } from '@keyguard/logger';
import type { PostmanApi } from '../adapters/postman-api.js';
import type { EventData, ResourceRef } from '../domain/event.js';
import { type Occurrence, scanResource } from '../domain/scan-resource.js';

/**
 * Fetches the event's resource from the Postman API and scans it; a workspace is scanned
 * together with every collection, environment, API and the globals it holds. A member that
 * is gone (404) is skipped; a failing workspace fetch fails the event (retried).
 */
export function createPostmanWorker({ api, scanner, service }: { api: PostmanApi; scanner: Scanner; service: string }) {
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

  return async function collect(event: SourceEventReceived, log: Logger): Promise<OutgoingMessage[]> {
    const data = event.payload.data as unknown as EventData;
    if (data.scannedInline) return [];
    const document = await api.fetchResource(data.resource);
    const occurrences = scanResource(scanner, data.resource, document);
    if (data.resource.type === 'workspace') {
      const members = api.workspaceMembers(data.resource, document);
      occurrences.push(...(await mapLimit(members, 4, (m) => scanMember(m, log))).flat());
    }
    const detectedAt = new Date();
    return distinctOccurrences(occurrences).map((o) => exposureMessage(o.found, o.location, { source: service, correlationId: event.payload.deliveryId, detectedAt, public: data.public === true }));
  };
}
