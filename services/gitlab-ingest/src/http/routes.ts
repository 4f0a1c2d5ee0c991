import { createHash, randomUUID } from 'node:crypto';
import {
  headerValue,
  type IngestContext,
  type PartnerAlertVerifier,
  parseJson,
  partnerAlertHandler,
  partnerSignatureHeaders,
  rawJsonBodies,
  refuseBeforeBody,
  safeEqual,
  scanJobId,
  scanRequestMessage,
  sourceEventMessage,
} from '@keyguard/ingest-kit';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, HttpError } from '@keyguard/runtime';
import { createVisibilityRepository } from '@keyguard/store';
import { decideProjectVisibility, PROJECT_EVENTS, ProjectHook, visibilityOf } from '../domain/project-visibility.js';
import { decidePush, deliveryIdOf, PushHook } from '../domain/push.js';

/** GitLab caps webhook payloads at 25 MB by default, like GitHub. */
const WEBHOOK_MAX_BYTES = 25 * 1024 * 1024;
const PARTNER_MAX_BYTES = 5 * 1024 * 1024;
const EVENTS: Record<string, 'push' | 'tag_push'> = { 'Push Hook': 'push', 'Tag Push Hook': 'tag_push' };
/** System hooks (and group hooks with project events) name the event in the body. */
const BODY_NAMED = new Set(['System Hook', 'Project Hook']);

export interface GitlabRoutesOptions {
  webhookToken: string;
  scanPrivate: boolean;
  /** Undefined when GITLAB_PARTNER_KEYS_URL is not set: the partner endpoint answers 404. */
  partnerVerifier?: PartnerAlertVerifier;
  /** Where project pages live (`<url>/<group>/<project>`): the base of permalinks in history scans. */
  webUrl: string;
}

/**
 * `POST /webhooks/gitlab` (X-Gitlab-Token compared in constant time; Push Hook and Tag Push
 * Hook; dedup on Idempotency-Key, else X-Gitlab-Event-UUID) and `POST /secret-detection/gitlab`
 * (GitLab's partner API, verified by the shared ECDSA verifier). GitLab retries on ≥ 400, so
 * Kafka being down answers 503.
 */
