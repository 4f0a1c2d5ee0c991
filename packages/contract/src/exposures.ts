import { z } from 'zod';
import { DateTime, Location, pageOf, paging } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, errors } from './errors.js';
import { Key } from './keys.js';

/** An exposed key of the team: the key, when it was found, every place, and its finding. */
export const Exposure = Key.extend({
  detectedAt: DateTime.nullable(),
  locations: z.array(Location),
  finding: z.object({ id: z.string(), status: z.enum(['open', 'resolved']), resolution: z.string().nullable() }).nullable(),
}).meta({ id: 'Exposure' });
export type Exposure = z.output<typeof Exposure>;

export const ListExposuresQuery = z.object({ ...paging });
export type ListExposuresQuery = z.input<typeof ListExposuresQuery>;

/** A page of exposed keys, most recently detected first; `active`: how many (on every page) are not revoked yet. */
export const ExposurePage = pageOf(Exposure).extend({ total: z.number().int(), active: z.number().int() });
export type ExposurePage = z.output<typeof ExposurePage>;

export const listExposures = endpoint({
  method: 'GET',
  url: '/exposures',
  schema: {
    summary: 'Exposed API keys (admins), paged: detection date, last use, locations, finding status',
    tags: ['exposures'],
    querystring: ListExposuresQuery,
    response: { 200: ExposurePage, ...errors(400, ...authErrors, 403) },
  },
});
