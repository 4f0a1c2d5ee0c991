import type { Scanner } from '@keyguard/detectors';
import type { ExposureLocation } from '@keyguard/events';
import { type FoundSecret, toFound } from '@keyguard/ingest-kit';
import { type ResourceRef, resourceUrl } from './event.js';
import { flatten, leaves, looksLikeSecret, MIN_SCANNED_KEY_LENGTH } from './walk.js';

export interface Occurrence {
  found: FoundSecret;
  location: ExposureLocation;
}

/** Where a resource as a whole is: the place of its `too-many-secrets` summary. */
export function resourceLocation(resource: ResourceRef): ExposureLocation {
  return {
    source: 'postman',
    kind: resource.type,
    url: resourceUrl(resource),
    resourceType: resource.type,
    resourceId: resource.id,
    ...(resource.workspaceId ? { workspaceId: resource.workspaceId } : {}),
  };
}

/**
 * Scans one Postman API document (e.g. `{ collection: {...} }`) and reports each secret with
 * its JSON path. An object key that looks generated, or in which a rule finds a secret, is
 * redacted from every path.
 */
export function scanResource(scanner: Scanner, resource: ResourceRef, document: unknown): Occurrence[] {
  const verdicts = new Map<string, boolean>();
  const isSecret = (key: string): boolean => {
    if (key.length < MIN_SCANNED_KEY_LENGTH) return false;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = looksLikeSecret(key) || scanner.scan(key).findings.length > 0;
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const flat = flatten(leaves(document, { isSecret }));
  if (flat.text.length === 0) return [];
  return scanner.scan(flat.text).findings.map((finding) => ({
    found: toFound(finding),
    location: { ...resourceLocation(resource), jsonPath: flat.pathAt(finding.line) ?? '$' },
  }));
}