export function gitlabRoutes(options: GitlabRoutesOptions) {
  return async (scope: FastifyInstance, context: IngestContext) => {
    rawJsonBodies(scope, context.bodySlots);

    const visibility = createVisibilityRepository(context.store);

    /** A project system hook: when the project turned public, a scan job for its whole history. */
    async function projectEvent(body: unknown, headers: { idempotencyKey?: string; eventUuid?: string }, reply: FastifyReply) {
      const parsed = ProjectHook.safeParse(body, { reportInput: false });
      if (!parsed.success) throw new HttpError(400, 'invalid_payload', 'not a project event body');
      const project = parsed.data;
      const deliveryId = headers.idempotencyKey || headers.eventUuid || `${project.event_name}:${project.project_id}:${randomUUID()}`;
      const key = `gitlab:${project.project_id}`;
      const now = visibilityOf(project);
      const decision = decideProjectVisibility(now, await visibility.get(key));
      if (!decision.scan) {
        await visibility.record(key, now);
        return reply.code(202).send({ status: 'ignored', reason: decision.reason, deliveryId });
      }
      const message = scanRequestMessage(
        {
          jobId: scanJobId('gitlab', deliveryId),
          provider: 'gitlab',
          kind: 'history',
          target: project.path_with_namespace,
          reason: 'publicized',
          projectId: project.project_id,
          webUrl: `${options.webUrl.replace(/\/$/, '')}/${project.path_with_namespace}`,
        },
        { source: context.service, correlationId: deliveryId },
      );
      const outcome = await context.gate.accept('gitlab', deliveryId, [{ topic: context.topics.scanRequests, messages: [message] }]);
      // recorded only once Kafka has the job: a retried delivery after a 503 still starts it
      await visibility.record(key, now);
      return reply.code(outcome === 'duplicate' ? 200 : 202).send({ status: outcome, deliveryId });
    }

    // The token and the event are headers: a request failing them is refused before its body
    // (up to 25 MB) is read.
    const tokenAndEvent = async (request: FastifyRequest, reply: FastifyReply) => {
      const token = headerValue(request.headers, 'x-gitlab-token');
      if (!token) refuseBeforeBody(reply, new HttpError(401, 'missing_token', 'X-Gitlab-Token is required'));
      if (!safeEqual(token, options.webhookToken)) refuseBeforeBody(reply, new HttpError(401, 'invalid_token', 'X-Gitlab-Token does not match'));
      const event = headerValue(request.headers, 'x-gitlab-event') ?? '';
      if (!EVENTS[event] && !BODY_NAMED.has(event)) {
        refuseBeforeBody(
          reply,
          new HttpError(400, 'unsupported_event', `event ${event.slice(0, 64) || '(none)'} is not handled`, {
            supported: [...Object.keys(EVENTS), ...BODY_NAMED],
          }),
        );
      }
    };

    scope.post('/webhooks/gitlab', { bodyLimit: WEBHOOK_MAX_BYTES, onRequest: tokenAndEvent }, async (request, reply) => {
      const event = headerValue(request.headers, 'x-gitlab-event') ?? '';
      const ids = { idempotencyKey: headerValue(request.headers, 'idempotency-key'), eventUuid: headerValue(request.headers, 'x-gitlab-event-uuid') };
      const body = parseJson((request.body as Buffer | undefined) ?? Buffer.alloc(0));
      let kind = EVENTS[event];
      if (BODY_NAMED.has(event)) {
        const named = typeof body === 'object' && body !== null ? (body as { event_name?: unknown; object_kind?: unknown }) : {};
        const name = String(named.event_name ?? named.object_kind ?? '');
        if ((PROJECT_EVENTS as readonly string[]).includes(name)) return projectEvent(body, ids, reply);
        kind = name === 'push' || name === 'tag_push' ? name : undefined;
        if (!kind) return reply.code(202).send({ status: 'ignored', reason: 'unhandled_system_event', event: name.slice(0, 64) });
      }
      if (!kind)
        throw new HttpError(400, 'unsupported_event', `event ${event.slice(0, 64) || '(none)'} is not handled`, {
          supported: [...Object.keys(EVENTS), ...BODY_NAMED],
        });
      const parsed = PushHook.safeParse(body, { reportInput: false });
      if (!parsed.success) throw new HttpError(400, 'invalid_payload', `not a ${event} body`);

      const deliveryId = deliveryIdOf(ids, parsed.data);
      const decision = decidePush(parsed.data, options.scanPrivate);
      if (!decision.scan) return reply.code(202).send({ status: 'ignored', reason: decision.reason, deliveryId });
      const message = sourceEventMessage({ provider: 'gitlab', kind, deliveryId, resourceId: decision.data.project, data: decision.data }, context);
      // The token is static: anyone who saw one delivery can replay its body under a new id.
      const bodyDigest = createHash('sha256')
        .update((request.body as Buffer | undefined) ?? Buffer.alloc(0))
        .digest('hex');
      const outcome = await context.gate.accept('gitlab', deliveryId, [{ topic: context.topics.sourceEvents, messages: [message] }], { bodyDigest });
      return reply.code(outcome === 'duplicate' ? 200 : 202).send({ status: outcome, deliveryId });
    });

    const partnerAlert =
      options.partnerVerifier && partnerAlertHandler(context, { provider: 'gitlab', verifier: options.partnerVerifier, expected: '{ type, token, url }' });
    scope.post('/secret-detection/gitlab', { bodyLimit: PARTNER_MAX_BYTES, onRequest: partnerSignatureHeaders('gitlab') }, async (request, reply) => {
      if (!partnerAlert) throw new HttpError(404, 'not_configured', 'the GitLab partner API is disabled: GITLAB_PARTNER_KEYS_URL is not set');
      return reply.code(200).send(await partnerAlert(request));
    });
  };
}
