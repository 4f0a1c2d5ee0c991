import type { Logger } from '@keyguard/logger';

export interface Loop {
  /** Runs a tick as soon as the current one ends. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Runs `tick` every `intervalMs`, never two at once; a tick that did work is followed at once
 * by another (the backlog drains at full speed), `wake()` cuts the wait short. With `minGapMs`,
 * a tick starts at least that long after the previous one ended, however often it is woken: a
 * tick that reads a whole collection then costs at most one read per gap, not one per wake.
 */
export function startLoop(name: string, intervalMs: number, tick: () => Promise<boolean>, logger: Logger, { minGapMs = 0 } = {}): Loop {
  // A missing setting (undefined → NaN) would make setTimeout fire every millisecond: a busy loop.
  if (!(intervalMs > 0) || !(minGapMs >= 0)) throw new Error(`loop ${name}: the interval must be a positive number of milliseconds (got ${intervalMs})`);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  let lastEnd = 0;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(ms, lastEnd + minGapMs - Date.now()));
  };
  function run(): void {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let busy = false;
      try {
        busy = await tick();
      } catch (err) {
        logger.warn({ err, loop: name }, 'tick failed; trying again');
      }
      running = undefined;
      lastEnd = Date.now();
      const next = busy || again;
      again = false;
      schedule(next ? 0 : intervalMs);
    })();
  }
  schedule(0);
  return {
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
