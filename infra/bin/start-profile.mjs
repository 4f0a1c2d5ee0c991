#!/usr/bin/env node
/**
 * `node infra/bin/start-profile.mjs <dir>`: the table of a `KEYGUARD_START_PROFILE=<dir> npm start`
 * — per service the CPU seconds and wall time from process start to /readyz passing, and the
 * three biggest costs in its profile (shares of the busy samples): compiling code, Node's
 * module loader and other internals, GC, or the package whose own code ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node infra/bin/start-profile.mjs <dir written by KEYGUARD_START_PROFILE>');
  process.exit(2);
}
const costOf = ({ functionName, url }) => {
  if (functionName === 'wrapSafe' || functionName === 'compileSourceTextModule' || functionName === 'Script') return 'compiling code';
  if (functionName === '(garbage collector)') return 'GC';
  if (!url || url.startsWith('node:')) return 'loading modules / Node internals';
  if (url.includes('/dist/bundle/')) return 'the bundle (module init, start-up)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url) ?? /\/((packages|services)\/[^/]+)\//.exec(url);
  return pkg ? pkg[1] : url;
};
const rows = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const { service, cpuMs, wallMs } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  let top = '(no profile)';
  try {
    const profile = JSON.parse(readFileSync(join(dir, `${service}.cpuprofile`), 'utf8'));
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const costs = new Map();
    let busy = 0;
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id);
      if (frame.functionName === '(idle)' || frame.functionName === '(program)') return;
      const us = profile.timeDeltas[i + 1] ?? 0;
      busy += us;
      costs.set(costOf(frame), (costs.get(costOf(frame)) ?? 0) + us);
    });
    top = [...costs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name, us]) => `${name} ${Math.round((100 * us) / busy)} %`)
      .join(', ');
  } catch {
    // the profile was not written (the service did not become ready)
  }
  rows.push({ service, cpu: cpuMs / 1000, wall: wallMs / 1000, top });
}
console.log(`${'service'.padEnd(16)} ${'CPU-s'.padStart(6)} ${'wall s'.padStart(7)}  top 3 costs (share of busy samples)`);
for (const r of rows.sort((a, b) => b.cpu - a.cpu))
  console.log(`${r.service.padEnd(16)} ${r.cpu.toFixed(2).padStart(6)} ${r.wall.toFixed(1).padStart(7)}  ${r.top}`);
console.log(
  `${'total'.padEnd(16)} ${rows
    .reduce((a, r) => a + r.cpu, 0)
    .toFixed(2)
    .padStart(6)}`,
);
