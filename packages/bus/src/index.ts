export { createKafka, type CreateKafkaOptions, ensureTopics, fetchTopicOffsets, type Kafka, topicConfig, type TopicSpec, topicIsEmpty } from './kafka.js';
export { createPublisher, type OutgoingMessage, type Publisher, type PublisherOptions } from './publisher.js';
export { type ConsumedMessage, type ConsumerOptions, type RetryPolicy, type RunningConsumer, runConsumer } from './consumer.js';
export { readTable, type TableReader, type TableReaderOptions, type TableRecord } from './table-reader.js';
export { kafkaReadiness } from './health.js';
export { errorCode, HandlerError, isRetriable, permanent, retriable } from './errors.js';
