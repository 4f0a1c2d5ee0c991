'use strict';
/**
 * Runs a service bundle (`node infra/lib/run-bundle.cjs services/<name>/dist/bundle/main.cjs`)
 * with a V8 code cache: Node 20 has no module compile cache (22's module.enableCompileCache),
 * so this does what v8-compile-cache did for one file. The first run compiles as usual and,
 * once the service has been up for a while (its start-up and first work compiled), writes
 * what V8 compiled next to the bundle; later runs start from it and compile almost nothing.
 * The cache is named after the Node version and the bundle's size and time, and V8 itself
 * refuses one made by other flags or another source (then it is made again).
 *
 * Stack traces point at the TypeScript sources: the bundle's source map is read only when a
 * stack is first formatted, not at every start as --enable-source-maps does (its parse was
 * 0.1–0.3 CPU-s per service start).
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const file = path.resolve(process.argv[2]);
process.argv.splice(1, 1); // the service sees itself as the main script, as `node main.cjs` would
const source = fs.readFileSync(file, 'utf8');
const stat = fs.statSync(file);
const cacheFile = `${file}.${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}.v8cache`;
/** How long after start the cache is written, if it was missing or refused (or at a graceful exit before). */
const cacheAfterMs = Number(process.env.KEYGUARD_CODE_CACHE_AFTER_MS ?? 10_000);

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // first run of this bundle
}
const wrapped = Module.wrap(source);
// A dynamic import() in the bundle (the mongodb driver and others import optional packages so)
// loads as it would from a file.
hideLoaderWarning();
const script = new vm.Script(wrapped, { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
mapStackTraces(file, Module.wrap('').indexOf('\n'));

if (!cachedData || script.cachedDataRejected) {
  let written = false;
  const writeCache = () => {
    if (written) return;
    written = true;
    try {
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile); // atomic: several instances may write it at once
    } catch {
      // a read-only checkout runs without a cache
    }
  };
  setTimeout(writeCache, cacheAfterMs).unref();
  process.once('exit', writeCache);
}

const mod = new Module(file, null);
mod.filename = file;
mod.paths = Module._nodeModulePaths(path.dirname(file));
mod.loaded = true;
process.mainModule = mod;
require.main = mod;
script.runInThisContext({ displayErrors: true }).call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));

/**
 * Node 20 calls `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER` experimental and warns once, at a
 * bundle's first dynamic import(), in every service of `npm start`: that one warning, and no
 * other, is not shown. The option is what `node main.cjs` itself does for import().
 */
function hideLoaderWarning() {
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    const message = typeof warning === 'string' ? warning : warning?.message;
    if (typeof message === 'string' && message.includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) {
      process.emitWarning = emitWarning; // Node warns once
      return;
    }
    return emitWarning.call(process, warning, ...rest);
  };
}

/**
 * Formats stack traces with the bundle's positions mapped to the sources (its .map file,
 * loaded on the first stack that needs it). `firstLineShift`: the columns Module.wrap put
 * before the bundle's first line. The mappings are decoded with @jridgewell/sourcemap-codec
 * (Vite's and Rollup's decoder), into arrays: kafkajs reads its errors' stacks while the
 * broker is still starting, and node:module's SourceMap took 0.4 CPU-s to decode this map.
 */
function mapStackTraces(bundle, firstLineShift) {
  let map;
  const load = () => {
    try {
      const { sources, mappings } = JSON.parse(fs.readFileSync(`${bundle}.map`, 'utf8'));
      const { decode } = require('@jridgewell/sourcemap-codec');
      return { sources: sources.map((s) => path.resolve(path.dirname(bundle), s)), lines: decode(mappings) };
    } catch {
      return null;
    }
  };
  const lookup = (line, column) => {
    if (map === undefined) map = load();
    const segments = map?.lines[line - 1];
    if (!segments) return undefined;
    const col = column - 1 - (line === 1 ? firstLineShift : 0);
    let lo = 0;
    let hi = segments.length - 1;
    let found;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid][0] <= col) {
        found = segments[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (!found || found.length < 4) return undefined;
    return `${map.sources[found[1]]}:${found[2] + 1}:${found[3] + 1}`;
  };
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((frame) => {
      const text = String(frame);
      if (frame.getFileName() !== bundle) return `    at ${text}`;
      const at = `${bundle}:${frame.getLineNumber()}:${frame.getColumnNumber()}`;
      const mapped = lookup(frame.getLineNumber(), frame.getColumnNumber());
      return `    at ${mapped ? text.replace(at, mapped) : text}`;
    });
    let head;
    try {
      head = String(error);
    } catch {
      head = '<error>';
    }
    return [head, ...lines].join('\n');
  };
}
