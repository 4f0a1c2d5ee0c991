import { flag, serviceFields } from '@keyguard/config';
import { z } from 'zod';

/** The variables every ingest service reads besides its provider's own: declared once, here. */
export const ingestFields = {
  /** Scan private repositories and resources too (only public ones by default). */
  SCAN_PRIVATE: flag(false),
  /** Run the worker in this process (false: receiver only, with workers scaled out separately). */
  INGEST_WORKER: flag(true),
  /** Serve the webhook routes (false: a worker-only process; health endpoints stay up). */
  INGEST_RECEIVER: flag(true),
  /** How long Kafka may take to acknowledge before the sender gets 503 (GitHub gives up after 10 s). */
  PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(9000).default(3000),
};

const { PORT: _port, ...defaults } = z.object({ ...serviceFields(0), ...ingestFields }).parse({});

/**
 * The operational switches every ingest service has, with the defaults its env schema gives
 * them: `startService` callers (tests, embedders) may leave them out.
 */
export const ingestDefaults: Readonly<typeof defaults> = defaults;

type Defaulted = keyof typeof ingestDefaults;

/** A service's full config with the defaulted switches optional. */
export type IngestServiceConfig<C> = Omit<C, Defaulted> & Partial<Pick<C, Extract<Defaulted, keyof C>>>;

export function withIngestDefaults<C>(input: IngestServiceConfig<C>): C {
  return { ...ingestDefaults, ...input } as C;
}
