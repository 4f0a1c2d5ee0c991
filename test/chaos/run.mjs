#!/usr/bin/env node
// The chaos suite (issue 11): `npm run chaos [-- --brokers 1|3|both] [--store sqlite|postgres] [scenario ...]`.
// Builds (via infra/bin/chaos.mjs), starts its own engines on KEYGUARD_CHAOS_PORT.. (default
// 29100: brokers +0.., controllers +10.., proxied listeners +20.., proxies +30.., FerretDB +40,
// SMTP +41/+42) and runs each scenario with EXPOSURES (default 1000) leaks at RATE/s (100).
// Exits 1 when any scenario broke a promise (a key left alive, a double revocation, a missing
// email, a dead letter). Scenarios: broker-leader, policy-kill, notifier-kill, ferretdb-stop,
// smtp-down, ingest-kafka-cut.
import { loadavg } from 'node:os';
import { faults, runScenario } from './scenario.mjs';
import { startChaosStack } from './stack.mjs';

const args = process.argv.slice(2);
const brokersArg = args.includes('--brokers') ? args[args.indexOf('--brokers') + 1] : 'both';
const store = args.includes('--store') ? args[args.indexOf('--store') + 1] : 'sqlite';
const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--brokers' && args[i - 1] !== '--store');
const scenarios = names.length > 0 ? names : Object.keys(faults);
for (const n of scenarios) if (!faults[n]) throw new Error(`unknown scenario ${n}; known: ${Object.keys(faults).join(', ')}`);
const profiles = brokersArg === 'both' ? [1, 3] : [Number(brokersArg)];
const basePort = Number(process.env.KEYGUARD_CHAOS_PORT ?? 29100);
const exposures = Number(process.env.EXPOSURES ?? 1000);
const rate = Number(process.env.RATE ?? 100);
const log = (m) => console.log(m);

// A kafkajs request that times out while a broker is down can reject a promise nobody awaits
// (its request queue's timer): that must not end the suite.
process.on('unhandledRejection', (error) => console.log(`chaos: ignored an unhandled rejection: ${String(error?.message ?? error).split('\n')[0]}`));
const results = [];
let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log('chaos: stopping');
    void Promise.resolve(current?.stop()).finally(() => process.exit(130));
  });
}
const suiteStartedAt = Date.now();
console.log(
  `chaos: ${scenarios.length} scenario(s) × ${profiles.join(' and ')} broker(s), FerretDB on ${store}, ${exposures} exposures at ${rate}/s each; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
for (const brokers of profiles) {
  const stack = await startChaosStack({ brokers, basePort, log, store });
  current = stack;
  try {
    for (const name of scenarios) {
      try {
        const loadBefore = loadavg()[0];
        const figures = await runScenario(stack, { name, exposures, rate, fault: faults[name], log });
        results.push({ ...figures, store, load: `${loadBefore.toFixed(0)}–${loadavg()[0].toFixed(0)}` });
      } catch (error) {
        // One scenario that could not run (a broker that would not restart) must not hide the others' figures.
        log(`${name} (${brokers} broker(s)): did not finish: ${error.message.split('\n')[0]}`);
        results.push({ name, brokers, store, failed: error.message.split('\n')[0], problems: ['did not finish'] });
        await stack.stopServices().catch(() => {});
      }
    }
  } finally {
    await stack.stop();
  }
}
// A table that goes into README's Chaos section as it is.
console.log(
  '\n| scenario | brokers | store | exposures at /s | fault | refused | exposure→refusal p50 / max | recovery after the fault (emails) | emails per revocation | double revocations | DLQ | load (1 min) |',
);
console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  if (r.failed) {
    console.log(`| ${r.name} | ${r.brokers} | ${r.store} | did not finish: ${r.failed} |${' |'.repeat(8)}`);
    continue;
  }
  console.log(
    `| ${r.name} | ${r.brokers} | ${r.store} | ${r.exposures} at ${r.rate} | ${r.faultSeconds.toFixed(1)} s | ${r.refused}/${r.exposures} | ${(r.refusalP50 / 1000).toFixed(1)} s / ${(r.refusalMax / 1000).toFixed(1)} s | ${(r.recovery / 1000).toFixed(1)} s (${(r.emailsRecovery / 1000).toFixed(1)} s) | ${r.emails}/${r.exposures}: ${r.emailsPerRevocation.toFixed(2)}${r.resent ? ` (+${r.resent} re-sent)` : ''} | ${r.doubleRevocations} | ${r.dlq} | ${r.load} |`,
  );
}
console.log(
  `\nchaos: ${((Date.now() - suiteStartedAt) / 60_000).toFixed(1)} min in all; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const failed = results.filter((r) => r.problems.length > 0);
process.exit(failed.length > 0 ? 1 : 0);
