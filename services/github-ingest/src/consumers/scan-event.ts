import type { OutgoingMessage } from '@keyguard/bus';
import type { Scanner } from '@keyguard/detectors';
import type { ExposureLocation, SourceEventReceived } from '@keyguard/events';
import { addedLines, type LineFinding, mapLimit, distinctOccurrences, exposureMessage, type FoundSecret, looksBinary, scanAddedLines, scanFile, shouldScanPath } from '@keyguard/ingest-kit';
import type { Logger } from '@keyguard/logger';
import { type ChangedFile, COMPARE_FILE_LIMIT, type GithubApi } from '../adapters/github-api.js';
import { blobPermalink, type PushData, type SnapshotData, ZERO_SHA } from '../domain/push.js';

/** Files larger than this are not fetched whole (a diff without a patch, a snapshot blob). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SNAPSHOT_MAX_FILES = 2000;
const CONCURRENCY = 6;

interface Occurrence {
  found: FoundSecret;
  location: ExposureLocation;
}

export interface GithubWorkerDeps {
  api: GithubApi;
  scanner: Scanner;
  service: string;
}

/**
 * Scans the added and modified lines of a push: one compare before...after when it is
 * complete, else commit by commit (new branch, truncated compare). A file without a patch
 * (GitHub leaves out diffs that are too large) is fetched whole at that commit.
 */
export function createGithubWorker({ api, scanner, service }: GithubWorkerDeps) {
  async function scanFiles(data: { repository: string; repositoryUrl: string }, sha: string, files: ChangedFile[], log: Logger): Promise<Occurrence[]> {
    const wanted = files.filter((f) => f.status !== 'removed' && shouldScanPath(f.filename));
    const perFile = await mapLimit(wanted, CONCURRENCY, async (file) => {
      let findings: LineFinding[];
      if (file.patch !== undefined) findings = scanAddedLines(scanner, addedLines(file.patch), file.filename);
      else {
        if ((file.changes ?? 1) === 0) return [];
        const content = await api.rawFile(data.repository, file.filename, sha);
        if (content.length > MAX_FILE_BYTES || looksBinary(content)) return [];
        log.debug({ path: file.filename }, 'diff not included; scanned the whole file');
        findings = scanFile(scanner, content, file.filename);
      }
      return findings.map(({ found, line }) => ({
        found,
        location: {
          source: 'github' as const,
          kind: 'commit',
          url: blobPermalink(data.repositoryUrl, sha, file.filename, line),
          repository: data.repository,
          commit: sha,
          path: file.filename,
          line,
        },
      }));
    });
    return perFile.flat();
  }

  async function scanPush(data: PushData, log: Logger): Promise<Occurrence[]> {
    if (!ZERO_SHA.test(data.before)) {
      const compare = await api.compare(data.repository, data.before, data.after);
      const truncated = compare.files.length >= COMPARE_FILE_LIMIT || compare.totalCommits > compare.commits.length;
      if (!truncated) return scanFiles(data, data.after, compare.files, log);
      log.info({ files: compare.files.length, commits: compare.totalCommits }, 'compare truncated; scanning commit by commit');
    }
    const commits = data.commits.length > 0 ? data.commits : [data.after];
    const perCommit = await mapLimit(commits, CONCURRENCY, async (sha) => scanFiles(data, sha, await api.commitFiles(data.repository, sha), log));
    return perCommit.flat();
  }

  async function scanSnapshot(data: SnapshotData, log: Logger): Promise<Occurrence[]> {
    const sha = await api.headOf(data.repository, data.defaultBranch ?? 'main');
    const tree = await api.tree(data.repository, sha);
    const files = tree.files.filter((f) => f.size <= MAX_FILE_BYTES && shouldScanPath(f.path)).slice(0, SNAPSHOT_MAX_FILES);
    if (tree.truncated || files.length === SNAPSHOT_MAX_FILES) log.warn({ files: tree.files.length }, 'repository snapshot truncated');
    const perFile = await mapLimit(files, CONCURRENCY, async (file) => {
      const content = await api.blob(data.repository, file.sha);
      if (looksBinary(content)) return [];
      return scanFile(scanner, content, file.path).map(({ found, line }) => ({
        found,
        location: {
          source: 'github' as const,
          kind: 'file',
          url: blobPermalink(data.repositoryUrl, sha, file.path, line),
          repository: data.repository,
          commit: sha,
          path: file.path,
          line,
        },
      }));
    });
    return perFile.flat();
  }

  return async function collect(event: SourceEventReceived, log: Logger): Promise<OutgoingMessage[]> {
    const { kind, data, deliveryId } = event.payload;
    let occurrences: Occurrence[];
    // A snapshot is of a repository made public; a push is public unless the repository is private.
    const isPublic = kind !== 'push' || (data as unknown as PushData).private === false;
    if (kind === 'push') occurrences = await scanPush(data as unknown as PushData, log);
    else if (kind === 'public' || kind === 'repository') occurrences = await scanSnapshot(data as unknown as SnapshotData, log);
    else {
      log.warn('unknown GitHub event kind; skipped');
      return [];
    }
    const detectedAt = new Date();
    return distinctOccurrences(occurrences).map((o) => exposureMessage(o.found, o.location, { source: service, correlationId: deliveryId, detectedAt, public: isPublic }));
  };
}
