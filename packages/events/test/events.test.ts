import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AnyEnvelope, allTopics, ExposureDetected, KeyEvent, KeyState, ScanRequested, TopicConfigs, Topics, createEnvelope } from '../src/index.js';

const tokenHash = createHash('sha256').update('example').digest('hex');

describe('events', () => {
  it('names every topic from DESIGN.md', () => {
    expect(allTopics().sort()).toEqual([
      'keyguard.dlq.v1',
      'keyguard.exposures.v1',
      'keyguard.findings.v1',
      'keyguard.key-events.v1',
      'keyguard.key-state.v1',
      'keyguard.key-usage.v1',
      'keyguard.scan-requests.v1',
      'keyguard.source-events.github.v1',
      'keyguard.source-events.gitlab.v1',
      'keyguard.source-events.postman.v1',
    ]);
  });

  it('validates a scan request and refuses one without a job id or with an unknown provider', () => {
    const request = createEnvelope(
      'scan.requested',
      { jobId: 'job-1', provider: 'github', kind: 'history', target: 'octo/hello', reason: 'publicized', requestedAt: new Date().toISOString(), sizeKb: 120 },
      { source: 'github-ingest' },
    );
    expect(ScanRequested.parse(request)).toEqual(request);
    expect(ScanRequested.safeParse({ ...request, payload: { ...request.payload, jobId: '' } }).success).toBe(false);
    expect(ScanRequested.safeParse({ ...request, payload: { ...request.payload, provider: 'bitbucket' } }).success).toBe(false);
  });

  it('builds an envelope that its schema accepts', () => {
    const event = createEnvelope(
      'exposure.detected',
      {
        tokenHash,
        ruleId: 'postman-api-key',
        redacted: 'PMAK-…a1b2',
        confidence: 'high',
        detectedAt: new Date().toISOString(),
        location: { source: 'github', kind: 'commit', url: 'https://github.com/o/r/blob/abc/x.env#L3', line: 3 },
      },
      { source: 'github-ingest', correlationId: 'delivery-1' },
    );
    expect(ExposureDetected.parse(event)).toEqual(event);
    expect(AnyEnvelope.parse(event).type).toBe('exposure.detected');
  });

  it('rejects a raw-looking token hash and says which field', () => {
    const bad = ExposureDetected.safeParse(
      createEnvelope(
        'exposure.detected',
        {
          tokenHash: 'PMAK-not-a-hash',
          ruleId: 'x',
          redacted: 'x',
          confidence: 'high',
          detectedAt: new Date().toISOString(),
          location: { source: 'github', kind: 'commit', url: '' },
        },
        { source: 't' },
      ),
    );
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['payload', 'tokenHash']);
  });

  it('discriminates key events by type', () => {
    const parsed = KeyEvent.safeParse({ ...createEnvelope('key.unknown', {}, { source: 't' }) });
    expect(parsed.success).toBe(false);
  });

  it('keeps key state as a bare, versioned record on a compacted topic', () => {
    const state = {
      keyId: 'key_1',
      teamId: 'team_1',
      ownerId: 'usr_1',
      ownerEmail: 'o@example.test',
      status: 'revoked',
      expiresAt: null,
      exposed: true,
      version: 4,
      changedAt: new Date().toISOString(),
    };
    expect(KeyState.parse(state)).toEqual(state);
    expect(KeyState.safeParse({ ...state, status: 'deleted' }).success).toBe(false);
    expect(KeyState.safeParse({ ...state, version: -1 }).success).toBe(false);
    expect(TopicConfigs[Topics.keyState]).toMatchObject({ 'cleanup.policy': 'compact' });
  });
});
