import { z } from 'zod';

/** Every date in an answer: an ISO 8601 string in UTC (`2026-11-20T10:00:00.000Z`). */
export const DateTime = z.iso.datetime({ offset: true });

export const Role = z.enum(['member', 'team_admin', 'super_admin']);
export type Role = z.output<typeof Role>;

export const Source = z.enum(['github', 'gitlab', 'postman']);
export type Source = z.output<typeof Source>;

/** Who did something: a person, or a part of Keyguard (`policy`, `expiry-sweeper`). */
export const Actor = z.object({ type: z.enum(['user', 'system']), id: z.string(), name: z.string().optional() }).meta({ id: 'Actor' });
export type Actor = z.output<typeof Actor>;

/** A public place a secret was found in. */
export const Location = z
  .object({
    source: Source,
    /** `commit`, `partner_alert`, `collection`, `environment`, … */
    kind: z.string(),
    /** A permalink a person can open (may be empty for partner alerts without one). */
    url: z.string(),
    repository: z.string().optional(),
    commit: z.string().optional(),
    path: z.string().optional(),
    line: z.number().int().optional(),
    resourceType: z.string().optional(),
    resourceId: z.string().optional(),
    workspaceId: z.string().optional(),
    jsonPath: z.string().optional(),
    detectedAt: DateTime.nullable(),
    /** When the place became public, when the source says: the commit's time or the event's. */
    publishedAt: DateTime.optional(),
  })
  .meta({ id: 'Location' });
export type Location = z.output<typeof Location>;

export const IdParams = z.object({ id: z.string().min(1) });

/** Listing parameters shared by the paged endpoints; `cursor` is opaque (the previous page's nextCursor). */
export const paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
};

/** A page of a list: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
