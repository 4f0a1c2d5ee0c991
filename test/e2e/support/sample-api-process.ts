/**
 * sample-api as its own process (services/sample-api/dist/main.js, as `npm start` runs it):
 * a verifier in a process of its own, the way a customer's API runs beside Keyguard.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const sampleApiMain = fileURLToPath(new URL('../../../services/sample-api/dist/main.js', import.meta.url));

export function requireSampleApiBuild(): void {
  if (!existsSync(sampleApiMain)) {
    throw new Error(
      'services/sample-api/dist is missing: build it first with `npx turbo run build --filter=@keyguard/sample-api` (npm test does this for you).',
    );
  }
}

export interface SampleApiProcess {
  url: string;
  child: ChildProcess;
  /** GET /v1/me with the key: status and body. */
  me(key: string): Promise<{ status: number; body: unknown }>;
  /** SIGTERM, and resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Starts one sample-api process on a free port; resolves once /readyz says its verifier caught up. */
export async function startSampleApiProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<SampleApiProcess> {
  const child = spawn(process.execPath, [sampleApiMain], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (d) => output.push(String(d)));
  const { port, metricsPort } = await new Promise<{ port: number; metricsPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sample-api did not start within ${timeoutMs} ms:\n${output.join('').slice(-2000)}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`sample-api exited (${code}):\n${output.join('').slice(-2000)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; metricsPort?: number };
        if (entry.msg === 'sample-api listening' && entry.port && entry.metricsPort) {
          clearTimeout(timer);
          resolve({ port: entry.port, metricsPort: entry.metricsPort });
        }
      } catch {
        // not a log line
      }
    });
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const ready = await fetch(`http://127.0.0.1:${metricsPort}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('sample-api never became ready');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    async me(key) {
      const res = await fetch(`${url}/v1/me`, { headers: { 'x-api-key': key } });
      return { status: res.status, body: await res.json() };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
