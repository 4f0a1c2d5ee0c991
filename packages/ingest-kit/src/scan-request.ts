import type { OutgoingMessage } from '@keyguard/bus';
import { createEnvelope, ScanRequested, type ScanRequestedPayload } from '@keyguard/events';
import { stableId } from './exposures.js';

/** A job id derived from what asked for the scan: the same webhook delivery always names the same job. */
export const scanJobId = (...parts: (string | number)[]): string => stableId('scan-job', ...parts).slice(0, 32);

/** `scan.requested` for keyguard.scan-requests.v1, keyed by `provider:target` (one partition per repository). */
export function scanRequestMessage(
  payload: Omit<ScanRequestedPayload, 'requestedAt'> & { requestedAt?: string },
  init: { source: string; correlationId?: string },
): OutgoingMessage {
  const value = ScanRequested.parse(
    createEnvelope(
      'scan.requested',
      { ...payload, requestedAt: payload.requestedAt ?? new Date().toISOString() },
      { source: init.source, id: payload.jobId, correlationId: init.correlationId ?? payload.jobId },
    ),
  );
  return { key: `${payload.provider}:${payload.target}`, value };
}
