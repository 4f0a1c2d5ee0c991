import type { ExpirySweeper, Revoker } from '@keyguard/keys';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditRepository, Repositories, SessionRepository } from '@keyguard/store';
import type { KeyIssuer } from '../adapters/issue.js';
import type { KeyQueries } from '../adapters/keys.js';
import type { Config } from '../config.js';
import type { createAuthenticator } from './auth.js';

/** What the route modules share. */
export interface ApiContext {
  config: Config;
  /** The store's repositories (every collection); the routes never see MongoDB itself. */
  repos: Repositories;
  keys: KeyQueries;
  issuer: KeyIssuer;
  audit: AuditRepository;
  sessions: SessionRepository;
  revoker: Revoker;
  sweeper: ExpirySweeper;
  auth: ReturnType<typeof createAuthenticator>;
}

/** The /api/v1 scope: routes take their request and answer types from the contract's zod schemas. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
