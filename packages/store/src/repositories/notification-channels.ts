import type { NotificationChannelDoc } from '../documents.js';
import type { Store } from '../store.js';

/** A team's notification channels (webhook, Slack). */
export function createChannelRepository(store: Store) {
  const channels = store.collections.notificationChannels;
  return {
    async create(doc: NotificationChannelDoc): Promise<void> {
      await channels.insertOne(doc);
    },
    list: (teamId: string) => channels.find({ teamId }).sort({ createdAt: 1, _id: 1 }).toArray(),
    get: (teamId: string, id: string) => channels.findOne({ _id: id, teamId }),
    /** Any team's channel, by id (the delivery worker's look-up). */
    byId: (id: string) => channels.findOne({ _id: id }),
    async update(teamId: string, id: string, set: Partial<Pick<NotificationChannelDoc, 'url' | 'events'>>): Promise<NotificationChannelDoc | null> {
      return channels.findOneAndUpdate({ _id: id, teamId }, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' });
    },
    async remove(teamId: string, id: string): Promise<boolean> {
      return (await channels.deleteOne({ _id: id, teamId })).deletedCount === 1;
    },
    /** Every channel of every team (few): what the notifier routes events with. */
    all: () => channels.find({}).toArray(),
  };
}
export type ChannelRepository = ReturnType<typeof createChannelRepository>;
