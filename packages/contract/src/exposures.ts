import { z } from 'zod';
import { DateTime, Location } from './common.js';
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

export const ExposureList = z.object({ items: z.array(Exposure) });

export const listExposures = endpoint({
  method: 'GET',
  url: '/exposures',
  schema: {
    summary: 'Exposed API keys (admins): detection date, last use, every location, finding status',
    tags: ['exposures'],
    response: { 200: ExposureList, ...errors(...authErrors, 403) },
  },
});
