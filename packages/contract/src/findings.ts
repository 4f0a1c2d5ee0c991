import { z } from 'zod';
import { Actor, DateTime, IdParams, Location, pageOf, paging, Source } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';

export const FindingStatus = z.enum(['open', 'resolved']);
export type FindingStatus = z.output<typeof FindingStatus>;
export const FindingResolution = z.enum(['revoked', 'false_positive', 'wont_fix', 'ignored']);
export type FindingResolution = z.output<typeof FindingResolution>;

export const FindingHistoryEntry = z.object({
  at: DateTime,
  action: z.enum(['detected', 'location_added', 'reopened', 'resolved', 'key_revoked', 'reported_to_issuer', 'issuer_rejected']),
  actor: Actor,
  status: FindingStatus.optional(),
  resolution: FindingResolution.optional(),
  note: z.string().optional(),
});
export type FindingHistoryEntry = z.output<typeof FindingHistoryEntry>;

/** A secret the scanner found: only its hash and a redacted preview, never the value. */
export const Finding = z
  .object({
    id: z.string(),
    tokenHash: z
      .string()
      .describe(
        "hex SHA-256 of the secret; HMAC-SHA256 under the deployment's KEYGUARD_HASH_KEY for guessable secrets (url-basic-auth, partner tokens of no known format); a stable id of the place for too-many-secrets",
      ),
    ruleId: z.string(),
    redacted: z.string(),
    confidence: z.enum(['high', 'medium', 'low']),
    /** One of the team's keys, when the secret is one. */
    keyId: z.string().nullable(),
    status: FindingStatus,
    resolution: FindingResolution.nullable(),
    /** The latest places (at most 100, oldest dropped first); `locationCount` counts every place. */
    locations: z.array(Location),
    locationCount: z.number().int().describe('every place the secret was found, including those no longer in `locations`'),
    firstSeen: DateTime,
    lastSeen: DateTime,
    /** The latest events (at most 100, oldest dropped first). */
    history: z.array(FindingHistoryEntry),
    /** When the token was reported to its issuer for revocation, by issuer (`github`). */
    reportedTo: z.record(z.string(), DateTime),
    /** Only on a `too-many-secrets` finding: the latest event held more secrets than are reported one by one. */
    overflow: z
      .object({ total: z.number().int(), reported: z.number().int(), byRule: z.record(z.string(), z.number().int()) })
      .nullable()
      .describe('only on a too-many-secrets finding: the counts of the latest event over the cap'),
  })
  .meta({ id: 'Finding' });
export type Finding = z.output<typeof Finding>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const ListFindingsQuery = z.object({
  status: FindingStatus.optional(),
  ruleId: z.string().min(1).optional(),
  /** A platform, or `partner`: found by a provider's partner alert (what the Overview's charts link to). */
  source: z.union([Source, z.literal('partner')]).optional(),
  /** `ignored` also matches false positives and won't fix (every resolution but revoked). */
  resolution: FindingResolution.optional(),
  from: Day.optional().meta({ description: 'First seen on or after this day (UTC)' }),
  to: Day.optional().meta({ description: 'First seen on or before this day (UTC)' }),
  ...paging,
});
export type ListFindingsQuery = z.input<typeof ListFindingsQuery>;

export const FindingPage = pageOf(Finding).extend({ total: z.number().int() });
export type FindingPage = z.output<typeof FindingPage>;

/** What a person can resolve a finding as (`ignored` is what "leave the exposed keys" records). */
export const ResolveAs = z.enum(['revoked', 'false_positive', 'wont_fix']);
export type ResolveAs = z.output<typeof ResolveAs>;

/** Resolve (revoked on one of the team's keys revokes it) or reopen. */
export const PatchFinding = z.discriminatedUnion('status', [
  z.object({ status: z.literal('resolved'), resolution: ResolveAs }),
  z.object({ status: z.literal('open') }),
]);
export type PatchFinding = z.input<typeof PatchFinding>;

const tags = ['findings'];

export const listFindings = endpoint({
  method: 'GET',
  url: '/findings',
  schema: {
    summary: "The team's scanner findings (its keys, and third-party secrets found in its places), with history (admins)",
    tags,
    querystring: ListFindingsQuery,
    response: { 200: FindingPage, ...errors(400, ...authErrors, 403) },
  },
});

export const getFinding = endpoint({
  method: 'GET',
  url: '/findings/:id',
  schema: { summary: 'One finding (admins)', tags, params: IdParams, response: { 200: Finding, ...errors(...authErrors, 403, 404) } },
});

export const patchFinding = endpoint({
  method: 'PATCH',
  url: '/findings/:id',
  schema: {
    summary: 'Resolve (false_positive | wont_fix | revoked — revoked on one of our keys revokes it) or reopen (admins)',
    tags,
    params: IdParams,
    body: PatchFinding,
    response: { 200: Finding, ...errors(...bodyErrors, ...authErrors, 403, 404) },
  },
});
