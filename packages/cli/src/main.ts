#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// Safety net under the detectors: a regex that backtracks too much falls back to V8's
// linear-time engine. Set before the rules' patterns are compiled (hence the dynamic import).
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const { run } = await import('./run.js');
const write = (stream: NodeJS.WriteStream) => (text: string) => {
  stream.write(text);
};
process.exitCode = await run(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  stderrIsTTY: process.stderr.isTTY === true,
});
