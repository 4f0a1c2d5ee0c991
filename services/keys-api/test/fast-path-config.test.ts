import { describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', MONGODB_URI: 'mongodb://127.0.0.1:27017/' };

describe('VERIFY_FAST_PATH', () => {
  it('is on unless set to false, and a bad value is named', () => {
    expect(Config.parse(base).VERIFY_FAST_PATH).not.toBe(false);
    expect(Config.parse({ ...base, VERIFY_FAST_PATH: 'true' }).VERIFY_FAST_PATH).toBe(true);
    expect(Config.parse({ ...base, VERIFY_FAST_PATH: 'false' }).VERIFY_FAST_PATH).toBe(false);
    expect(Config.safeParse({ ...base, VERIFY_FAST_PATH: 'sometimes' }).error?.issues[0]?.path).toEqual(['VERIFY_FAST_PATH']);
  });
});
