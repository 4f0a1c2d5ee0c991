import type { ConsumedMessage } from '@keyguard/bus';
import type { ExposureDetected } from '@keyguard/events';
import { findingIdFor, retryingStoreBusy } from '@keyguard/keys';
import type { Logger } from '@keyguard/logger';
import { relayIssuerFor } from '@keyguard/seal';
import type { RelayRepository } from '@keyguard/store';

export interface ExposureHandlerDeps {
  relay: RelayRepository;
  /** True when some team turned `relayThirdPartyTokens` on (read briefly cached). */
  wanted: () => Promise<boolean>;
  logger: Logger;
  onQueued?: (count: number) => void;
}

/**
 * Queues the sealed tokens of exposures for their issuers (exposures without one are not for
 * the relay). Nothing is kept unless a team asked for it: the sealed token is then dropped
 * with the Kafka message when its retention ends. One report per issuer and token, however
 * often the token is found.
 */
export function createExposureHandler({ relay, wanted, logger, onQueued }: ExposureHandlerDeps) {
  async function handle(messages: ConsumedMessage<ExposureDetected>[]): Promise<void> {
    const sealed = messages.filter((m) => m.value.payload.sealedToken && relayIssuerFor(m.value.payload.ruleId));
    if (sealed.length === 0) return;
    if (!(await wanted())) {
      logger.debug({ tokens: sealed.length }, 'third-party tokens not relayed: no team turned relayThirdPartyTokens on');
      return;
    }
    let queued = 0;
    const now = new Date();
    for (const { value } of sealed) {
      const p = value.payload;
      const issuer = relayIssuerFor(p.ruleId)!;
      const isNew = await relay.enqueue({
        _id: `${issuer}:${p.tokenHash}`,
        issuer,
        tokenHash: p.tokenHash,
        findingId: findingIdFor(p.tokenHash),
        ruleId: p.ruleId,
        redacted: p.redacted,
        sealed: p.sealedToken!,
        nextAttemptAt: now,
        createdAt: now,
      });
      if (isNew) queued++;
    }
    if (queued > 0) {
      logger.info({ queued }, 'third-party tokens queued for their issuers');
      onQueued?.(queued);
    }
  }
  return {
    handle: (message: ConsumedMessage<ExposureDetected>) => retryingStoreBusy(() => handle([message])),
    handleBatch: (messages: ConsumedMessage<ExposureDetected>[]) => retryingStoreBusy(() => handle(messages)),
  };
}
