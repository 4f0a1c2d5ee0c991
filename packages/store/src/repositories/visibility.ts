import type { Store } from '../store.js';

/**
 * The last visibility seen per repository. A provider says a project *is* public (GitLab's
 * `project_update` carries no previous value), so a history scan starts only on the change.
 */
export function createVisibilityRepository(store: Store) {
  const visibility = store.collections.visibility;
  return {
    async get(key: string): Promise<string | undefined> {
      return (await visibility.findOne({ _id: key }))?.visibility;
    },
    /** Records `value` for `key`; returns the previous value (undefined when never seen). */
    async record(key: string, value: string, at = new Date()): Promise<string | undefined> {
      const before = await visibility.findOneAndUpdate(
        { _id: key },
        { $set: { visibility: value, updatedAt: at } },
        { upsert: true, returnDocument: 'before' },
      );
      return before?.visibility;
    },
  };
}
export type VisibilityRepository = ReturnType<typeof createVisibilityRepository>;
