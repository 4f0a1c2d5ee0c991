/**
 * Test helpers: real repositories made with real git, and a static HTTP server that serves a
 * bare repository the way "dumb HTTP" hosting does (after `git update-server-info`), which
 * real `git clone` reads. Nothing here is used in production code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { gitText } from '@keyguard/git-history';

export interface TestRepo {
  /** The work tree. */
  dir: string;
  git(...args: string[]): Promise<string>;
  /**
   * Writes (string/Buffer) or deletes (null) files and commits them; returns the full SHA.
   * `date` pins both author and committer date (ISO 8601), so commit order is predictable.
   */
  commit(files: Record<string, string | Buffer | null>, init?: { message?: string; author?: string; email?: string; date?: string }): Promise<string>;
  /** A bare copy with `git update-server-info` run, ready to be served over dumb HTTP. */
  bare(name?: string): Promise<string>;
  cleanup(): void;
}

let clock = Date.parse('2024-01-01T00:00:00Z');
/** Increasing commit dates, one minute apart, unless a test pins its own. */
const nextDate = () => {
  clock += 60_000;
  return new Date(clock).toISOString();
};

export async function createTestRepo(): Promise<TestRepo> {
  const root = mkdtempSync(path.join(tmpdir(), 'keyguard-git-'));
  const dir = path.join(root, 'work');
  await mkdir(dir);
  const git = (...args: string[]) => gitText(args, { cwd: dir, env: { GIT_CONFIG_NOSYSTEM: '1', HOME: root } });
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Keyguard Test');
  await git('config', 'user.email', 'test@keyguard.local');
  await git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    async commit(files, init = {}) {
      for (const [rel, content] of Object.entries(files)) {
        const abs = path.join(dir, ...rel.split('/'));
        if (content === null) await rm(abs, { force: true });
        else {
          await mkdir(path.dirname(abs), { recursive: true });
          await writeFile(abs, content);
        }
      }
      await git('add', '-A');
      const date = init.date ?? nextDate();
      await gitText(
        [
          'commit',
          '-q',
          '--allow-empty',
          '-m',
          init.message ?? 'change',
          `--author=${init.author ?? 'Keyguard Test'} <${init.email ?? 'test@keyguard.local'}>`,
        ],
        {
          cwd: dir,
          env: { GIT_CONFIG_NOSYSTEM: '1', HOME: root, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
        },
      );
      return git('rev-parse', 'HEAD');
    },
    async bare(name = 'repo.git') {
      const target = path.join(root, 'served', name);
      await mkdir(path.dirname(target), { recursive: true });
      await rm(target, { recursive: true, force: true });
      await gitText(['clone', '-q', '--bare', '--mirror', dir, target]);
      await gitText(['update-server-info'], { cwd: target });
      return target;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface DumbHttpServer {
  /** Base URL: a repository at `<root>/octo/hello.git` clones from `${url}/octo/hello.git`. */
  url: string;
  /** Paths requested, in order (to see that a clone happened). */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * Serves a directory of bare repositories as static files: git's "dumb HTTP" protocol.
 * `authorize` sees each request's Authorization header (to prove a clone sent a token); a
 * request it refuses gets 401 as a hosting service answers.
 */
export async function serveDumbHttp(
  root: string,
  { authorize }: { authorize?: (authorization: string | undefined, url: string) => boolean } = {},
): Promise<DumbHttpServer> {
  const app = Fastify({ logger: false });
  const requests: string[] = [];
  app.addHook('onRequest', async (request, reply) => {
    requests.push(request.url);
    if (authorize && !authorize(request.headers.authorization, request.url)) {
      await reply.code(401).header('www-authenticate', 'Basic realm="git"').send('authentication required');
    }
  });
  await app.register(fastifyStatic, { root, prefix: '/', dotfiles: 'allow', index: false, list: false, decorateReply: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests, stop: () => app.close() };
}

/** Copies a test repository's bare form under `root/<fullName>.git` for serveDumbHttp. */
export async function publishBare(repo: TestRepo, root: string, fullName: string): Promise<string> {
  const target = path.join(root, `${fullName}.git`);
  await mkdir(path.dirname(target), { recursive: true });
  await rm(target, { recursive: true, force: true });
  await gitText(['clone', '-q', '--bare', '--mirror', repo.dir, target]);
  await gitText(['update-server-info'], { cwd: target });
  return target;
}
