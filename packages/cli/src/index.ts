export { run, type Io, EXIT, VERSION, DEFAULT_MAX_FILE_SIZE } from './run.js';
export { parseCommand, type Command, type Format, USAGE } from './args.js';
export { loadConfig, resolveConfig, type LoadedConfig } from './config.js';
export { ConfigFile } from './config-schema.js';
export { loadBaseline } from './baseline.js';
export { walk, type FileEntry } from './walk.js';
export { scanFiles, type FileFinding } from './scan-files.js';
export { formatJson, formatSarif, formatText, formatRules, type Report } from './format.js';
export { CliError } from './errors.js';
