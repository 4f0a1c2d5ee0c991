import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, withContext } from '../src/index.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

const planted = 'PMAK-planted-secret-value-0000';

describe('createLogger', () => {
  it('writes JSON with the service name and level label', () => {
    const { lines, destination } = capture();
    createLogger({ name: 'github-ingest', destination }).info({ n: 1 }, 'hello');
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ service: 'github-ingest', level: 'info', msg: 'hello', n: 1 });
  });

  it('censors tokens, signatures and authorization headers at any common depth', () => {
    const { lines, destination } = capture();
    const log = createLogger({ name: 't', destination });
    log.info({ token: planted });
    log.info({ finding: { token: planted, secret: planted } });
    log.info({ req: { headers: { authorization: `Bearer ${planted}`, 'x-api-key': planted } } });
    log.info({ headers: { 'x-hub-signature-256': planted, 'x-postman-signature': planted } });
    log.info({ config: { GITHUB_WEBHOOK_SECRET: planted, POSTMAN_API_KEY: planted } });
    const all = lines.join('');
    expect(lines).toHaveLength(5);
    expect(all).not.toContain(planted);
    expect(all).toContain('[redacted]');
  });

  it('child loggers carry correlation, event and delivery ids', () => {
    const { lines, destination } = capture();
    const log = withContext(createLogger({ name: 't', destination }), {
      correlationId: 'c-1',
      eventId: 'e-1',
      deliveryId: 'd-1',
    });
    log.warn('retrying');
    expect(JSON.parse(lines[0]!)).toMatchObject({ correlationId: 'c-1', eventId: 'e-1', deliveryId: 'd-1' });
  });
});
