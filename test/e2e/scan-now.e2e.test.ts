/**
 * "Scan now" in a real browser against the real stack: keys-api (with the built dashboard)
 * and policy, plus github-ingest's scan-job worker, which clones a real repository served over
 * dumb HTTP and scans its whole history. The admin asks for a scan of a repository where one
 * of the team's keys was committed and later removed, watches the scan finish in the list of
 * recent scans, and finds the key under Secret Scanner, located at the commit that added it.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKafka } from '@keyguard/bus';
import { createTestTopic } from '@keyguard/testkit/bus';
import { createTestRepo, type DumbHttpServer, publishBare, serveDumbHttp, type TestRepo } from '@keyguard/testkit/git';
import { type RunningService, startService as startGithubIngest } from '@keyguard/github-ingest/service';
import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from '@keyguard/testkit/store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, readmeScreenshotDir, screenshot } from './support/browser.js';
import { type Issuer, startIssuer } from './support/issuer.js';
import { dashboardDist, generateKey, requireDashboardBuild } from './support/stack.js';

requireDashboardBuild();

const poll = <T>(read: () => T | Promise<T>, timeout = 30_000) => expect.poll(read, { timeout, interval: 200 });

let issuer: Issuer;
let github: RunningService;
let http: DumbHttpServer;
let served: string;
let repo: TestRepo;
let browser: Browser;
let page: Page;
let leakCommit = '';
let leaked: { id: string; name: string; key: string; preview: string };
const adminKey = generateKey();

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${issuer.keysApiUrl}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  const logger = createLogger({ name: 'scan-now-e2e', level: 'error' });
  const brokers = process.env['KAFKA_BROKERS']!.split(',');
  const kafka = createKafka({ brokers, clientId: 'scan-now-e2e', logger });
  const topics = {
    exposures: await createTestTopic(kafka, 'scan-exp', 1),
    keyEvents: await createTestTopic(kafka, 'scan-keyev', 1),
    scanRequests: await createTestTopic(kafka, 'scan-req', 1),
    sourceEvents: await createTestTopic(kafka, 'scan-src', 1),
    dlq: await createTestTopic(kafka, 'scan-dlq', 1),
  };
  const dbName = uniqueDbName('scan_e2e');
  issuer = await startIssuer({
    logger,
    logLevel: 'error',
    dbName,
    topics,
    adminKey,
    admin: { email: 'ada@acme.test', name: 'Ada Admin' },
    dashboardDir: dashboardDist,
  });

  served = mkdtempSync(path.join(tmpdir(), 'keyguard-scan-e2e-'));
  http = await serveDumbHttp(served);
  github = await startGithubIngest(
    {
      ...issuer.common,
      GITHUB_WEBHOOK_SECRET: randomBytes(20).toString('hex'),
      GITHUB_API_URL: 'http://127.0.0.1:9',
      GITHUB_PARTNER_KEYS_URL: 'http://127.0.0.1:9/keys',
      GITHUB_GIT_URL: http.url,
      KEYGUARD_HASH_KEY: randomBytes(32).toString('hex'),
    },
    { logger, topics, groupId: `scan-e2e-${randomBytes(4).toString('hex')}`, receiver: false },
  );

  // one of the team's keys, committed to a repository and removed two commits later
  leaked = await call('POST', '/keys', { name: 'Deploy script' });
  repo = await createTestRepo();
  await repo.commit({ 'README.md': '# leaky\n' });
  leakCommit = await repo.commit({ 'scripts/deploy.sh': `#!/bin/sh\nexport POSTMAN_API_KEY=${leaked.key}\nnewman run collection.json\n` });
  await repo.commit({ 'docs/usage.md': 'Run scripts/deploy.sh\n' });
  await repo.commit({ 'scripts/deploy.sh': '#!/bin/sh\nnewman run collection.json\n' });
  await publishBare(repo, served, 'acme/leaky');

  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await github?.stop();
  await issuer?.stop();
  await http?.stop();
  repo?.cleanup();
  if (served) rmSync(served, { recursive: true, force: true });
});

describe('Scan now', () => {
  it('scans a repository’s whole history from the Secret Scanner page and shows what it found', async () => {
    await page.goto(issuer.keysApiUrl);
    await page.getByLabel('API key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secret Scanner' }).click();
    await page.getByRole('heading', { name: 'Secret Scanner findings' }).waitFor();

    // a target that is not a repository is refused in the dialog, with the reason
    await page.getByRole('button', { name: 'Scan now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scan now' });
    await dialog.getByLabel('Repository').fill('not a repository');
    await dialog.getByRole('button', { name: 'Start scan' }).click();
    await poll(() => dialog.getByRole('alert').textContent()).toContain('owner/repo');

    await dialog.getByLabel('Source').selectOption('github');
    await dialog.getByLabel('Repository').fill('https://github.com/acme/leaky');
    await dialog.getByRole('button', { name: 'Start scan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('.toast').allTextContents()).toContain('Scan of acme/leaky queued');

    const row = page.locator('tr.scan-row', { hasText: 'acme/leaky' });
    await poll(() => row.locator('.tag').textContent()).toBe('Done');
    expect(await row.locator('.scan-progress').textContent()).toMatch(/^4 commits · [\d.]+ KB · 1 secret$/);
    expect(await row.locator('td').nth(1).textContent()).toBe('Ada Admin');

    // the key removed from the repository is a finding, at the commit that added it
    const card = page.locator('li.finding', { hasText: leaked.preview });
    await poll(() => card.count()).toBe(1);
    await expect.poll(() => card.locator('.finding-key').textContent()).toContain('Deploy script');
    await card.getByRole('button', { name: 'Details' }).click();
    const link = card.locator('.finding-details a').first();
    // permalinks point at GITHUB_GIT_URL, here the local server standing in for github.com
    await expect.poll(() => link.getAttribute('href')).toBe(`${http.url}/acme/leaky/blob/${leakCommit}/scripts/deploy.sh#L2`);
    const shot = await screenshot(page, 'scan-now', { hideToasts: true });
    if (process.env['UPDATE_README_SCREENSHOTS'] === '1') copyFileSync(shot, path.join(readmeScreenshotDir, 'scan-now.png'));

    // and the same through the API a script would use
    const scans = await call<{ items: Array<{ target: string; status: string; counts: { secrets: number }; progress: { commits: number } }> }>('GET', '/scans');
    expect(scans.items.find((s) => s.target === 'acme/leaky')).toMatchObject({ status: 'done', counts: { secrets: 1 }, progress: { commits: 4 } });
  });
});
