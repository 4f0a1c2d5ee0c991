import { createKafka, kafkaReadiness } from '@keyguard/bus';
import { createLogger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics, runMain } from '@keyguard/runtime';
import { connectStore } from '@keyguard/store';
import { loadConfig } from './config.js';

const service = 'keys-api';

/** Composition root: config → logger → adapters → HTTP; stops gracefully on SIGTERM/SIGINT. */
runMain(service, async () => {
  const config = loadConfig();
  const logger = createLogger({ name: service, level: config.LOG_LEVEL });
  const lifecycle = createLifecycle(logger);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger });
  const kafkaReady = kafkaReadiness(kafka);
  lifecycle.onStop('kafka', kafkaReady.close);
  const store = await connectStore({ uri: config.MONGODB_URI, logger });
  lifecycle.onStop('mongodb', store.close);

  const app = createHttpServer({
    service,
    logger,
    metrics: createMetrics(service),
    readiness: { kafka: kafkaReady.check, mongodb: store.ping },
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  lifecycle.onStop('http', () => app.close());
});
