import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

const children = new Set();

/**
 * Starts a long-running process with its output in `logFile`; it is stopped when we exit.
 * It runs in its own process group, so a Ctrl-C in the terminal reaches only us and we stop
 * things in order (services leave their consumer groups before the broker goes away).
 */
export function startProcess(name, command, args, { logFile, env, cwd, uid, gid } = {}) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd], detached: true, uid, gid });
  closeSync(fd);
  child.name = name;
  child.logFile = logFile;
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Stops every process started here: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopAll(graceMs = 10_000) {
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.reverse().map(
      (child) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

// Never leave engines behind, however we exit.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Ctrl-C / SIGTERM stop every process started here, then exit (engines run in their own process group). */
export function stopAllOnSignals() {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** Runs a command to completion, inheriting stdio; rejects on a non-zero exit. */
export function run(command, args, { cwd, env, quiet = false, uid, gid } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      uid,
      gid,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n${output.slice(-4000)}`));
    });
  });
}

export function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export function tail(file, lines = 60) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Waits until `port` accepts connections; on timeout or early exit, throws with the log tail. */
export async function waitForPort(port, { child, timeoutMs = 90_000, what = `port ${port}` } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${what} exited with code ${child.exitCode} before it was ready. Log tail (${child.logFile}):\n${tail(child.logFile)}`);
    }
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not open within ${timeoutMs / 1000}s. Log tail (${child?.logFile}):\n${tail(child?.logFile)}`);
}

export async function requireFreePort(port, what) {
  if (await portOpen(port)) {
    throw new Error(
      `${what}: port ${port} is already in use. Stop whatever listens there, or move this engine with its KEYGUARD_*_PORT variable (see infra/README.md).`,
    );
  }
}

export function which(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${command}`));
}
