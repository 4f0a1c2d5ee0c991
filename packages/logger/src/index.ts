export { createLogger, type CreateLoggerOptions, type LogContext, type Logger, withContext } from './create-logger.js';
export { censor, redactPaths } from './redaction.js';
