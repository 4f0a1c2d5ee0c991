import {
  type IngestContext,
  eventExposures,
  headerValue,
  parseJson,
  rawJsonBodies,
  refuseBeforeBody,
  sourceEventMessage,
  verifySha256Signature,
} from '@keyguard/ingest-kit';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, HttpError } from '@keyguard/runtime';
import { type EventData, isPublic, PostmanEvent, parseTimestamp, withinWindow } from '../domain/event.js';
import { resourceLocation, scanResource } from '../domain/scan-resource.js';

const WEBHOOK_MAX_BYTES = 10 * 1024 * 1024;

export interface PostmanRoutesOptions {
  webhookSecret: string;
  scanPrivate: boolean;
  now?: () => number;
}

/**
 * `POST /webhooks/postman`: X-Postman-Signature (`sha256=` HMAC of `<timestamp>.<raw body>`)
 * checked in constant time before parsing, X-Postman-Timestamp within 5 minutes, dedup on the
 * event id. Inline `content` holds the resource itself — raw secrets included — so it is
 * scanned here and only hashed, redacted exposures leave the process; the source event
 * carries the resource reference alone.
 */
export function postmanRoutes(options: PostmanRoutesOptions) {
  const now = options.now ?? Date.now;
  return async (scope: FastifyInstance, context: IngestContext) => {
    rawJsonBodies(scope, context.bodySlots);

    // Both headers present and the timestamp within the window: checked before the body is read.
    const signatureHeaders = async (request: FastifyRequest, reply: FastifyReply) => {
      const timestampHeader = headerValue(request.headers, 'x-postman-timestamp');
      if (!headerValue(request.headers, 'x-postman-signature') || !timestampHeader) {
        refuseBeforeBody(reply, new HttpError(401, 'missing_signature', 'X-Postman-Signature and X-Postman-Timestamp are required'));
      }
      const timestamp = parseTimestamp(timestampHeader);
      if (timestamp === undefined || !withinWindow(timestamp, now())) {
        refuseBeforeBody(reply, new HttpError(401, 'stale_timestamp', 'X-Postman-Timestamp is more than 5 minutes away'));
      }
    };

    scope.post('/webhooks/postman', { bodyLimit: WEBHOOK_MAX_BYTES, onRequest: signatureHeaders }, async (request, reply) => {
      const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
      const signature = headerValue(request.headers, 'x-postman-signature') ?? '';
      const timestampHeader = headerValue(request.headers, 'x-postman-timestamp') ?? '';
      if (!verifySha256Signature(options.webhookSecret, signature, `${timestampHeader}.`, raw)) {
        throw new HttpError(401, 'invalid_signature', 'X-Postman-Signature does not match the timestamp and body');
      }

      const parsed = PostmanEvent.safeParse(parseJson(raw), { reportInput: false });
      if (!parsed.success) {
        const unsupported = parsed.error.issues.some((i) => i.path.join('.') === 'resource.type');
        throw new HttpError(
          400,
          unsupported ? 'unsupported_resource' : 'invalid_payload',
          unsupported ? 'resource.type must be workspace, collection, environment, api, documentation or globals' : 'not a Postman event',
        );
      }
      const event = parsed.data;
      if (!isPublic(event.resource.visibility) && !options.scanPrivate)
        return reply.code(202).send({ status: 'ignored', reason: 'not_public', deliveryId: event.id });

      const resource = { type: event.resource.type, id: event.resource.id, workspaceId: event.resource.workspaceId, url: event.resource.url };
      const data: EventData = { resource, eventType: event.type, scannedInline: event.content !== undefined, public: isPublic(event.resource.visibility) };
      const publications = [
        {
          topic: context.topics.sourceEvents,
          messages: [
            sourceEventMessage({ provider: 'postman', kind: event.type, deliveryId: event.id, resourceId: `${resource.type}:${resource.id}`, data }, context),
          ],
        },
      ];
      if (event.content !== undefined) {
        const detectedAt = new Date();
        const exposures = eventExposures(scanResource(context.scanner, resource, event.content), {
          source: context.service,
          correlationId: event.id,
          detectedAt,
          publishedAt: detectedAt,
          maxPerEvent: context.limits.maxExposuresPerEvent,
          public: data.public,
          summaryLocation: resourceLocation(resource),
        });
        publications.push({ topic: context.topics.exposures, messages: exposures });
      }
      const outcome = await context.gate.accept('postman', event.id, publications);
      return reply.code(outcome === 'duplicate' ? 200 : 202).send({ status: outcome, deliveryId: event.id });
    });
  };
}
