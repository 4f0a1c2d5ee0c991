#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// Safety net under the detectors: a regex that backtracks too much falls back to V8's
// linear-time engine. Set before the rules' patterns are compiled (hence the dynamic import).
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
// A scan is one pass: V8's optimising compiler (TurboFan, on background threads) was spending
// ~0.2 s of CPU per run optimising functions that had run a few times, and every
// --threads worker did it again. Asking for 16x the default interrupt budget (67,584) before a
// function is optimised leaves the engine's hot loops optimised within the first files and
// took a whole run's CPU down by ~20 % on both bench corpora (A/B, same load).
setFlagsFromString('--interrupt-budget=1081344');

const { run } = await import('./run.js');
const write = (stream: NodeJS.WriteStream) => (text: string) => {
  stream.write(text);
};
process.exitCode = await run(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  stderrIsTTY: process.stderr.isTTY === true,
});
