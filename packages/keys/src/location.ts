import type { LocationDoc } from '@keyguard/store';

/**
 * The identity of a place a secret was found: the same file line at the same commit, or the
 * same field of the same Postman resource, is one location however often it is reported.
 */
export function locationKey(location: Omit<LocationDoc, 'detectedAt'>): string {
  return [
    location.source,
    location.kind,
    location.url,
    location.repository ?? '',
    location.commit ?? '',
    location.path ?? '',
    location.line ?? '',
    location.resourceType ?? '',
    location.resourceId ?? '',
    location.workspaceId ?? '',
    location.jsonPath ?? '',
  ].join('\u0001');
}
