export { GitError, type GitErrorCode, type GitRunOptions, gitText, runGit } from './git.js';
export { listCommits, type LogSelection, type LogSlice, logArguments, streamLog } from './git-log.js';
export { type CommitInfo, createPatchParser, type FilePatch, LOG_FORMAT, type PatchHandlers, type PatchParser, type SkipReason } from './patch-parser.js';
export { unquoteCPath } from './c-quote.js';
export { type GitFinding, type HistoryScanOptions, type HistoryStats, scanHistory } from './history-scan.js';
export { type ClonedRepository, type CloneOptions, cloneBare, configEnv, directorySize, missingBlobPaths, refTips } from './clone.js';
