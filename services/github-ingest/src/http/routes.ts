import { createHash } from 'node:crypto';
import { verifyWithFallback } from '@octokit/webhooks-methods';
import {
  GITHUB_MAX_PAYLOAD_BYTES,
  type IngestContext,
  type PartnerAlertVerifier,
  type Publication,
  parseJson,
  partnerAlertHandler,
  partnerSignatureHeaders,
  rawJsonBodies,
  refuseBeforeBody,
  scanJobId,
  scanRequestMessage,
  sourceEventMessage,
  headerValue,
} from '@keyguard/ingest-kit';
import type { FastifyReply, FastifyRequest } from '@keyguard/runtime';
import { type FastifyInstance, HttpError } from '@keyguard/runtime';
import type { z } from 'zod';
import {
  type Backfill,
  decideInstallation,
  decideInstallationRepositories,
  InstallationPayload,
  InstallationRepositoriesPayload,
} from '../domain/installation.js';
import { decidePush, decideVisibility, PushPayload, VisibilityPayload } from '../domain/push.js';

const PARTNER_MAX_BYTES = 5 * 1024 * 1024;
const SUPPORTED = ['push', 'public', 'repository', 'installation', 'installation_repositories', 'ping'] as const;
const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');

export interface GithubRoutesOptions {
  webhookSecret: string;
  /** A GitHub App's webhook secret, accepted beside webhookSecret. */
  appWebhookSecret?: string;
  /** App credentials are set: installation backfills list repositories through the API. */
  appMode: boolean;
  scanPrivate: boolean;
  partnerVerifier: PartnerAlertVerifier;
}

/**
 * `POST /webhooks/github`: X-Hub-Signature-256 checked by @octokit/webhooks-methods over the raw body
 * before anything parses it; deduplicated on X-GitHub-Delivery and on a digest of the body
 * (the signature does not cover the delivery id, so a captured delivery could be replayed
 * under a new one); answered only after Kafka acknowledged the source event. `POST /secret-scanning/github`: GitHub's partner alerts.
 */
export function githubRoutes(options: GithubRoutesOptions) {
  // a repository webhook's secret, and the App's when it has its own (@octokit/webhooks-methods compares in constant time)
  const additionalSecrets = options.appWebhookSecret && options.appWebhookSecret !== options.webhookSecret ? [options.appWebhookSecret] : undefined;

  /** One history scan job per repository of a backfill; an App-mode installation lists its repositories first. */
  function backfill(backfill: Extract<Backfill, { scan: true }>, deliveryId: string, service: string) {
    if (backfill.repositories === undefined) {
      const target = `installation:${backfill.installationId}`;
      return [
        scanRequestMessage(
          {
            jobId: scanJobId('github', deliveryId, target),
            provider: 'github',
            kind: 'installation',
            target,
            reason: 'installation',
            installationId: backfill.installationId,
          },
          { source: service, correlationId: deliveryId },
        ),
      ];
    }
    return backfill.repositories.map((repository) =>
      scanRequestMessage(
        {
          jobId: scanJobId('github', deliveryId, repository),
          provider: 'github',
          kind: 'history',
          target: repository,
          reason: 'installation',
          installationId: backfill.installationId,
        },
        { source: service, correlationId: deliveryId },
      ),
    );
  }

  return async (scope: FastifyInstance, context: IngestContext) => {
    rawJsonBodies(scope, context.bodySlots);

    // What can be checked before the body is read: the headers every delivery carries.
    const deliveryHeaders = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!headerValue(request.headers, 'x-hub-signature-256'))
        refuseBeforeBody(reply, new HttpError(401, 'missing_signature', 'X-Hub-Signature-256 is required'));
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
      if (!(await verifyWithFallback(options.webhookSecret, text, signature, additionalSecrets).catch(() => false)))
        throw new HttpError(401, 'invalid_signature', 'X-Hub-Signature-256 does not match the body');

      const event = headerValue(request.headers, 'x-github-event');
      const deliveryId = headerValue(request.headers, 'x-github-delivery');
      if (!event || !deliveryId) throw new HttpError(400, 'missing_headers', 'X-GitHub-Event and X-GitHub-Delivery are required');
      const payload = parseJson(text);
      if (payload === undefined) throw new HttpError(400, 'invalid_json', 'the body is not JSON');

      if (event === 'ping') return reply.code(200).send({ status: 'pong' });
      let publication: Publication;
      if (event === 'push') {
        const parsed = PushPayload.safeParse(payload, { reportInput: false });
        if (!parsed.success) throw new HttpError(400, 'invalid_payload', 'not a push payload');
        const decision = decidePush(parsed.data, options.scanPrivate);
        if (!decision.scan) return reply.code(202).send({ status: 'ignored', reason: decision.reason, deliveryId });
        const resourceId = parsed.data.repository.full_name;
        const message = sourceEventMessage({ provider: 'github', kind: 'push', deliveryId, resourceId, data: decision.data }, context);
        publication = { topic: context.topics.sourceEvents, messages: [message] };
      } else if (event === 'public' || event === 'repository') {
        const parsed = VisibilityPayload.safeParse(payload, { reportInput: false });
        if (!parsed.success) throw new HttpError(400, 'invalid_payload', `not a ${event} payload`);
        const decision = decideVisibility(event, parsed.data);
        if (!decision.scan) return reply.code(202).send({ status: 'ignored', reason: decision.reason, deliveryId });
        // the whole history is now public: a scan job for github-ingest's scan-job worker
        const jobId = scanJobId('github', deliveryId);
        const { repository, repositoryUrl, sizeKb, installationId } = decision.data;
        const message = scanRequestMessage(
          { jobId, provider: 'github', kind: 'history', target: repository, reason: 'publicized', webUrl: repositoryUrl, sizeKb, installationId },
          { source: context.service, correlationId: deliveryId },
        );
        publication = { topic: context.topics.scanRequests, messages: [message] };
      } else if (event === 'installation' || event === 'installation_repositories') {
        const parsed = (event === 'installation' ? InstallationPayload : InstallationRepositoriesPayload).safeParse(payload, { reportInput: false });
        if (!parsed.success) throw new HttpError(400, 'invalid_payload', `not an ${event} payload`);
        const decision =
          event === 'installation'
            ? decideInstallation(parsed.data as z.infer<typeof InstallationPayload>, options.appMode, options.scanPrivate)
            : decideInstallationRepositories(parsed.data as z.infer<typeof InstallationRepositoriesPayload>, options.scanPrivate);
        if (!decision.scan) return reply.code(202).send({ status: 'ignored', reason: decision.reason, deliveryId });
        publication = { topic: context.topics.scanRequests, messages: backfill(decision, deliveryId, context.service) };
      } else {
        throw new HttpError(400, 'unsupported_event', `event ${event.slice(0, 64)} is not handled`, { supported: [...SUPPORTED] });
      }
      const outcome = await context.gate.accept('github', deliveryId, [publication], { bodyDigest: sha256Hex(raw) });
      return reply.code(outcome === 'duplicate' ? 200 : 202).send({ status: outcome, deliveryId });
    });

    const partnerAlert = partnerAlertHandler(context, { provider: 'github', verifier: options.partnerVerifier, expected: '{ token, type, url, source }' });
    scope.post('/secret-scanning/github', { bodyLimit: PARTNER_MAX_BYTES, onRequest: partnerSignatureHeaders('github') }, async (request, reply) =>
      reply.code(200).send(await partnerAlert(request)),
    );
  };
}
