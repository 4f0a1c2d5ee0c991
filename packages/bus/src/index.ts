export {
  createKafka,
  type CreateKafkaOptions,
  defaultPartitions,
  ensureTopics,
  fetchTopicOffsets,
  type Kafka,
  topicConfig,
  type TopicSpec,
  topicIsEmpty,
} from './kafka.js';
export { createPublisher, type OutgoingMessage, type Publisher, type PublisherOptions } from './publisher.js';
export { type ConsumedMessage, type ConsumerOptions, defaultSessionTimeoutMs, type RetryPolicy, type RunningConsumer, runConsumer } from './consumer.js';
export { type MembershipState, type MembershipStatus, trackMembership } from './membership.js';
export { readTable, type TableReader, type TableReaderOptions, type TableRecord } from './table-reader.js';
export { kafkaReadiness } from './health.js';
export { errorCode, HandlerError, isRetriable, permanent, retriable } from './errors.js';
