import type { OutgoingMessage } from '@keyguard/bus';
import type { Scanner } from '@keyguard/detectors';
import type { ExposureLocation, GitlabSourceEvent } from '@keyguard/events';
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
import type { FileDiff, GitlabApi } from '../adapters/gitlab-api.js';
import { blobPermalink, type PushData, WEBHOOK_COMMIT_LIMIT, ZERO_SHA } from '../domain/push.js';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const CONCURRENCY = 6;

interface Occurrence {
  found: FoundSecret;
  location: ExposureLocation;
}

/**
 * Scans a push's added lines: one compare before..after, or commit by commit when the compare
 * timed out (`compare_timeout`), more than 20 commits were pushed, or the ref is new. A diff
 * GitLab left out (too large, collapsed) is replaced by the whole file at that commit.
 */
export function createGitlabWorker({ api, scanner, service, maxPerEvent }: { api: GitlabApi; scanner: Scanner; service: string; maxPerEvent?: number }) {
  async function scanDiffs(data: PushData, sha: string, diffs: FileDiff[]): Promise<Occurrence[]> {
    const wanted = diffs.filter((d) => !d.deleted && d.path && shouldScanPath(d.path));
    const perFile = await mapLimit(wanted, CONCURRENCY, async (d) => {
      let findings: LineFinding[];
      if (d.omitted) {
        const content = await api.rawFile(data.projectId, d.path, sha);
        if (content.length > MAX_FILE_BYTES || looksBinary(content)) return [];
        findings = scanFile(scanner, content, d.path);
      } else findings = scanAddedLines(scanner, addedLines(d.diff), d.path);
      return findings.map(({ found, line }) => ({
        found,
        location: {
          source: 'gitlab' as const,
          kind: 'commit',
          url: blobPermalink(data.webUrl, sha, d.path, line),
          repository: data.project,
          commit: sha,
          path: d.path,
          line,
        },
      }));
    });
    return perFile.flat();
  }

  async function perCommit(data: PushData, commits: string[]): Promise<Occurrence[]> {
    const list = commits.length > 0 ? commits : [data.checkoutSha ?? data.after];
    const found = await mapLimit(list, CONCURRENCY, async (sha) => scanDiffs(data, sha, await api.commitDiff(data.projectId, sha)));
    return found.flat();
  }

  async function scanPush(data: PushData, log: Logger): Promise<Occurrence[]> {
    if (ZERO_SHA.test(data.before)) return perCommit(data, data.commits);
    const compare = await api.compare(data.projectId, data.before, data.after);
    if (compare.timedOut || data.totalCommits > WEBHOOK_COMMIT_LIMIT) {
      log.info({ timedOut: compare.timedOut, commits: data.totalCommits }, 'scanning commit by commit');
      return perCommit(data, compare.commits.length > 0 ? compare.commits : data.commits);
    }
    return scanDiffs(data, data.after, compare.diffs);
  }

  return async function collect(event: GitlabSourceEvent, log: Logger): Promise<OutgoingMessage[]> {
    const { data } = event.payload;
    const occurrences = await scanPush(data, log);
    return eventExposures(occurrences, {
      source: service,
      correlationId: event.payload.deliveryId,
      detectedAt: new Date(),
      publishedAt: new Date(event.payload.receivedAt),
      maxPerEvent,
      public: data.public === true,
      summaryLocation: { source: 'gitlab', kind: 'push', url: data.webUrl, repository: data.project, commit: data.after },
    });
  };
}
