export { ConfigError, type ConfigProblem, loadConfig, loadConfigOrExit } from './load-config.js';
export { brokerList, flag, httpUrl, logLevel, mongoUri, port, secret, smtpUrl } from './fields.js';
export { kafkaFields, mongoFields, serviceFields } from './service.js';
