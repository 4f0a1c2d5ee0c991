import { z } from 'zod';
import { endpoint } from './endpoint.js';

/** What the document says about itself (the rest of it is generated from the endpoints). */
export const openApiInfo = {
  title: 'Keyguard keys API',
  version: '1.0.0',
  description:
    "Manage a team's API keys (Postman format), exposures, findings, settings and audit log. Authenticate with `Authorization: Bearer <key>`, `X-Api-Key: <key>`, or the `keyguard_session` cookie from POST /session (cookie-authenticated POST/PATCH/DELETE need `X-Requested-With: keyguard` or a same-origin `Origin`). Errors are `{ error, message, ...details }` with a stable `error` code.",
};

export const securitySchemes = {
  bearer: { type: 'http', scheme: 'bearer' },
  apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  session: { type: 'apiKey', in: 'cookie', name: 'keyguard_session' },
} as const;

export const getOpenApi = endpoint({
  method: 'GET',
  url: '/openapi.json',
  schema: {
    summary: 'This document (OpenAPI 3.1)',
    tags: ['meta'],
    security: [],
    response: { 200: z.looseObject({ openapi: z.string() }) },
  },
});
