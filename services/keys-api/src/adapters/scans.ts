import { randomUUID } from 'node:crypto';
import type { Publisher } from '@keyguard/bus';
import { createEnvelope, ScanRequested } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';
import { HttpError } from '@keyguard/runtime';
import { type ActorRef, createScanJobRepository, type ScanJobDoc, type Store } from '@keyguard/store';

export interface ScanRequestInit {
  source: ScanJobDoc['provider'];
  target: string;
  teamId: string;
  actor: ActorRef;
}

/**
 * On-demand scans: the job is recorded (queued) in MongoDB, then its request goes to
 * keyguard.scan-requests.v1 for the provider's ingest service. When Kafka does not take it the
 * job is marked failed and the caller gets 503, so no job stays queued forever.
 */
export function createScanRequests({
  store,
  publisher,
  topic,
  logger,
  publishTimeoutMs = 3000,
}: {
  store: Store;
  publisher: Publisher;
  topic: string;
  logger: Logger;
  publishTimeoutMs?: number;
}) {
  const jobs = createScanJobRepository(store);
  const visible = (job: ScanJobDoc | null, teamId: string) => (job && (job.teamId === teamId || job.teamId === null) ? job : null);
  return {
    async request(init: ScanRequestInit): Promise<ScanJobDoc> {
      const id = `scan_${randomUUID().replaceAll('-', '')}`;
      const kind = init.source === 'postman' ? 'resource' : 'history';
      const job = await jobs.create({
        id,
        provider: init.source,
        kind,
        target: init.target,
        reason: 'on_demand',
        teamId: init.teamId,
        requestedBy: init.actor,
      });
      const value = ScanRequested.parse(
        createEnvelope(
          'scan.requested',
          { jobId: id, provider: init.source, kind, target: init.target, reason: 'on_demand', requestedAt: job.createdAt.toISOString() },
          { source: 'keys-api', id },
        ),
      );
      try {
        await publisher.publish(topic, [{ key: `${init.source}:${init.target}`, value }], { timeoutMs: publishTimeoutMs });
      } catch (error) {
        logger.warn({ err: error, jobId: id }, 'scan request not acknowledged by Kafka');
        await jobs.finish(id, 'failed', { code: 'KAFKA_UNAVAILABLE', message: 'the scan could not be queued' });
        throw new HttpError(503, 'kafka_unavailable', 'the scan could not be queued; retry later');
      }
      return job;
    },
    get: async (id: string, teamId: string) => visible(await jobs.get(id), teamId),
    list: (teamId: string) => jobs.listVisible(teamId, 50),
  };
}
export type ScanRequests = ReturnType<typeof createScanRequests>;
