/**
 * Keeps one process running, as `npm start` needs for every engine and service: a process
 * that exits while we are not stopping is started again after a backoff that doubles from
 * `initialDelayMs` to `maxDelayMs` and resets once the process has stayed up `stableMs`.
 * Each exit and each return prints one line. An exit that `fatal(code)` names (a bad setting:
 * exit 78) is not retried, since it would only fail again.
 */
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const firstLine = (text) => String(text).split('\n')[0];
export const describeExit = (code, signal) => (signal ? `killed by ${signal}` : `exit code ${code}`);

/**
 * @param {object} options
 * @param {string} options.name
 * @param {() => Promise<import('node:child_process').ChildProcess>} options.start launches the process, resolves once it runs
 * @param {(child: import('node:child_process').ChildProcess) => Promise<void>} [options.whenReady] resolves when it serves
 *   (rejects if it exits first)
 * @param {(message: string) => void} options.log
 * @param {(code: number | null) => boolean} [options.fatal]
 * @param {(error: Error) => void} [options.onFatal] called when it stopped for good
 * @param {import('node:child_process').ChildProcess} [options.running] already started once: supervise from here
 */
export function supervise({
  name,
  start,
  running,
  whenReady = async () => {},
  log,
  fatal = () => false,
  onFatal = () => {},
  initialDelayMs = 500,
  maxDelayMs = 30_000,
  stableMs = 60_000,
}) {
  let child;
  let stopping = false;
  let delay = initialDelayMs;
  let timer;
  let restarts = 0;
  let everReady = false;
  let up = false;
  let settle;
  /** Resolves the first time the process is ready; rejects when it stopped for good (fatal exit). */
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  ready.catch(onFatal);

  function scheduleRestart(reason) {
    restarts += 1;
    log(`${name} ${reason}; restarting in ${seconds(delay)}${restarts > 1 ? ` (restart ${restarts})` : ''}`);
    timer = setTimeout(() => void launch(), delay);
    delay = Math.min(maxDelayMs, delay * 2);
  }

  async function launch() {
    if (stopping) return;
    const t0 = Date.now();
    let current = running;
    running = undefined;
    try {
      current ??= await start();
    } catch (error) {
      if (!stopping) scheduleRestart(`could not start (${firstLine(error.message)})`);
      return;
    }
    child = current;
    current.once('exit', (code, signal) => {
      up = false;
      if (stopping || current !== child) return;
      if (fatal(code)) {
        stopping = true;
        settle.reject(
          new Error(`${name} stopped (${describeExit(code, signal)}) and is not restarted: fix its configuration (the line above names the setting)`),
        );
        return;
      }
      if (Date.now() - t0 >= stableMs) delay = initialDelayMs;
      scheduleRestart(`exited (${describeExit(code, signal)})`);
    });
    whenReady(current).then(
      () => {
        if (stopping || current !== child || current.exitCode !== null) return;
        if (everReady) log(`${name} is back (ready ${seconds(Date.now() - t0)} after its restart)`);
        everReady = true;
        up = true;
        settle.resolve();
      },
      () => {}, // it exited before it was ready: its exit line says so
    );
  }

  void launch();

  return {
    name,
    ready,
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    /** Started and ready, and not exited since (false while a restart is under way). */
    get up() {
      return up;
    },
    /** Stops supervising and stops the process: SIGTERM, then SIGKILL after `graceMs`. */
    async stop(graceMs = 15_000) {
      stopping = true;
      clearTimeout(timer);
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      await new Promise((resolve) => {
        const kill = setTimeout(() => current.kill('SIGKILL'), graceMs);
        current.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        current.kill('SIGTERM');
      });
    },
  };
}
