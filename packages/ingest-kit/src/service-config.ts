/**
 * The operational switches every ingest service has, with the defaults its env schema gives
 * them: `startService` callers (tests, embedders) may leave them out.
 */
import { historyDefaults } from './history-config.js';

export const ingestDefaults = {
  ...historyDefaults,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  SCAN_PRIVATE: false,
  INGEST_WORKER: true,
  INGEST_RECEIVER: true,
  PUBLISH_TIMEOUT_MS: 3000,
} as const;

type Defaulted = keyof typeof ingestDefaults;

/** A service's full config with the defaulted switches optional. */
export type IngestServiceConfig<C> = Omit<C, Defaulted> & Partial<Pick<C, Extract<Defaulted, keyof C>>>;

export function withIngestDefaults<C>(input: IngestServiceConfig<C>): C {
  return { ...ingestDefaults, ...input } as C;
}
