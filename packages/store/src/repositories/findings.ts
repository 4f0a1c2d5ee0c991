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
  source?: LocationDoc['source'];
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
      if (query.source) filter['locations.source'] = query.source;
      const [items, total] = await Promise.all([
        findings.find(filter).sort({ lastSeen: -1, _id: 1 }).skip(query.offset).limit(query.limit + 1).toArray(),
        findings.countDocuments(filter),
      ]);
      return { items: items.slice(0, query.limit).map(normalised), total, more: items.length > query.limit };
    },

    /** Sets the status (a person resolving or reopening) and appends the history entry. */
    async setStatus(id: string, status: FindingStatus, resolution: FindingResolution | null, entry: FindingHistoryEntry): Promise<void> {
      await findings.updateOne({ _id: id }, { $set: { status, resolution }, $push: { history: entry } });
    },

    /** Resolves the finding if it is open (a redelivery finds it resolved and changes nothing). */
    /** True when this call resolved it (it was open). */
    async resolveIfOpen(id: string, resolution: FindingResolution, entry: FindingHistoryEntry): Promise<boolean> {
      const result = await findings.updateOne({ _id: id, status: 'open' }, { $set: { status: 'resolved', resolution }, $push: { history: entry } });
      return result.modifiedCount === 1;
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

    /** What deciding on new locations needs: the status, the locations already known, the history. */
    tracking: (id: string) =>
      findings.findOne({ _id: id }, { projection: { status: 1, locationKeys: 1, history: 1 } }) as Promise<Pick<FindingDoc, '_id' | 'status' | 'locationKeys' | 'history'> | null>,

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
