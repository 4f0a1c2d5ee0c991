/** The OpenAPI 3.1 document served at /api/v1/openapi.json: the contract the dashboard builds on. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const common = { 401: error('Missing, unknown, disabled, revoked or expired key') };
const adminOnly = { ...common, 403: error('Caller is not a team admin or super admin') };
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const dateTime = { type: 'string', format: 'date-time' };
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: nullable({ type: 'string' }), total: { type: 'integer' } },
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Keyguard keys API',
    version: '1.0.0',
    description:
      'Manage a team\'s API keys (Postman format), exposures, findings, settings and audit log. Authenticate with `Authorization: Bearer <key>`, `X-Api-Key: <key>`, or the `keyguard_session` cookie from POST /session (cookie-authenticated POST/PATCH/DELETE need `X-Requested-With: keyguard` or a same-origin `Origin`). Errors are `{ error, message, ...details }`.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }, { apiKey: [] }, { session: [] }],
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      session: { type: 'apiKey', in: 'cookie', name: 'keyguard_session' },
    },
    schemas: {
      Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } },
      User: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, role: { enum: ['member', 'team_admin', 'super_admin'] } },
      },
      Actor: { type: 'object', properties: { type: { enum: ['user', 'system'] }, id: { type: 'string' }, name: { type: 'string' } } },
      Location: {
        type: 'object',
        properties: {
          source: { enum: ['github', 'gitlab', 'postman'] },
          kind: { type: 'string' },
          url: { type: 'string' },
          repository: { type: 'string' },
          commit: { type: 'string' },
          path: { type: 'string' },
          line: { type: 'integer' },
          resourceType: { type: 'string' },
          resourceId: { type: 'string' },
          workspaceId: { type: 'string' },
          jsonPath: { type: 'string' },
          detectedAt: dateTime,
        },
      },
      Key: {
        type: 'object',
        required: ['id', 'name', 'preview', 'status', 'createdBy', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt', 'revocation', 'exposure'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          preview: { type: 'string', examples: ['PMAK-…a1b2'] },
          status: { enum: ['enabled', 'disabled', 'revoked'] },
          createdBy: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } } },
          createdAt: dateTime,
          expiresAt: nullable(dateTime),
          lastUsedAt: nullable(dateTime),
          revokedAt: nullable(dateTime),
          revocation: nullable({ type: 'object', properties: { reason: { enum: ['admin', 'expired', 'exposure_auto'] }, actor: ref('Actor') } }),
          exposure: nullable({ type: 'object', properties: { detectedAt: dateTime, location: nullable(ref('Location')) } }),
        },
      },
      IssuedKey: { allOf: [ref('Key'), { type: 'object', required: ['key'], properties: { key: { type: 'string', description: 'The full key. Shown this once; Keyguard keeps only its SHA-256.' } } }] },
      Exposure: {
        allOf: [
          ref('Key'),
          {
            type: 'object',
            properties: {
              detectedAt: dateTime,
              locations: { type: 'array', items: ref('Location') },
              finding: nullable({ type: 'object', properties: { id: { type: 'string' }, status: { enum: ['open', 'resolved'] }, resolution: nullable({ type: 'string' }) } }),
            },
          },
        ],
      },
      Finding: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          tokenHash: { type: 'string', description: 'hex SHA-256 of the secret' },
          ruleId: { type: 'string' },
          redacted: { type: 'string' },
          confidence: { enum: ['high', 'medium', 'low'] },
          keyId: nullable({ type: 'string' }),
          status: { enum: ['open', 'resolved'] },
          resolution: nullable({ enum: ['revoked', 'false_positive', 'wont_fix', 'ignored'] }),
          locations: { type: 'array', items: ref('Location') },
          firstSeen: dateTime,
          lastSeen: dateTime,
          history: {
            type: 'array',
            items: {
              type: 'object',
              properties: { at: dateTime, action: { enum: ['detected', 'location_added', 'reopened', 'resolved', 'key_revoked'] }, actor: ref('Actor'), status: { type: 'string' }, resolution: { type: 'string' }, note: { type: 'string' } },
            },
          },
        },
      },
      Settings: {
        type: 'object',
        properties: {
          allowMemberKeyGeneration: { type: 'boolean' },
          keyExpiryDays: nullable({ type: 'integer', minimum: 1 }),
          autoRevokeExposed: { type: 'boolean' },
          securityContacts: { type: 'array', items: { type: 'string', format: 'email' }, description: 'Alerted about every exposure of the team\'s keys and third-party findings' },
          digestWindowMs: nullable({ type: 'integer', minimum: 60000, maximum: 86400000, description: 'The team\'s alert digest window; null: the operator default applies' }),
          digestWindowDefaultMs: { type: 'integer', description: 'KEYGUARD_DIGEST_WINDOW_MS (read-only)' },
          relayThirdPartyTokens: { type: 'boolean', description: 'Report GitHub tokens found in public to GitHub for revocation' },
        },
      },
      Channel: {
        type: 'object',
        required: ['id', 'type', 'url', 'events', 'createdAt', 'updatedAt'],
        properties: {
          id: { type: 'string' },
          type: { enum: ['webhook', 'slack'] },
          url: { type: 'string' },
          events: { type: 'array', items: { enum: ['exposure.detected', 'key.revoked', 'finding.created', 'finding.resolved'] } },
          createdAt: dateTime,
          updatedAt: dateTime,
        },
      },
      Delivery: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          event: { type: 'string' },
          eventId: { type: 'string' },
          status: { enum: ['pending', 'delivering', 'succeeded', 'failed'] },
          attempts: { type: 'integer' },
          lastStatus: nullable({ type: 'integer' }),
          lastError: nullable({ type: 'string' }),
          createdAt: dateTime,
          nextAttemptAt: nullable(dateTime),
          deliveredAt: nullable(dateTime),
        },
      },
      AuditEntry: {
        type: 'object',
        properties: { id: { type: 'string' }, at: dateTime, actor: ref('Actor'), action: { type: 'string', examples: ['key.revoked', 'settings.updated'] }, target: { type: 'object' }, details: { type: 'object' } },
      },
    },
  },
  paths: {
    '/session': {
      post: {
        summary: 'Open a browser session with an API key: sets the HttpOnly, SameSite=Strict cookie keyguard_session',
        security: [],
        requestBody: body({ type: 'object', required: ['apiKey'], properties: { apiKey: { type: 'string' } } }),
        responses: { 204: { description: 'Session opened (Set-Cookie)' }, 401: error('Unknown or unusable key') },
      },
      delete: { summary: 'Close the session and clear the cookie', security: [], responses: { 204: { description: 'Closed' } } },
    },
    '/me': { get: { summary: 'The caller, their team and settings', responses: { 200: json({ allOf: [ref('User'), { type: 'object', properties: { team: { type: 'object' }, keyId: { type: 'string' }, authenticatedBy: { enum: ['api_key', 'session'] } } }] }), ...common } } },
    '/users': {
      get: { summary: 'Team members (admins)', responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('User') } } }), ...adminOnly } },
      post: {
        summary: 'Add a member and issue their first key (shown once)',
        requestBody: body({ type: 'object', required: ['email', 'name'], properties: { email: { type: 'string' }, name: { type: 'string' }, role: { enum: ['member', 'team_admin', 'super_admin'] } } }),
        responses: { 201: json({ type: 'object', properties: { user: ref('User'), key: ref('IssuedKey') } }, 'Created'), 409: error('EMAIL_TAKEN'), ...adminOnly },
      },
    },
    '/keys': {
      get: {
        summary: 'List keys: admins see every team key, members their own',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string' }, description: 'comma-separated: enabled,disabled,revoked' },
          { name: 'createdBy', in: 'query', schema: { type: 'string' } },
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'a full key value (matched by its SHA-256)' },
          {
            name: 'keyHash',
            in: 'query',
            schema: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
            description: 'the hex SHA-256 of a full key value: the same search without the key in the URL (the dashboard uses it)',
          },
          { name: 'sort', in: 'query', schema: { enum: ['newest', 'oldest', 'recently_used'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: json(page('Key')), ...common },
      },
      post: {
        summary: 'Generate a key (shown once). The team expiry, when set, overrides expiresAt',
        requestBody: body({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, expiresAt: nullable(dateTime) } }),
        responses: { 201: json(ref('IssuedKey'), 'Created'), 403: error('The team disallows member key generation'), 401: common[401] },
      },
    },
    '/keys/{id}': { get: { parameters: idParam, responses: { 200: json(ref('Key')), 404: error('No such key (or not yours)'), ...common } } },
    '/keys/{id}/disable': { post: { parameters: idParam, responses: { 200: json(ref('Key')), 404: error('Not found'), 409: error('KEY_REVOKED'), ...common } } },
    '/keys/{id}/enable': { post: { parameters: idParam, responses: { 200: json(ref('Key')), 404: error('Not found'), 409: error('KEY_REVOKED'), ...common } } },
    '/keys/{id}/revoke': { post: { summary: 'Revoke (idempotent); emails the owner, resolves an exposure finding', parameters: idParam, responses: { 200: json(ref('Key')), 404: error('Not found'), ...common } } },
    '/keys/revoke': {
      post: {
        summary: 'Bulk revoke (members: only their own keys)',
        requestBody: body({ type: 'object', required: ['ids'], properties: { ids: { type: 'array', items: { type: 'string' } } } }),
        responses: { 200: json({ type: 'object', properties: { revoked: { type: 'integer' } } }), ...common },
      },
    },
    '/keys/revoke-all': {
      post: {
        summary: "Revoke every team key except the one making the request (admins)",
        requestBody: body({ type: 'object', required: ['confirm'], properties: { confirm: { const: true } } }),
        responses: { 200: json({ type: 'object', properties: { revoked: { type: 'integer' }, owners: { type: 'integer' } } }), 400: error('CONFIRM_REQUIRED'), ...adminOnly },
      },
    },
    '/exposures': { get: { summary: 'Exposed API keys: detection date, last used, every location, status', responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('Exposure') } } }), ...adminOnly } } },
    '/findings': {
      get: {
        summary: 'Every scanner finding (third-party secrets too), with history',
        parameters: [
          { name: 'status', in: 'query', schema: { enum: ['open', 'resolved'] } },
          { name: 'ruleId', in: 'query', schema: { type: 'string' } },
          { name: 'source', in: 'query', schema: { enum: ['github', 'gitlab', 'postman'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: json(page('Finding')), ...adminOnly },
      },
    },
    '/findings/{id}': {
      get: { parameters: idParam, responses: { 200: json(ref('Finding')), 404: error('Not found'), ...adminOnly } },
      patch: {
        summary: 'Resolve (false_positive | wont_fix | revoked — revoked on one of our keys revokes it) or reopen',
        parameters: idParam,
        requestBody: body({ type: 'object', required: ['status'], properties: { status: { enum: ['resolved', 'open'] }, resolution: { enum: ['false_positive', 'wont_fix', 'revoked'] } } }),
        responses: { 200: json(ref('Finding')), 404: error('Not found'), ...adminOnly },
      },
    },
    '/settings': {
      get: { responses: { 200: json(ref('Settings')), ...adminOnly } },
      patch: {
        summary: 'Change team settings',
        requestBody: body({
          type: 'object',
          properties: {
            allowMemberKeyGeneration: { type: 'boolean' },
            keyExpiryDays: nullable({ type: 'integer', minimum: 1 }),
            autoRevokeExposed: { type: 'boolean' },
            existingExposed: { enum: ['revoke', 'ignore'], description: 'Required to turn autoRevokeExposed on while exposed keys exist' },
            securityContacts: { type: 'array', items: { type: 'string', format: 'email' }, maxItems: 20 },
            digestWindowMs: nullable({ type: 'integer', minimum: 60000, maximum: 86400000 }),
            relayThirdPartyTokens: { type: 'boolean' },
            confirm: { type: 'boolean', description: 'Required when keyExpiryDays expires keys at once, and to turn relayThirdPartyTokens on' },
          },
        }),
        responses: {
          200: json({ allOf: [ref('Settings'), { type: 'object', properties: { expiresNow: { type: 'integer', description: 'keys expired (revoked) at once' }, revokedExposed: { type: 'integer' } } }] }),
          409: json(
            {
              oneOf: [
                { type: 'object', description: 'EXPOSED_KEYS_EXIST', properties: { error: { const: 'EXPOSED_KEYS_EXIST' }, code: { const: 'EXPOSED_KEYS_EXIST' }, message: { type: 'string' }, exposedCount: { type: 'integer' }, keys: { type: 'array', items: ref('Key') } } },
                { type: 'object', description: 'CONFIRM_EXPIRY', properties: { error: { const: 'CONFIRM_EXPIRY' }, code: { const: 'CONFIRM_EXPIRY' }, message: { type: 'string' }, expiresNow: { type: 'integer' } } },
                { type: 'object', description: 'CONFIRM_RELAY: what turning the relay on does', properties: { error: { const: 'CONFIRM_RELAY' }, code: { const: 'CONFIRM_RELAY' }, message: { type: 'string' } } },
              ],
            },
            'Needs a decision: existingExposed, or confirm',
          ),
          ...adminOnly,
        },
      },
    },
    '/notification-channels': {
      get: { summary: 'The team\'s notification channels', responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('Channel') } } }), ...adminOnly } },
      post: {
        summary: 'Add a webhook or Slack channel; the signing secret is answered once',
        requestBody: body({ type: 'object', required: ['type', 'url', 'events'], properties: { type: { enum: ['webhook', 'slack'] }, url: { type: 'string' }, events: { type: 'array', minItems: 1, items: { enum: ['exposure.detected', 'key.revoked', 'finding.created', 'finding.resolved'] } } } }),
        responses: {
          201: json({ allOf: [ref('Channel'), { type: 'object', required: ['secret'], properties: { secret: { type: 'string', description: 'whsec_…: verifies X-Keyguard-Signature; shown once' } } }] }, 'Created'),
          400: error('Invalid body or URL (scheme, or a private/loopback/link-local address)'),
          409: error('channels_unavailable: KEYGUARD_CHANNEL_ENCRYPTION_KEY is not set'),
          ...adminOnly,
        },
      },
    },
    '/notification-channels/{id}': {
      patch: {
        parameters: idParam,
        requestBody: body({ type: 'object', properties: { url: { type: 'string' }, events: { type: 'array', items: { type: 'string' } } } }),
        responses: { 200: json(ref('Channel')), 400: error('Invalid body or URL'), 404: error('No such channel'), ...adminOnly },
      },
      delete: { parameters: idParam, responses: { 204: { description: 'Deleted (with its delivery log)' }, 404: error('No such channel'), ...adminOnly } },
    },
    '/notification-channels/{id}/test': {
      post: { summary: 'Queue a channel.test delivery', parameters: idParam, responses: { 202: json({ type: 'object', properties: { delivery: ref('Delivery') } }, 'Queued'), 404: error('No such channel'), ...adminOnly } },
    },
    '/notification-channels/{id}/deliveries': {
      get: {
        summary: 'The channel\'s latest deliveries: status, attempts, last error',
        parameters: [...idParam, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } }],
        responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('Delivery') } } }), 404: error('No such channel'), ...adminOnly },
      },
    },
    '/audit': {
      get: {
        summary: 'Who did what, when (revocations by admins, the policy and the expiry sweeper included)',
        parameters: [
          { name: 'action', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: json(page('AuditEntry')), ...adminOnly },
      },
    },
  },
} as const;
