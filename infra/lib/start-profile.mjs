/**
 * `KEYGUARD_START_PROFILE=<dir> npm start` loads this into every service (node --import):
 * a V8 CPU profile from process start until the service's own /readyz passes, written to
 * <dir>/<service>.cpuprofile (open it in Chrome DevTools), with the CPU seconds
 * (process.cpuUsage) and wall time to ready in <dir>/<service>.json. Summarise them with
 * `node infra/bin/start-profile.mjs <dir>`. It polls /readyz every 250 ms itself, a little
 * CPU the figures include.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename } from 'node:path';

const dir = process.env.KEYGUARD_START_PROFILE;
const port = process.env.METRICS_PORT;
if (dir && port) {
  const service = basename(process.cwd()); // npm start runs each service in its directory
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  const poll = async () => {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      async (res) => {
        await res.arrayBuffer();
        return res.ok;
      },
      () => false,
    );
    if (!ready) return void setTimeout(poll, 250).unref();
    const cpu = process.cpuUsage();
    const wallMs = performance.now();
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(`${dir}/${service}.cpuprofile`, JSON.stringify(result.profile));
      writeFileSync(`${dir}/${service}.json`, JSON.stringify({ service, cpuMs: (cpu.user + cpu.system) / 1000, wallMs }));
      session.disconnect();
    });
  };
  setTimeout(poll, 250).unref();
}
