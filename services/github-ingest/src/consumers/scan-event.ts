import type { OutgoingMessage } from '@keyguard/bus';
import type { Scanner } from '@keyguard/detectors';
import type { ExposureLocation, GithubSourceEvent } from '@keyguard/events';
import {
  addedLines,
  eventExposures,
  type FoundSecret,
  type LineFinding,
  looksBinary,
  mapLimit,
  scanAddedLines,
  scanFile,
  shouldScanPath,
} from '@keyguard/ingest-kit';
import type { Logger } from '@keyguard/logger';
import { type ChangedFile, COMPARE_FILE_LIMIT, type GithubApi } from '../adapters/github-api.js';
import type { GithubApis } from '../adapters/github-apis.js';
import { blobPermalink, type PushData, ZERO_SHA } from '../domain/push.js';

/** Files larger than this are not fetched whole (a diff without a patch, a snapshot blob). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const CONCURRENCY = 6;

interface Occurrence {
  found: FoundSecret;
  location: ExposureLocation;
}

export interface GithubWorkerDeps {
  apis: GithubApis;
  scanner: Scanner;
  service: string;
  maxPerEvent?: number;
}

/**
 * Scans the added and modified lines of a push: one compare before...after when it is
 * complete, else commit by commit (new branch, truncated compare). A file without a patch
 * (GitHub leaves out diffs that are too large) is fetched whole at that commit.
 */
export function createGithubWorker({ apis, scanner, service, maxPerEvent }: GithubWorkerDeps) {
  async function scanFiles(
    api: GithubApi,
    data: { repository: string; repositoryUrl: string },
    sha: string,
    files: ChangedFile[],
    log: Logger,
  ): Promise<Occurrence[]> {
    const wanted = files.filter((f) => f.status !== 'removed' && shouldScanPath(f.filename));
    const perFile = await mapLimit(wanted, CONCURRENCY, async (file) => {
      let findings: LineFinding[];
      if (file.patch !== undefined) findings = scanAddedLines(scanner, addedLines(file.patch), file.filename);
      else {
        if ((file.changes ?? 1) === 0) return [];
        const content = await api.rawFile(data.repository, file.filename, sha);
        if (!content || content.length > MAX_FILE_BYTES || looksBinary(content)) return [];
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
    // an App installation's event is read with its installation token; a repository webhook's with GITHUB_TOKEN
    const api = apis.for(data.installationId);
    if (!ZERO_SHA.test(data.before)) {
      const compare = await api.compare(data.repository, data.before, data.after);
      const truncated = compare.files.length >= COMPARE_FILE_LIMIT || compare.totalCommits > compare.commits.length;
      if (!truncated) return scanFiles(api, data, data.after, compare.files, log);
      log.info({ files: compare.files.length, commits: compare.totalCommits }, 'compare truncated; scanning commit by commit');
    }
    const commits = data.commits.length > 0 ? data.commits : [data.after];
    const perCommit = await mapLimit(commits, CONCURRENCY, async (sha) => scanFiles(api, data, sha, await api.commitFiles(data.repository, sha), log));
    return perCommit.flat();
  }

  // Only pushes are source events: a repository made public is a history scan job (keyguard.scan-requests.v1).
  return async function collect(event: GithubSourceEvent, log: Logger): Promise<OutgoingMessage[]> {
    const { data, deliveryId } = event.payload;
    const occurrences = await scanPush(data, log);
    // Only a public repository's tokens may go to the relay (sealed, for their issuer).
    const isPublic = !data.private;
    return eventExposures(occurrences, {
      source: service,
      correlationId: deliveryId,
      detectedAt: new Date(),
      publishedAt: new Date(event.payload.receivedAt),
      maxPerEvent,
      public: isPublic,
      summaryLocation: { source: 'github', kind: 'push', url: data.repositoryUrl, repository: data.repository, commit: data.after },
    });
  };
}
