import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, brokerList, flag, kafkaFields, loadConfig, mongoUri, port, secret } from '../src/index.js';

const schema = z.object({
  KAFKA_BROKERS: brokerList,
  MONGODB_URI: mongoUri,
  PORT: port(8080),
  GITHUB_WEBHOOK_SECRET: secret(),
  SCAN_PRIVATE: flag(false),
});

const good = {
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/keyguard',
  GITHUB_WEBHOOK_SECRET: 'a-long-enough-webhook-secret',
};

function problemsOf(env: Record<string, string | undefined>) {
  try {
    loadConfig(schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('parses and applies defaults', () => {
    const config = loadConfig(schema, good);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.2:9092']);
    expect(config.PORT).toBe(8080);
    expect(config.SCAN_PRIVATE).toBe(false);
  });

  it('names a missing variable', () => {
    const { MONGODB_URI: _, ...env } = good;
    expect(problemsOf(env)).toEqual([{ variable: 'MONGODB_URI', problem: 'is required but not set' }]);
  });

  it('treats an empty value as missing', () => {
    expect(problemsOf({ ...good, KAFKA_BROKERS: '' })).toEqual([{ variable: 'KAFKA_BROKERS', problem: 'is required but not set' }]);
  });

  it('names every malformed variable and never echoes its value', () => {
    const leaked = 'hunter2-SHOULD-NOT-APPEAR';
    const problems = problemsOf({
      ...good,
      KAFKA_BROKERS: `nohost${leaked}`,
      PORT: '99999',
      GITHUB_WEBHOOK_SECRET: 'short',
      SCAN_PRIVATE: `maybe${leaked}`,
    });
    expect(problems.map((p) => p.variable).sort()).toEqual(['GITHUB_WEBHOOK_SECRET', 'KAFKA_BROKERS', 'PORT', 'SCAN_PRIVATE']);
    const text = JSON.stringify(problems);
    expect(text).not.toContain(leaked);
    expect(text).not.toContain('short"');
    expect(problems.find((p) => p.variable === 'PORT')?.problem).toBe('must be between 0 and 65535');
  });

  it('formats the error as one line per variable', () => {
    expect(() => loadConfig(schema, { ...good, MONGODB_URI: 'postgres://x' })).toThrow('MONGODB_URI: must be a mongodb:// or mongodb+srv:// URI');
  });
});

describe('kafkaFields', () => {
  const kafkaSchema = z.object(kafkaFields);

  it('leaves the session timeout to the bus default unless set', () => {
    expect(loadConfig(kafkaSchema, { KAFKA_BROKERS: '127.0.0.1:9092' }).KAFKA_SESSION_TIMEOUT_MS).toBeUndefined();
    expect(loadConfig(kafkaSchema, { KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_SESSION_TIMEOUT_MS: '3000' }).KAFKA_SESSION_TIMEOUT_MS).toBe(3000);
  });

  it('names a session timeout below what any broker accepts', () => {
    expect(() => loadConfig(kafkaSchema, { KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_SESSION_TIMEOUT_MS: '500' })).toThrow(
      /KAFKA_SESSION_TIMEOUT_MS.*at least 1000/,
    );
  });
});
