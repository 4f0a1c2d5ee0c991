import type { ExpirySweeper, Revoker } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { FindingResolvedPayload } from '@keyguard/events';
import type { SecretBox } from '@keyguard/seal';
import type { ChannelDeliveryRepository, ChannelRepository, Store } from '@keyguard/store';
import type { z } from 'zod';
import type { AuditRepository } from '../adapters/audit.js';
import type { KeyIssuer } from '../adapters/issue.js';
import type { KeyQueries } from '../adapters/keys.js';
import type { SessionRepository } from '../adapters/sessions.js';
import type { Config } from '../config.js';
import type { createAuthenticator } from './auth.js';

/** What the route modules share. */
export interface ApiContext {
  config: Config;
  store: Store;
  keys: KeyQueries;
  issuer: KeyIssuer;
  audit: AuditRepository;
  sessions: SessionRepository;
  revoker: Revoker;
  sweeper: ExpirySweeper;
  auth: ReturnType<typeof createAuthenticator>;
  channels: ChannelRepository;
  deliveries: ChannelDeliveryRepository;
  /** Encrypts channel signing secrets at rest; null when KEYGUARD_CHANNEL_ENCRYPTION_KEY is not set. */
  secretBox: SecretBox | null;
  /** Publishes `finding.resolved` for the notifier (channels). */
  findingResolved(payload: FindingResolvedPayload): Promise<void>;
}

/** Validates a body or query with zod; a bad request is a 400 naming the fields, never echoing values. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {}, { reportInput: false });
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new HttpError(400, 'invalid_request', issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), { issues });
}
