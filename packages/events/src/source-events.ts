import { z } from 'zod';
import { envelopeOf } from './envelope.js';

export const Provider = z.enum(['github', 'gitlab', 'postman']);
export type Provider = z.infer<typeof Provider>;

/**
 * A provider event as received and verified by an ingest receiver, normalised just enough to
 * route it: the worker of the same service reads `data` with its own provider schema.
 * Carries no secrets (partner alerts never become source events: they are hashed at the edge).
 */
export const SourceEventReceived = envelopeOf(
  'source.event.received',
  z.object({
    provider: Provider,
    /** Provider event name, e.g. `push`, `Tag Push Hook`, `collection.updated`. */
    kind: z.string().min(1),
    /** The provider's delivery id: the dedup key. */
    deliveryId: z.string().min(1),
    /** What the event is about, e.g. `octocat/Hello-World` or a collection id. */
    resourceId: z.string().min(1),
    receivedAt: z.iso.datetime({ offset: true }),
    data: z.record(z.string(), z.unknown()),
  }),
);
export type SourceEventReceived = z.infer<typeof SourceEventReceived>;
