export { createKafka, type CreateKafkaOptions, defaultPartitions, ensureTopics, type Kafka, type TopicSpec } from './kafka.js';
export { createPublisher, type OutgoingMessage, type Publisher, type PublisherOptions } from './publisher.js';
export { type ConsumedMessage, type ConsumerOptions, defaultSessionTimeoutMs, type RetryPolicy, type RunningConsumer, runConsumer } from './consumer.js';
export { type MembershipState, type MembershipStatus, trackMembership } from './membership.js';
export { kafkaReadiness } from './health.js';
export { errorCode, HandlerError, isRetriable, permanent, retriable } from './errors.js';
