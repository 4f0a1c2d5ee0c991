/**
 * Global setup of the integration project: integration tests talk to the real engines, so
 * fail fast with a clear message when they are not reachable (instead of 60 s timeouts).
 * `npm test` starts them and sets these variables; see infra/README.md to run them by hand.
 */
import { connect } from 'node:net';

const required = ['KAFKA_BROKERS', 'MONGODB_URI', 'SMTP_URL', 'SMTP_SINK_URL'] as const;

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function hostPort(value: string): [string, number] {
  const url = /^[a-z+]+:\/\//.test(value) ? new URL(value) : new URL(`tcp://${value.split(',')[0]}`);
  return [url.hostname, Number(url.port)];
}

export default async function requireEngines(): Promise<void> {
  const missing = required.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `integration tests need the local engines: ${missing.join(', ')} not set. Run \`npm test\` (it starts them), or \`npm run engines\` and export what it prints.`,
    );
  }
  for (const name of required) {
    const [host, port] = hostPort(process.env[name]!);
    if (!(await reachable(host, port))) throw new Error(`${name} points at ${host}:${port}, which is not accepting connections`);
  }
}
