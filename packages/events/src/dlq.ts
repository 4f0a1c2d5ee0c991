import { z } from 'zod';
import { envelopeOf } from './envelope.js';

/**
 * A message a consumer gave up on. The original bytes are kept (base64) so an operator can
 * replay them; they are Keyguard's own messages, which never contain a raw secret.
 */
export const DeadLetter = envelopeOf(
  'dlq.dead_letter',
  z.object({
    originalTopic: z.string(),
    partition: z.number().int(),
    offset: z.string(),
    key: z.string().nullable(),
    /** The original value, unless it was too large to copy (then `valueBytes` gives its size). */
    valueBase64: z.string().nullable(),
    valueBytes: z.number().int().nonnegative().optional(),
    groupId: z.string(),
    reason: z.enum(['invalid', 'handler_failed']),
    error: z.object({ code: z.string(), message: z.string(), retriable: z.boolean() }),
    attempts: z.number().int().nonnegative(),
    failedAt: z.iso.datetime({ offset: true }),
  }),
);
export type DeadLetter = z.infer<typeof DeadLetter>;
