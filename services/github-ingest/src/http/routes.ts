import { createHash } from 'node:crypto';
import { Webhooks } from '@octokit/webhooks';
import {
  GITHUB_MAX_PAYLOAD_BYTES,
  type IngestContext,
  type PartnerAlertVerifier,
  parseJson,
  partnerAlertHandler,
  partnerSignatureHeaders,
  rawJsonBodies,
  refuseBeforeBody,
  sourceEventMessage,
  headerValue,
} from '@keyguard/ingest-kit';
import type { FastifyReply, FastifyRequest } from '@keyguard/runtime';
import { type FastifyInstance, HttpError } from '@keyguard/runtime';
import { decidePush, decideVisibility, type Decision, PushPayload, VisibilityPayload } from '../domain/push.js';

const PARTNER_MAX_BYTES = 5 * 1024 * 1024;
const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');

export interface GithubRoutesOptions {
  webhookSecret: string;
  scanPrivate: boolean;
  partnerVerifier: PartnerAlertVerifier;
}

/**
 * `POST /webhooks/github`: X-Hub-Signature-256 checked by @octokit/webhooks over the raw body
 * before anything parses it; deduplicated on X-GitHub-Delivery and on a digest of the body
 * (the signature does not cover the delivery id, so a captured delivery could be replayed
 * under a new one); answered only after Kafka acknowledged the source event. `POST /secret-scanning/github`: GitHub's partner alerts.
 */
export function githubRoutes(options: GithubRoutesOptions) {
  const webhooks = new Webhooks({ secret: options.webhookSecret });

  return async (scope: FastifyInstance, context: IngestContext) => {
    rawJsonBodies(scope, context.bodySlots);

    // What can be checked before the body is read: the headers every delivery carries.
    const deliveryHeaders = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!headerValue(request.headers, 'x-hub-signature-256')) refuseBeforeBody(reply, new HttpError(401, 'missing_signature', 'X-Hub-Signature-256 is required'));
      if (!headerValue(request.headers, 'x-github-event') || !headerValue(request.headers, 'x-github-delivery')) {
        refuseBeforeBody(reply, new HttpError(400, 'missing_headers', 'X-GitHub-Event and X-GitHub-Delivery are required'));
      }
    };

    scope.post('/webhooks/github', { bodyLimit: GITHUB_MAX_PAYLOAD_BYTES, onRequest: deliveryHeaders }, async (request, reply) => {
      const raw = request.body as Buffer | undefined;
      const signature = headerValue(request.headers, 'x-hub-signature-256');
      if (!signature) throw new HttpError(401, 'missing_signature', 'X-Hub-Signature-256 is required');
      if (!raw || raw.length === 0) throw new HttpError(400, 'empty_body', 'the request has no body');
      const text = raw.toString('utf8');
      if (!(await webhooks.verify(text, signature))) throw new HttpError(401, 'invalid_signature', 'X-Hub-Signature-256 does not match the body');

      const event = headerValue(request.headers, 'x-github-event');
      const deliveryId = headerValue(request.headers, 'x-github-delivery');
      if (!event || !deliveryId) throw new HttpError(400, 'missing_headers', 'X-GitHub-Event and X-GitHub-Delivery are required');
      const payload = parseJson(text);
      if (payload === undefined) throw new HttpError(400, 'invalid_json', 'the body is not JSON');

      if (event === 'ping') return reply.code(200).send({ status: 'pong' });
      let decision: Decision<object>;
      let resourceId: string;
      if (event === 'push') {
        const parsed = PushPayload.safeParse(payload, { reportInput: false });
        if (!parsed.success) throw new HttpError(400, 'invalid_payload', 'not a push payload');
        decision = decidePush(parsed.data, options.scanPrivate);
        resourceId = parsed.data.repository.full_name;
      } else if (event === 'public' || event === 'repository') {
        const parsed = VisibilityPayload.safeParse(payload, { reportInput: false });
        if (!parsed.success) throw new HttpError(400, 'invalid_payload', `not a ${event} payload`);
        decision = decideVisibility(event, parsed.data);
        resourceId = parsed.data.repository.full_name;
      } else {
        throw new HttpError(400, 'unsupported_event', `event ${event.slice(0, 64)} is not handled`, { supported: ['push', 'public', 'repository', 'ping'] });
      }
      if (!decision.scan) return reply.code(202).send({ status: 'ignored', reason: decision.reason, deliveryId });

      const message = sourceEventMessage({ provider: 'github', kind: event, deliveryId, resourceId, data: decision.data as Record<string, unknown>, service: context.service });
      const outcome = await context.gate.accept('github', deliveryId, [{ topic: context.topics.sourceEvents, messages: [message] }], { bodyDigest: sha256Hex(raw) });
      return reply.code(outcome === 'duplicate' ? 200 : 202).send({ status: outcome, deliveryId });
    });

    const partnerAlert = partnerAlertHandler(context, { provider: 'github', verifier: options.partnerVerifier, expected: '{ token, type, url, source }' });
    scope.post('/secret-scanning/github', { bodyLimit: PARTNER_MAX_BYTES, onRequest: partnerSignatureHeaders('github') }, async (request, reply) =>
      reply.code(200).send(await partnerAlert(request)),
    );
  };
}
