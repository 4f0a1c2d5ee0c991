import { randomUUID } from 'node:crypto';
import type { Provider } from '@keyguard/events';
import { type FastifyReply, type FastifyRequest, HttpError } from '@keyguard/runtime';
import type { PartnerAlertVerifier } from './partner-alert-verifier.js';
import { issuedKeysIn, type PartnerFeedback, PartnerMatches, partnerAlertExposures } from './partner-alerts.js';
import { headerValue, parseJson, refuseBeforeBody } from './raw-body.js';
import type { IngestContext } from './service-runtime.js';

export interface PartnerAlertHandlerOptions {
  provider: Provider;
  verifier: PartnerAlertVerifier;
  /** How the provider's matches look, for the 400 message. */
  expected: string;
}

/**
 * The partner-alert endpoint GitHub and GitLab share: verify the signature over the raw body,
 * parse, hash and label each token at the edge, publish the exposures (acknowledged by Kafka
 * before the answer), and answer the feedback array.
 */
export function partnerAlertHandler(context: IngestContext, options: PartnerAlertHandlerOptions) {
  const issuedKeys = issuedKeysIn(context.store);
  return async (request: FastifyRequest): Promise<PartnerFeedback[]> => {
    const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
    const verified = await options.verifier.verify(raw, request.headers);
    if (!verified.ok) throw new HttpError(verified.status, verified.code, verified.message);
    const matches = PartnerMatches.safeParse(parseJson(raw), { reportInput: false });
    if (!matches.success) throw new HttpError(400, 'invalid_payload', `expected a JSON array of ${options.expected}`);
    const correlationId = randomUUID();
    const { messages, feedback } = await partnerAlertExposures({
      provider: options.provider,
      matches: matches.data,
      scanner: context.scanner,
      issuedKeys,
      service: context.service,
      correlationId,
    });
    await context.gate.publish([{ topic: context.topics.exposures, messages }]);
    request.log.info(
      { correlationId, matches: matches.data.length, exposures: messages.length, keyIdentifier: verified.keyIdentifier },
      'partner alert accepted',
    );
    return feedback;
  };
}

/** An `onRequest` hook: an alert without both signature headers is refused before its body is read. */
export function partnerSignatureHeaders(headerPrefix: string) {
  const id = `${headerPrefix}-public-key-identifier`;
  const signature = `${headerPrefix}-public-key-signature`;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!headerValue(request.headers, id) || !headerValue(request.headers, signature)) {
      refuseBeforeBody(reply, new HttpError(401, 'missing_signature', `${id} and ${signature} are required`));
    }
  };
}
