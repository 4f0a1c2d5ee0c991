import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * Every Kafka message is this envelope, validated by zod when produced and when consumed.
 * `source` names the producing service; `correlationId` follows one delivery through every hop.
 */
export const envelopeFields = {
  id: z.string().min(1),
  version: z.literal(1),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  correlationId: z.string().min(1),
};

export function envelopeOf<Type extends string, Payload extends z.ZodType>(type: Type, payload: Payload) {
  return z.object({ ...envelopeFields, type: z.literal(type), payload });
}

/** Any envelope, payload unchecked: what a consumer can read before it knows the type. */
export const AnyEnvelope = z.object({ ...envelopeFields, type: z.string().min(1), payload: z.unknown() });
export type AnyEnvelope = z.infer<typeof AnyEnvelope>;

export interface EnvelopeInit {
  source: string;
  correlationId?: string;
  /** Deterministic ids make re-processing idempotent (same input → same event id). */
  id?: string;
  occurredAt?: Date | string;
}

export function createEnvelope<Type extends string, Payload>(type: Type, payload: Payload, init: EnvelopeInit) {
  const id = init.id ?? randomUUID();
  const occurredAt = init.occurredAt ?? new Date();
  return {
    id,
    type,
    version: 1 as const,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
    source: init.source,
    correlationId: init.correlationId ?? id,
    payload,
  };
}
