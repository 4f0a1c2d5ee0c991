import { createHash, randomBytes } from 'node:crypto';
import { createEnvelope, type ExposureRecordedPayload, type KeyRevokedPayload } from '@keyguard/events';
import { uniqueName } from '@keyguard/testkit/bus';

export const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

export function revokedEvent(email: string, overrides: Partial<KeyRevokedPayload> = {}) {
  const keyId = uniqueName('key');
  return createEnvelope(
    'key.revoked',
    {
      keyId,
      teamId: 'team_default',
      name: 'CI deploy key',
      preview: 'PMAK-…9f3e',
      owner: { id: 'usr_1', name: 'Ada', email },
      reason: 'exposure_auto',
      actor: { type: 'system', id: 'policy' },
      revokedAt: new Date().toISOString(),
      exposure: {
        detectedAt: new Date().toISOString(),
        locations: [
          { source: 'postman', kind: 'collection', url: 'https://www.postman.com/acme/collection/c-1', resourceType: 'collection', resourceId: 'c-1' },
        ],
      },
      ...overrides,
    } satisfies KeyRevokedPayload,
    { source: 'test', id: `key.revoked:${keyId}` },
  );
}

/** An `exposure.recorded` as the policy publishes it, for one of a team's keys (or a third-party token). */
export function recordedEvent(input: {
  teamId: string | null;
  owner?: { id: string; name: string; email: string };
  keyName?: string;
  action?: ExposureRecordedPayload['action'];
  url?: string;
  ruleId?: string;
}) {
  const tokenHash = hashOf(randomBytes(16).toString('hex'));
  const findingId = `fnd_${tokenHash.slice(0, 32)}`;
  const keyId = uniqueName('key');
  const payload: ExposureRecordedPayload = {
    findingId,
    tokenHash,
    ruleId: input.ruleId ?? 'postman-api-key',
    redacted: `PMAK-…${tokenHash.slice(0, 4)}`,
    confidence: 'high',
    teamId: input.teamId,
    key: input.owner ? { id: keyId, name: input.keyName ?? `key ${keyId}`, preview: `PMAK-…${tokenHash.slice(0, 4)}`, owner: input.owner } : null,
    action: input.action ?? (input.owner ? 'marked_exposed' : 'recorded'),
    findingCreated: true,
    reopened: false,
    locations: [
      {
        source: 'github',
        kind: 'commit',
        url: input.url ?? `https://github.com/acme/app/blob/${tokenHash.slice(0, 40)}/.env#L3`,
        repository: 'acme/app',
        path: '.env',
        line: 3,
        detectedAt: new Date().toISOString(),
      },
    ],
  };
  return createEnvelope('exposure.recorded', payload, { source: 'test', id: `exposure.recorded:${findingId}` });
}
