import { MongoServerError } from 'mongodb';

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
