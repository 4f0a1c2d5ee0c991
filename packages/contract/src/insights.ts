import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { authErrors, errors } from './errors.js';

/** Where exposures come from: the three platforms, and partner alerts (a provider told us). */
export const InsightSource = z.enum(['github', 'gitlab', 'postman', 'partner']);
export type InsightSource = z.output<typeof InsightSource>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** The longest range one request may ask for. */
export const MAX_INSIGHTS_DAYS = 366;

export const InsightsQuery = z.object({
  from: Day.optional().meta({ description: 'First day (UTC, inclusive); default 29 days before `to`' }),
  to: Day.optional().meta({ description: 'Last day (UTC, inclusive); default today' }),
});
export type InsightsQuery = z.input<typeof InsightsQuery>;

/** Percentiles in seconds: the upper bound of the histogram bucket the percentile falls in; null without data. */
export const Latency = z
  .object({
    count: z.number().int(),
    p50: z.number().nullable(),
    p90: z.number().nullable(),
    p99: z.number().nullable(),
  })
  .meta({ id: 'Latency' });
export type Latency = z.output<typeof Latency>;

const perSource = <T extends z.ZodType>(value: T) => z.object({ github: value, gitlab: value, postman: value, partner: value });

export const Insights = z
  .object({
    from: Day,
    to: Day,
    exposures: z.object({
      total: z.number().int(),
      bySource: perSource(z.number().int()),
      byDay: z.array(z.object({ day: Day, github: z.number().int(), gitlab: z.number().int(), postman: z.number().int(), partner: z.number().int() })),
    }),
    detectionToRevocation: z.object({ overall: Latency, bySource: perSource(Latency) }),
    /** From the first public appearance (the commit's or the event's time; Keyguard's first sighting when the source does not say) to revocation. */
    appearanceToRevocation: z.object({ overall: Latency, bySource: perSource(Latency) }),
    usedAfterExposure: z.number().int(),
    outcomes: z.object({ autoRevoked: z.number().int(), manuallyRevoked: z.number().int(), ignored: z.number().int() }),
    /** Open findings now (whatever the range), by how long ago they were first seen. */
    openByAge: z.object({ under1d: z.number().int(), d1to7: z.number().int(), d7to30: z.number().int(), over30d: z.number().int() }),
    /** The histogram's bucket upper bounds, in seconds (the precision of the percentiles). */
    latencyBucketsSeconds: z.array(z.number()),
  })
  .meta({ id: 'Insights' });
export type Insights = z.output<typeof Insights>;

export const getInsights = endpoint({
  method: 'GET',
  url: '/insights',
  schema: {
    summary: 'Exposures by source and day, time to revoke, used-after-exposure, open findings by age, outcomes (admins)',
    tags: ['insights'],
    querystring: InsightsQuery,
    response: { 200: Insights, ...errors(400, ...authErrors, 403) },
  },
});
