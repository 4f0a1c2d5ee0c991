import { MongoBulkWriteError, MongoServerError } from 'mongodb';

/** A write hit a unique index: the repository says which collection and index. */
export class DuplicateKeyError extends Error {
  readonly code = 'DUPLICATE_KEY';
  readonly retriable = false;
  constructor(
    readonly collection: string,
    readonly index: string,
    options?: { cause?: unknown },
  ) {
    super(`duplicate key in ${collection} (${index})`, options);
    this.name = 'DuplicateKeyError';
  }
}

export function isDuplicateKey(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Runs a write, turning a driver duplicate-key error into a DuplicateKeyError. */
export async function mapDuplicate<T>(collection: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKey(error)) {
      const index = /index: (\S+)/.exec(error.message)?.[1] ?? 'unique index';
      throw new DuplicateKeyError(collection, index, { cause: error });
    }
    throw error;
  }
}

/** The indexes (positions in the batch) of an unordered bulk insert's duplicate-key failures; throws anything else. */
export function duplicatesIn(error: unknown): Set<number> {
  const list = writeErrorsOf(error);
  if (!(error instanceof MongoBulkWriteError) || !list || list.some((w) => w.code !== 11000)) throw error;
  return new Set(list.map((w) => w.index));
}

/** The positions a failed bulk write reports as duplicates, whatever else failed with them. */
export function duplicatePositions(error: unknown): Set<number> {
  return new Set((writeErrorsOf(error) ?? []).filter((w) => w.code === 11000).map((w) => w.index));
}

function writeErrorsOf(error: unknown): { index: number; code: number }[] | undefined {
  const writeErrors = (error as { writeErrors?: { index: number; code: number }[] | { index: number; code: number } } | null)?.writeErrors;
  return writeErrors === undefined ? undefined : Array.isArray(writeErrors) ? writeErrors : [writeErrors];
}

/**
 * FerretDB on SQLite answers a write that meets another writer's lock with an InternalError
 * ("database is locked", SQLITE_BUSY): a transient condition, worth retrying. MongoDB never
 * answers so; this is the one place that knows the dev database's failure shape.
 */
export function isStoreBusy(error: unknown): boolean {
  return error instanceof MongoServerError && (error.code === 1 || /database is locked|SQLITE_BUSY/i.test(error.message));
}
