import type { Filter } from 'mongodb';
import type { FindingDoc, FindingHistoryEntry, FindingResolution, FindingStatus, LocationDoc } from '../documents.js';
import { dropOldestBeyond } from '../arrays.js';
import { duplicatesIn } from '../errors.js';
import type { Store } from '../store.js';

export interface FindingListQuery {
  /** The teams whose findings to list (`null`: findings of no team, recorded before every finding had one). */
  teams: (string | null)[];
  status?: FindingStatus;
  ruleId?: string;
  /** A platform, or `partner` (found by a provider's partner alert). */
  source?: LocationDoc['source'] | 'partner';
  /** `ignored`: every resolution but revoked. */
  resolution?: FindingResolution;
  /** firstSeen in [from, to] (either may be missing). */
  from?: Date;
  to?: Date;
  offset: number;
  limit: number;
}

/** New locations for a finding, written only if none of `locationKeys` is there yet. */
export interface LocationsUpdate {
  locations: LocationDoc[];
  locationKeys: string[];
  history: FindingHistoryEntry[];
  firstSeen: Date;
  lastSeen: Date;
  /** Reopen a resolved finding (applies only while it is still resolved). */
  reopen: boolean;
}

/** A field set to null on insert may read back missing (FerretDB): read it as null. */
const normalised = (f: FindingDoc): FindingDoc => ({ ...f, keyId: f.keyId ?? null, resolution: f.resolution ?? null });
const visibleTo = (teams: (string | null)[]): Filter<FindingDoc> => (teams.length === 1 ? { teamId: teams[0] ?? null } : { teamId: { $in: teams } });

/** The findings collection: one finding per secret (`_id` derived from its hash), with every location and its history. */
export function createFindingRepository(store: Store) {
  const findings = store.collections.findings;
  return {
    findById: async (id: string) => {
      const found = await findings.findOne({ _id: id });
      return found && normalised(found);
    },

    /** A finding of one of these teams. */
    findVisible: async (teams: (string | null)[], id: string) => {
      const found = await findings.findOne({ ...visibleTo(teams), _id: id });
      return found && normalised(found);
    },

    async list(query: FindingListQuery): Promise<{ items: FindingDoc[]; total: number; more: boolean }> {
      const filter: Filter<FindingDoc> = visibleTo(query.teams);
      if (query.status) filter.status = query.status;
      if (query.ruleId) filter.ruleId = query.ruleId;
      if (query.source === 'partner') filter['locations.kind'] = 'partner_alert';
      else if (query.source) filter['locations.source'] = query.source;
      if (query.resolution === 'ignored') filter.resolution = { $in: ['ignored', 'false_positive', 'wont_fix'] };
      else if (query.resolution) filter.resolution = query.resolution;
      if (query.from || query.to) filter.firstSeen = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
      const [items, total] = await Promise.all([
        findings
          .find(filter)
          .sort({ lastSeen: -1, _id: 1 })
          .skip(query.offset)
          .limit(query.limit + 1)
          .toArray(),
        findings.countDocuments(filter),
      ]);
      return { items: items.slice(0, query.limit).map(normalised), total, more: items.length > query.limit };
    },

    /**
     * Sets the status (a person resolving or reopening) and appends the history entry, only while
     * the finding still has status `from`; false when a concurrent writer changed it first.
     */
    async setStatus(
      id: string,
      from: FindingStatus,
      status: FindingStatus,
      resolution: FindingResolution | null,
      entry: FindingHistoryEntry,
    ): Promise<boolean> {
      const result = await findings.updateOne({ _id: id, status: from }, { $set: { status, resolution }, $push: { history: entry } });
      return result.modifiedCount === 1;
    },

    /**
     * Resolves the finding if it is open (a redelivery finds it resolved and changes nothing).
     * Returns what the insights rollups need of it, only to the call that resolved it.
     */
    async resolveIfOpen(
      id: string,
      resolution: FindingResolution,
      entry: FindingHistoryEntry,
    ): Promise<Pick<FindingDoc, '_id' | 'teamId' | 'firstSeen' | 'locations'> | null> {
      // A finding that is not open (most often: written resolved with the revocation) is told
      // by `_id` alone; only an open one pays for the condition, which FerretDB evaluates by
      // decoding every finding.
      if ((await findings.findOne({ _id: id }, { projection: { status: 1 } }))?.status !== 'open') return null;
      // No projection: FerretDB's findAndModify does not implement `fields`.
      return findings.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { status: 'resolved', resolution }, $push: { history: entry } });
    },

    async locationsOf(id: string): Promise<LocationDoc[] | null> {
      return (await findings.findOne({ _id: id }, { projection: { locations: 1 } }))?.locations ?? null;
    },

    /**
     * Inserts new findings in one unordered write; returns the positions of those that already
     * existed (duplicate `_id`), which the caller updates instead.
     */
    async insertNew(docs: FindingDoc[]): Promise<Set<number>> {
      try {
        await findings.insertMany(docs, { ordered: false });
        return new Set();
      } catch (error) {
        return duplicatesIn(error);
      }
    },

    /** What deciding on new locations needs: the status, the locations already known, the history (and what the insights rollups need). */
    tracking: (id: string) =>
      findings.findOne(
        { _id: id },
        {
          projection: {
            status: 1,
            locationKeys: 1,
            history: 1,
            teamId: 1,
            firstSeen: 1,
            'locations.source': 1,
            'locations.kind': 1,
            'locations.publishedAt': 1,
          },
        },
      ) as Promise<Pick<FindingDoc, '_id' | 'status' | 'locationKeys' | 'history' | 'teamId' | 'firstSeen' | 'locations'> | null>,

    /** Keeps only the last `max` elements of one of the finding's arrays (what `$push` + `$slice` would, where FerretDB ignores it). */
    trim: (id: string, field: 'locations' | 'locationKeys' | 'history', max: number) => dropOldestBeyond(findings, id, field, max),

    /** A place flooded again: the finding's overflow summary shows the latest counts. */
    async setOverflow(id: string, overflow: NonNullable<FindingDoc['overflow']>, lastSeen: Date): Promise<void> {
      await findings.updateOne({ _id: id }, { $set: { overflow, lastSeen } });
    },

    /** Adds the locations (and reopens); false when a concurrent writer got there first. */
    async addLocations(id: string, update: LocationsUpdate): Promise<boolean> {
      const result = await findings.updateOne(
        { _id: id, locationKeys: { $nin: update.locationKeys }, ...(update.reopen ? { status: 'resolved' as const } : {}) },
        {
          $push: { locations: { $each: update.locations }, locationKeys: { $each: update.locationKeys }, history: { $each: update.history } },
          $max: { lastSeen: update.lastSeen },
          $min: { firstSeen: update.firstSeen },
          $inc: { locationCount: update.locations.length },
          ...(update.reopen ? { $set: { status: 'open' as const, resolution: null } } : {}),
        },
      );
      return result.modifiedCount === 1;
    },
  };
}
export type FindingRepository = ReturnType<typeof createFindingRepository>;
