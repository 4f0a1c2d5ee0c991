import type { ExpirySweeper, KeyStatePublisher, Revoker } from '@keyguard/keys';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FindingResolvedPayload } from '@keyguard/events';
import type { SecretBox } from '@keyguard/seal';
import type {
  AuditRepository,
  ChannelDeliveryRepository,
  ChannelRepository,
  InsightsRepository,
  Repositories,
  ServiceTokenRepository,
  SessionRepository,
  Store,
} from '@keyguard/store';
import type { KeyIssuer } from '../adapters/issue.js';
import type { KeyQueries } from '../adapters/keys.js';
import type { ScanRequests } from '../adapters/scans.js';
import type { Config } from '../config.js';
import type { createAuthenticator } from './auth.js';
import type { AuthThrottle } from './rate-limits.js';
import type { VerifyCallers } from './verify-callers.js';
import type { VerifySteps } from './verify-steps.js';
import type { ScimCallers } from './scim/callers.js';
import type { Deprovisioner } from '../adapters/deprovision.js';
import type { Oidc } from '../adapters/oidc.js';

/** What the route modules share. */
export interface ApiContext {
  config: Config;
  store: Store;
  /** The store's repositories (every collection): routes reach MongoDB only through them. */
  repos: Repositories;
  keys: KeyQueries;
  issuer: KeyIssuer;
  audit: AuditRepository;
  insights: InsightsRepository;
  sessions: SessionRepository;
  throttle: AuthThrottle;
  revoker: Revoker;
  keyState: KeyStatePublisher;
  sweeper: ExpirySweeper;
  scans: ScanRequests;
  auth: ReturnType<typeof createAuthenticator>;
  serviceTokens: ServiceTokenRepository;
  verifyCallers: VerifyCallers;
  /** Identity providers calling /scim/v2 with a SCIM API key. */
  scimCallers: ScimCallers;
  /** Single sign-on (OpenID Connect), when OIDC_ISSUER is set. */
  oidc: Oidc | null;
  /** Deactivation: sessions end, keys are revoked (`deprovisioned`). */
  deprovisioner: Deprovisioner;
  /** POST /keys/verify's steps, run by its route and by the hot path below Fastify. */
  verifySteps: VerifySteps;
  channels: ChannelRepository;
  deliveries: ChannelDeliveryRepository;
  /** Encrypts channel signing secrets at rest; null when KEYGUARD_CHANNEL_ENCRYPTION_KEY is not set. */
  secretBox: SecretBox | null;
  /** Publishes `finding.resolved` for the notifier (channels). */
  findingResolved(payload: FindingResolvedPayload): Promise<void>;
}

/** The /api/v1 scope: routes take their request and answer types from the contract's zod schemas. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
