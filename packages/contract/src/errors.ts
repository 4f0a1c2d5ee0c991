import { z } from 'zod';

/**
 * Every error answer: `{ error, message, ...details }`, where `error` is a stable code
 * (`invalid_request`, `unauthorized`, `forbidden`, `not_found`, `KEY_REVOKED`, …) and
 * `message` a sentence for people. A 400 from validation adds `issues` (paths, never values).
 */
export const ApiError = z
  .object({
    error: z.string().describe('stable code: invalid_request, unauthorized, forbidden, csrf_rejected, not_found, KEY_REVOKED, …'),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
export type ApiError = z.output<typeof ApiError>;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

/** The error answers an endpoint can give, each with the one error shape. */
export function errors<const S extends ErrorStatus>(...statuses: S[]): { [K in S]: typeof ApiError } {
  return Object.fromEntries(statuses.map((s) => [s, ApiError])) as { [K in S]: typeof ApiError };
}

/** A request with a JSON body can also fail as malformed (400), too large (413) or not JSON (415). */
export const bodyErrors = [400, 413, 415] as const;

/**
 * Authenticated endpoints: 401 without a usable key or session; 429 (with Retry-After) once the
 * caller's address failed to authenticate too often. Writes: 403 for a cookie write without the
 * CSRF header.
 */
export const authErrors = [401, 429] as const;
