/**
 * The dashboard in a real browser (Debian's chromium via playwright-core) against the real
 * stack: keys-api + policy in this process, Kafka and FerretDB from infra/. Every test starts
 * from a world of its own — a fresh team (Ada the admin, Bob a member, Cleo a team admin, five
 * keys, one disabled and one revoked) and a fresh browser context — and the tests run in random
 * order (describe.shuffle), so none depends on another. Each page is also checked with axe-core.
 * Screenshots land in test/e2e/screenshots/ (git-ignored); UPDATE_README_SCREENSHOTS=1 also
 * refreshes the committed ones in test/e2e/readme-screenshots/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { animationsSettled, axeViolations, type Browser, type Chromium, readmeScreenshotDir, screenshot, startChromium } from './support/browser.js';
import { generateKey, type IssuedKey, requireDashboardBuild, type Stack, startStack } from './support/stack.js';

requireDashboardBuild();

const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What the admin sees, given time: the page refreshes on its own, and CI machines are slow. */
const poll = <T>(read: () => T | Promise<T>, timeout = 10_000) => expect.poll(read, { timeout, interval: 100 });

interface KeyView {
  id: string;
  name: string;
  status: string;
  createdBy: { id: string };
}
interface CreatedKey extends KeyView {
  preview: string;
  key: string;
}

/** One test's world: its team, people and keys, and a browser context of its own. */
interface World {
  teamId: string;
  adminId: string;
  adminKey: string;
  bobKey: string;
  keys: Record<string, IssuedKey>;
  /** Key names in creation order (the admin's own key first). */
  created: string[];
  browser: Browser;
}

let stack: Stack;
let chromium: Chromium;
let w: World;
let page: Page;
const readme: Record<string, string> = {};
/** What the Content-Security-Policy blocked, reported on the console of any page a test opened. */
const cspViolations: string[] = [];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const keyRow = (name: string) => page.locator('tr.key-row', { has: page.locator('.key-title', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
const exposureRow = (name: string) => page.locator('tr.exposure-row', { has: page.locator('.key-title', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
const rowNames = () => page.locator('tr.key-row .key-title').allTextContents();
const statusOf = async (name: string) => {
  const list = await stack.call<{ items: KeyView[] }>(w.adminKey, 'GET', '/keys?limit=200');
  return list.items.find((k) => k.name === name)?.status;
};
const exposedNames = async () => (await stack.call<{ items: { name: string }[] }>(w.adminKey, 'GET', '/exposures')).items.map((k) => k.name);

async function shot(name: string, readmeName?: string) {
  // README images show the page itself, without the passing notifications of earlier steps.
  const path = await screenshot(page, name, { hideToasts: readmeName !== undefined });
  if (readmeName) readme[readmeName] = path;
}

/** axe-core finds nothing to fix on what the page shows now. */
async function expectAccessible(on: Page = page) {
  expect(await axeViolations(on)).toEqual([]);
}

async function createKey(asKey: string, name: string): Promise<IssuedKey> {
  const k = await stack.call<CreatedKey>(asKey, 'POST', '/keys', { name });
  w.keys[name] = { id: k.id, name: k.name, preview: k.preview, secret: k.key };
  w.created.push(name);
  await sleep(5); // distinct createdAt for the sort assertions
  return w.keys[name]!;
}

async function goTo(link: 'Overview' | 'API keys' | 'My keys' | 'Exposed keys' | 'Secret Scanner' | 'Audit log' | 'Team Settings' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
}

/** The session cookie keys-api gives for `apiKey`, put in the context: signed in without the form. */
async function signIn(browser: Browser, apiKey: string) {
  const res = await fetch(`${stack.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiKey }) });
  const value = /keyguard_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 204 || !value) throw new Error(`could not open a session: ${res.status}`);
  await browser.context.addCookies([{ name: 'keyguard_session', value, url: stack.url, httpOnly: true, sameSite: 'Strict' }]);
}

async function newWorld({ signedIn = true } = {}): Promise<World> {
  const suffix = randomUUID().slice(0, 8);
  const team = await stack.newTeam({ name: 'Ada Admin', email: `ada.${suffix}@acme.test` }, 'Admin key');
  await sleep(5); // distinct createdAt for the sort assertions
  const bob = await stack.call<{ key: CreatedKey }>(team.key.secret, 'POST', '/users', {
    email: `bob.${suffix}@acme.test`,
    name: 'Bob Builder',
    role: 'member',
  });
  await sleep(5);
  const cleo = await stack.call<{ key: CreatedKey }>(team.key.secret, 'POST', '/users', {
    email: `cleo.${suffix}@acme.test`,
    name: 'Cleo Chen',
    role: 'team_admin',
  });
  await sleep(5);
  w = {
    teamId: team.teamId,
    adminId: team.userId,
    adminKey: team.key.secret,
    bobKey: bob.key.key,
    keys: {},
    created: [team.key.name, bob.key.name, cleo.key.name],
    browser: await chromium.newPage(),
  };
  page = w.browser.page;
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await createKey(w.adminKey, 'CI pipeline');
  await createKey(w.adminKey, 'Monitoring');
  await createKey(w.bobKey, 'Newman runner');
  await createKey(w.bobKey, 'Partner sync');
  await createKey(cleo.key.key, 'Local dev');
  await stack.call(w.adminKey, 'POST', `/keys/${w.keys['Partner sync']!.id}/disable`, {});
  await stack.call(w.adminKey, 'POST', `/keys/${w.keys['Monitoring']!.id}/revoke`, {});
  if (signedIn) {
    await signIn(w.browser, w.adminKey);
    // Admins land on the Overview; most tests start from their keys.
    await page.goto(`${stack.url}/#/keys`);
    await page.getByRole('heading', { name: 'Manage API keys' }).waitFor();
    await keyRow('CI pipeline').waitFor();
  }
  return w;
}

/** Publishes an exposure of `key` and waits until the API lists it as exposed. */
async function expose(key: IssuedKey, location: Parameters<Stack['publishExposure']>[1]) {
  await stack.publishExposure(key.secret, location);
  await poll(exposedNames, 30_000).toContain(key.name);
}

beforeAll(async () => {
  stack = await startStack();
  chromium = await startChromium();
}, 120_000);

beforeEach(async (context) => {
  // The sign-in test starts from the form; every other one from a signed-in admin.
  await newWorld({ signedIn: !context.task.name.startsWith('signs in') });
}, 60_000);

afterEach(async () => {
  await w?.browser.close();
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (process.env['UPDATE_README_SCREENSHOTS'] === '1') {
    mkdirSync(readmeScreenshotDir, { recursive: true });
    for (const [name, path] of Object.entries(readme)) copyFileSync(path, join(readmeScreenshotDir, `${name}.png`));
  }
});

describe.shuffle('dashboard', () => {
  it('signs in with an API key into an HttpOnly SameSite=Strict session, never keeping the key in the page', async () => {
    await page.goto(stack.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('01-sign-in', 'sign-in');
    await expectAccessible();

    await page.getByLabel('API key').fill(generateKey());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('not valid');

    await page.getByLabel('API key').fill(w.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // An admin lands on the Overview.
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await goTo('API keys');
    await page.getByRole('heading', { name: 'Manage API keys' }).waitFor();
    await keyRow('CI pipeline').waitFor();

    const cookies = await w.browser.context.cookies(stack.url);
    const session = cookies.find((c) => c.name === 'keyguard_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(session?.value).not.toContain(w.adminKey);
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
    expect(stored).not.toContain(w.adminKey);
    expect(stored).not.toContain('keyguard_session'); // HttpOnly: invisible to scripts
    await poll(() => page.locator('.account-name').textContent()).toContain('Ada Admin');
  });

  it('lists every team key with creator, dates, tags, and the revoked tag tooltip', async () => {
    await poll(rowNames).toEqual([...w.created].reverse());
    await expectAccessible();
    const ci = keyRow('CI pipeline');
    expect(await ci.locator('td[data-label="Created by"]').textContent()).toContain('Ada Admin');
    expect(await ci.locator('td[data-label="Created"]').textContent()).toContain(today);
    expect(await ci.locator('td[data-label="Expires"]').textContent()).toBe('Never');
    expect(await ci.locator('.key-preview').textContent()).toBe(w.keys['CI pipeline']!.preview);
    expect(await keyRow('Partner sync').locator('.tag').allTextContents()).toEqual(['Disabled']);

    const revoked = keyRow('Monitoring');
    expect(await revoked.locator('td[data-label="Created"] .revoked-date').textContent()).toBe(`Revoked ${today}`);
    await revoked.getByText('Revoked', { exact: true }).hover();
    const tooltip = revoked.getByRole('tooltip');
    await poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toBe(`Revoked by an admin (Ada Admin) on ${today}`);
    await animationsSettled(page);
    await shot('02-keys-revoked-tooltip');

    // Keyboard users get the same text: the tag is focusable and describes itself.
    await page.mouse.move(0, 0);
    await poll(() => tooltip.isVisible()).toBe(false);
    await revoked.getByRole('button', { name: 'Revoked' }).focus();
    await poll(() => tooltip.isVisible()).toBe(true);
    expect(await revoked.getByRole('button', { name: 'Revoked' }).getAttribute('aria-describedby')).toBe(await tooltip.getAttribute('id'));
    await page.keyboard.press('Tab');
  });

  it('filters by View checkboxes and Created by', async () => {
    await page.getByRole('checkbox', { name: 'Enabled' }).uncheck();
    await poll(rowNames).toEqual(['Partner sync', 'Monitoring']);
    await page.getByRole('checkbox', { name: 'Disabled' }).uncheck();
    await poll(rowNames).toEqual(['Monitoring']);
    await page.getByRole('checkbox', { name: 'Revoked' }).uncheck();
    await page.getByText('Select at least one of Enabled, Disabled or Revoked.').waitFor();
    for (const name of ['Enabled', 'Disabled', 'Revoked']) await page.getByRole('checkbox', { name }).check();
    await poll(rowNames).toHaveLength(w.created.length);

    await page.getByLabel('Created by').selectOption({ label: 'Bob Builder' });
    await poll(rowNames).toEqual(['Partner sync', 'Newman runner', "Bob Builder's key"]);
    await page.getByLabel('Created by').selectOption({ label: 'Anyone' });
    await poll(rowNames).toHaveLength(w.created.length);
  });

  it('searches by the full key value, without the key in any URL', async () => {
    const urls: string[] = [];
    const record = (request: { url(): string }) => urls.push(request.url());
    page.on('request', record);
    const search = page.getByLabel('Search by key value');
    await search.fill(w.keys['Local dev']!.secret);
    await search.press('Enter');
    await poll(rowNames).toEqual(['Local dev']);
    page.off('request', record);
    expect(urls.some((u) => u.includes('keyHash='))).toBe(true);
    expect(urls.filter((u) => u.includes(w.keys['Local dev']!.secret.slice(5)))).toEqual([]);

    await search.fill(generateKey());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No key matches this value').waitFor();
    await search.fill('');
    await poll(rowNames).toHaveLength(w.created.length);
  });

  it('sorts newest, oldest and recently used', async () => {
    const sort = page.getByLabel('Sort');
    await sort.selectOption({ label: 'Oldest' });
    await poll(rowNames).toEqual(w.created);
    // Using a key stamps its lastUsedAt.
    await stack.call(w.keys['Newman runner']!.secret, 'GET', '/me');
    await sort.selectOption({ label: 'Recently used' });
    // Newman runner was used last (only this session's own key may have been stamped since),
    // and keys never used come after every used one.
    await poll(async () => (await rowNames()).slice(0, 2)).toContain('Newman runner');
    const order = await rowNames();
    const neverUsed = ['CI pipeline', 'Monitoring', 'Partner sync', 'Local dev'].map((n) => order.indexOf(n));
    const used = ['Newman runner', "Bob Builder's key", "Cleo Chen's key", 'Admin key'].map((n) => order.indexOf(n));
    expect(Math.max(...used)).toBeLessThan(Math.min(...neverUsed));
    expect(await keyRow('Newman runner').locator('td[data-label="Last used"]').textContent()).toMatch(/Just now|min/);
    await sort.selectOption({ label: 'Newest' });
    await poll(rowNames).toEqual([...w.created].reverse());
  });

  it('shows empty states while nothing has leaked, and an error state with a retry when the API is unreachable', async () => {
    // The network drops under the page: the error says so and offers a retry.
    const exposuresUrl = /\/api\/v1\/exposures(\?|$)/; // paged: the URL carries limit and cursor
    await page.route(exposuresUrl, (route) => route.abort('internetdisconnected'));
    await goTo('Exposed keys');
    const error = page.getByRole('alert');
    await poll(() => error.textContent()).toContain('Keyguard is not reachable');
    await page.unroute(exposuresUrl);
    await error.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('No exposed keys').waitFor();
    await goTo('Secret Scanner');
    await page.getByText('No unresolved findings').waitFor();
    await goTo('API keys');
    await keyRow('CI pipeline').waitFor();
  });

  it('lands admins on the Overview: exposures by source and day, time to revoke, outcomes and open findings as charts, each linking to its findings, with tables, a date range, light and dark', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' }); // bars drawn at once, for the screenshots
    await expose(w.keys['CI pipeline']!, { detectedAt: new Date(Date.now() - 90_000) });
    await expose(w.keys['Newman runner']!, {
      source: 'gitlab',
      kind: 'commit',
      url: 'https://gitlab.com/acme/infra/-/blob/main/ci.yml#L3',
      repository: 'acme/infra',
    });
    await expose(w.keys['Local dev']!, { kind: 'partner_alert', url: 'https://github.com/acme/site' });
    await stack.call(w.adminKey, 'POST', `/keys/${w.keys['CI pipeline']!.id}/revoke`, {});
    await poll(async () => (await stack.call<{ outcomes: { manuallyRevoked: number } }>(w.adminKey, 'GET', '/insights')).outcomes.manuallyRevoked, 30_000).toBe(
      1,
    );

    await page.goto(stack.url);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    const stat = (label: string) => page.locator('a.stat', { hasText: label }).locator('.stat-value');
    await poll(() => stat('Secrets exposed').textContent()).toBe('3');
    expect(await stat('Detection → revoked, p90').textContent()).toBe('2 min');
    expect(await stat('Open now').textContent()).toBe('2');
    expect(await page.locator('figure.chart-card').count()).toBe(6);
    // First public appearance → revocation: the location's publishedAt (here none: Keyguard's first sighting).
    const appearance = page.locator('figure[data-chart="appearance-to-revoke"]');
    await appearance.getByText('Show as table').click();
    expect(await appearance.getByRole('row', { name: /All sources/ }).textContent()).toContain('2 min');
    await appearance.getByText('Show as table').click();
    await page.locator('figure[data-chart="by-source"] .recharts-bar-rectangle').first().waitFor();
    await shot('12-overview', 'overview');
    await expectAccessible();

    // Keyboard: Tab reaches a chart, the arrow keys walk its bars and show each value.
    const bySource = page.locator('figure[data-chart="by-source"]');
    await bySource.locator('[tabindex="0"]').first().focus();
    const tooltip = bySource.locator('.recharts-tooltip-wrapper');
    await page.keyboard.press('ArrowRight');
    await poll(() => tooltip.textContent()).toContain('GitLab');
    expect(await tooltip.textContent()).toContain('Exposures : 1');
    await page.keyboard.press('ArrowLeft');
    await poll(() => tooltip.textContent()).toContain('GitHub');

    // The table fallback, and a link into the list behind the chart.
    await bySource.getByText('Show as table').click();
    expect(await bySource.getByRole('row', { name: /GitLab/ }).textContent()).toContain('1');
    await expectAccessible();
    await bySource.getByRole('link', { name: 'GitLab findings' }).click();
    await page.getByRole('heading', { name: 'Secret Scanner findings' }).waitFor();
    await page.getByTestId('range-filter').waitFor();
    expect(await page.getByLabel('Source').inputValue()).toBe('gitlab');
    await poll(() => page.locator('li.finding').count()).toBe(1);
    expect(await page.locator('li.finding').textContent()).toContain('Unresolved');

    await goTo('Overview');
    await page.locator('figure[data-chart="outcomes"]').getByRole('link', { name: 'Revoked findings' }).click();
    await poll(() => page.locator('li.finding').count()).toBe(1);
    expect(await page.getByLabel('Status').inputValue()).toBe('resolved');

    // The date range picks the findings first seen in it, and stays in the address.
    await goTo('Overview');
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await poll(() => stat('Secrets exposed').textContent()).toBe('0');
    expect(page.url()).toContain('from=2020-01-01&to=2020-01-31');
    expect(await stat('Open now').textContent()).toBe('2');

    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await poll(() => stat('Secrets exposed').textContent()).toBe('3');
    await page.locator('figure[data-chart="by-source"] .recharts-bar-rectangle').first().waitFor();
    await shot('13-overview-dark', 'overview-dark');
    await expectAccessible();
  });

  it('shows members their own keys, and a clear "admins only" state on the team pages', async () => {
    const member = await chromium.newPage();
    try {
      await member.page.goto(stack.url);
      await member.page.getByLabel('API key').fill(w.bobKey);
      await member.page.getByRole('button', { name: 'Sign in' }).click();
      await member.page.getByRole('heading', { name: 'My keys' }).waitFor();
      await member.page.goto(`${stack.url}/#/keys`);
      await member.page.getByTestId('admins-only').waitFor();
      expect(await member.page.getByTestId('admins-only').textContent()).toContain('Admins only');
      // The Overview is the admins' landing; members do not see it.
      expect(await member.page.getByRole('link', { name: 'Overview' }).count()).toBe(0);
      await member.page.goto(`${stack.url}/#/settings`);
      await member.page.getByTestId('admins-only').waitFor();
      await screenshot(member.page, '03-member-admins-only');
      await expectAccessible(member.page);
    } finally {
      await member.close();
    }
  });

  it('revokes one key from its row and several selected with checkboxes', async () => {
    const row = keyRow('Local dev');
    await row.hover();
    await row.getByRole('button', { name: 'Revoke Local dev' }).click();
    await page.getByRole('dialog', { name: 'Revoke this API key?' }).getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect(await statusOf('Local dev')).toBe('revoked');

    await keyRow('CI pipeline').getByRole('checkbox').check();
    await keyRow('Newman runner').getByRole('checkbox').check();
    await page.getByText('2 keys selected').waitFor();
    await shot('04-keys-selected');
    await page.getByRole('region', { name: 'Selected keys' }).getByRole('button', { name: 'Revoke', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke 2 keys?' });
    await dialog.getByRole('button', { name: 'Revoke 2 keys' }).click();
    await page.getByText('Revoked 2 keys').waitFor();
    await keyRow('CI pipeline').getByText('Revoked', { exact: true }).waitFor();
    await keyRow('Newman runner').getByText('Revoked', { exact: true }).waitFor();
    expect(await statusOf('CI pipeline')).toBe('revoked');
    expect(await statusOf('Newman runner')).toBe('revoked');
    expect(await statusOf('Partner sync')).toBe('disabled');
  });

  it('lists exposed keys with owner, detection date, use after exposure and location links', async () => {
    const leaked = await createKey(w.bobKey, 'Zapier hook');
    const detectedAt = new Date(Date.now() - 60 * 60 * 1000);
    await stack.publishExposure(leaked.secret, { detectedAt, repository: 'acme/payments', path: 'config/.env', line: 12 });
    await stack.publishExposure(leaked.secret, {
      detectedAt,
      source: 'postman',
      kind: 'collection',
      url: 'https://www.postman.com/acme-eng/workspace/acme-public/collection/31337-zapier',
      resourceType: 'collection',
    });
    await goTo('Exposed keys');
    const row = exposureRow('Zapier hook');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('td[data-label="Owner"]').textContent()).toContain('Bob Builder');
    expect(await row.locator('td[data-label="Detected"]').textContent()).toBe(
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(detectedAt),
    );
    const link = row.getByRole('link', { name: 'GitHub · acme/payments · config/.env:12' });
    expect(await link.getAttribute('href')).toBe('https://github.com/acme/payments/blob/4f2a9c1/config/.env#L12');
    await row.getByRole('link', { name: 'Postman · public collection' }).waitFor({ timeout: 15_000 });

    // Someone uses the key after it leaked: the row says so on the next refresh.
    await stack.call(leaked.secret, 'GET', '/me');
    await row.getByText('Used after exposure').waitFor({ timeout: 15_000 });
    await shot('05-exposed-keys', 'exposed-keys');
    await expectAccessible();
  });

  it('shows Secret Scanner findings with filters, locations and history, and resolves one as a false positive', async () => {
    // A third-party secret's finding goes to the bootstrap team (FINDINGS_DEFAULT_TEAM): this test
    // works there, as its admin, with a key of that team beside the third-party secret.
    await w.browser.context.clearCookies();
    await signIn(w.browser, stack.adminKey);
    const zapier = await stack.call<CreatedKey>(stack.adminKey, 'POST', '/keys', { name: 'Zapier hook' });
    await stack.publishExposure(zapier.key, { repository: 'acme/payments', path: 'config/.env', line: 12 });
    await poll(async () => (await stack.call<{ items: { name: string }[] }>(stack.adminKey, 'GET', '/exposures')).items.map((k) => k.name), 30_000).toContain(
      'Zapier hook',
    );
    await page.goto(stack.url);
    // Leave no finding open for another run of this test against the same stack.
    const thirdParty = generateKey();
    onTestFinished(async () => {
      const open = await stack.call<{ items: { id: string; tokenHash: string }[] }>(stack.adminKey, 'GET', '/findings?status=open&limit=200');
      for (const f of open.items) await stack.call(stack.adminKey, 'PATCH', `/findings/${f.id}`, { status: 'resolved', resolution: 'wont_fix' });
    });
    await stack.publishExposure(thirdParty, {
      source: 'gitlab',
      kind: 'commit',
      url: 'https://gitlab.com/acme/infra/-/blob/main/deploy.sh#L4',
      repository: 'acme/infra',
      path: 'deploy.sh',
      line: 4,
    });
    await goTo('Secret Scanner');
    const findings = page.locator('li.finding');
    await poll(() => findings.count(), 30_000).toBe(2);

    await page.getByLabel('Source').selectOption({ label: 'GitLab' });
    await poll(() => findings.count()).toBe(1);
    const gitlab = findings.first();
    await gitlab.getByRole('button', { name: 'Details' }).click();
    await gitlab.getByRole('link', { name: 'GitLab · acme/infra · deploy.sh:4' }).waitFor();
    expect(await gitlab.locator('.history').textContent()).toContain('Detected');
    await page.getByLabel('Source').selectOption({ label: 'All sources' });
    await poll(() => findings.count()).toBe(2);
    // The finding about one of the team's keys names the key and its owner.
    await poll(() => page.locator('li.finding .finding-key').allTextContents()).toEqual(['Team key Zapier hook · Ada Admin']);
    await shot('06-findings', 'findings');
    await expectAccessible();

    await page.getByLabel('Source').selectOption({ label: 'GitLab' });
    await poll(() => findings.count()).toBe(1);
    await findings.first().getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resolve finding' });
    await dialog.getByRole('radio', { name: 'False positive' }).check();
    await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByText('Finding resolved as False positive').waitFor();
    await page.getByText('No findings match these filters').waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Resolved' });
    await poll(() => findings.count()).toBe(1);
    expect(await findings.first().locator('.tag').textContent()).toBe('False positive');
    await page.getByLabel('Status').selectOption({ label: 'Unresolved' });
    await page.getByLabel('Source').selectOption({ label: 'All sources' });
    await poll(() => findings.count()).toBe(1);
  });

  it('revokes an exposed key from the Exposed keys page, which resolves its finding', async () => {
    const key = await createKey(w.bobKey, 'Docs sample');
    await stack.publishExposure(key.secret, {
      source: 'postman',
      kind: 'documentation',
      url: 'https://www.postman.com/acme-eng/workspace/acme-public/documentation/42-docs',
      resourceType: 'documentation',
    });
    await goTo('Exposed keys');
    const row = exposureRow('Docs sample');
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Revoke Docs sample' }).click();
    await page.getByRole('dialog', { name: 'Revoke this exposed key?' }).getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect(await statusOf('Docs sample')).toBe('revoked');

    await goTo('Secret Scanner');
    await page.getByLabel('Status').selectOption({ label: 'Resolved' });
    const resolved = page.locator('li.finding', { hasText: key.preview });
    await resolved.waitFor();
    expect(await resolved.locator('.tag').textContent()).toBe('Revoked');
    await page.getByLabel('Status').selectOption({ label: 'Unresolved' });
  });

  it('warns when auto-revoke is turned on while exposed keys exist: Ignore them, then Revoke exposed keys', async () => {
    await expose(await createKey(w.bobKey, 'Zapier hook'), { repository: 'acme/payments', path: 'config/.env', line: 12 });
    await goTo('Settings');
    const autoRevoke = page.getByRole('switch', { name: 'Auto revoke exposed Postman API keys' });
    await autoRevoke.click();
    const warning = page.getByRole('dialog', { name: 'Exposed keys already exist' });
    await poll(() => warning.getByTestId('exposed-warning').textContent()).toContain('1 exposed key is still active');
    // It names which keys, not only how many.
    await poll(() => warning.getByTestId('exposed-key-list').textContent()).toContain('Zapier hook');
    await animationsSettled(page);
    await expectAccessible();
    await warning.getByRole('button', { name: 'Ignore them' }).click();
    await poll(() => autoRevoke.getAttribute('aria-checked')).toBe('true');
    expect(await statusOf('Zapier hook')).toBe('enabled');

    // Off again, a second key leaks, and on again: this time revoke both.
    await autoRevoke.click();
    await poll(() => autoRevoke.getAttribute('aria-checked')).toBe('false');
    const second = await createKey(w.bobKey, 'Staging');
    await expose(second, {
      source: 'postman',
      kind: 'collection',
      url: 'https://www.postman.com/acme/workspace/public/collection/123',
      resourceType: 'collection',
    });

    await autoRevoke.click();
    await poll(() => warning.getByTestId('exposed-warning').textContent()).toContain('2 exposed keys are still active');
    await animationsSettled(page);
    await shot('07-settings-auto-revoke-warning', 'settings-warning');
    await warning.getByRole('button', { name: 'Revoke exposed keys' }).click();
    await poll(() => autoRevoke.getAttribute('aria-checked')).toBe('true');
    expect(await statusOf('Zapier hook')).toBe('revoked');
    expect(await statusOf('Staging')).toBe('revoked');
    await shot('08-settings');
    await expectAccessible();

    await goTo('Exposed keys');
    await exposureRow('Staging').getByText('Revoked', { exact: true }).waitFor();
    await exposureRow('Zapier hook').getByText('Revoked', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Revoke / }).count()).toBe(0);
  });

  it('shows a key exposed while auto-revoke is on as revoked, without a reload', async () => {
    await stack.call(w.adminKey, 'PATCH', '/settings', { autoRevokeExposed: true });
    const key = await createKey(w.bobKey, 'Build bot');
    await goTo('API keys');
    const row = keyRow('Build bot');
    await row.waitFor();
    expect(await row.locator('.tag').count()).toBe(0);
    await page.evaluate('window.notReloaded = true');

    await stack.publishExposure(key.secret, { repository: 'acme/bots', path: 'bot.js', line: 3, url: 'https://github.com/acme/bots/blob/1a2b3c/bot.js#L3' });
    await row.getByText('Revoked', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate<boolean>('window.notReloaded === true')).toBe(true);
    await row.getByText('Revoked', { exact: true }).hover();
    await poll(() => row.getByRole('tooltip').textContent()).toBe(`Automatically revoked on exposure on ${today}`);
    await animationsSettled(page);
    await shot('09-keys-auto-revoked-tooltip', 'manage-keys');
  });

  it('asks to confirm an expiry that expires keys now, and tells why those keys were revoked', async () => {
    const legacy = await createKey(w.bobKey, 'Legacy export');
    await stack.backdateKey(legacy.id, new Date(Date.now() - 400 * 24 * 60 * 60 * 1000));
    await goTo('Settings');
    await page.getByRole('switch', { name: 'Set expiry for API keys' }).click();
    await page.getByLabel('Keys expire after').fill('365');
    await page.getByRole('button', { name: 'Save' }).click();
    const confirm = page.getByRole('dialog', { name: 'Some keys expire now' });
    await poll(() => confirm.getByTestId('expiry-warning').textContent()).toContain('1 key is already past its expiry');
    await shot('10-settings-expiry-confirmation');
    await animationsSettled(page);
    await expectAccessible();
    await confirm.getByRole('button', { name: 'Expire 1 key' }).click();
    await page.getByText('API keys now expire after 365 days; 1 key expired').waitFor();
    expect(await statusOf('Legacy export')).toBe('revoked');

    await goTo('API keys');
    const row = keyRow('Legacy export');
    await row.getByText('Revoked', { exact: true }).hover();
    await poll(() => row.getByRole('tooltip').textContent()).toBe(`Revoked: past its expiration date on ${today}`);
    // Live keys now carry the team expiry.
    expect(await keyRow('Partner sync').locator('td[data-label="Expires"]').textContent()).not.toBe('Never');
  });

  it('turns the weekly insights email on and off in Settings, audited (issue 17, item 4)', async () => {
    await goTo('Settings');
    const weekly = page.getByRole('switch', { name: 'Weekly insights email' });
    expect(await weekly.getAttribute('aria-checked')).toBe('false');
    await weekly.click();
    await poll(() => weekly.getAttribute('aria-checked')).toBe('true');
    expect((await stack.call<{ weeklyDigest: boolean }>(w.adminKey, 'GET', '/settings')).weeklyDigest).toBe(true);
    await page.reload();
    await poll(() => page.getByRole('switch', { name: 'Weekly insights email' }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('switch', { name: 'Weekly insights email' }).click();
    await poll(() => page.getByRole('switch', { name: 'Weekly insights email' }).getAttribute('aria-checked')).toBe('false');
    const audit = await stack.call<{ items: Array<{ action: string; details: { before: { weeklyDigest?: boolean }; after: { weeklyDigest?: boolean } } }> }>(
      w.adminKey,
      'GET',
      '/audit?action=settings.updated&limit=5',
    );
    const changes = audit.items
      .filter((e) => e.action === 'settings.updated')
      .map((e) => [e.details.before.weeklyDigest ?? false, e.details.after.weeklyDigest]);
    expect(changes.slice(0, 2)).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('creates a service token in Settings (shown once), which verifies keys until it is deleted there', async () => {
    await goTo('Settings');
    await page.getByRole('heading', { name: 'Service tokens' }).waitFor();
    await page.getByLabel('Token name').fill('payments-api');
    await page.getByRole('button', { name: 'Create token' }).click();
    const issued = page.getByTestId('issued-secret');
    await issued.waitFor();
    const token = (await issued.textContent())!.trim();
    expect(token).toMatch(/^kgst_[0-9A-Za-z]{36}$/);
    const row = page.locator('tr.token-row', { hasText: 'payments-api' });
    await poll(() => row.locator('code').textContent()).toBe(`kgst_…${token.slice(-4)}`);
    await shot('11-settings-service-token');

    const verifyWith = (credential: string) =>
      fetch(`${stack.url}/api/v1/keys/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: w.keys['Partner sync']!.secret }),
      });
    const answer = await verifyWith(token);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ valid: false, code: 'DISABLED', keyId: w.keys['Partner sync']!.id });

    // Shown once: after a reload only the preview is there.
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(token);
    await row.getByRole('button', { name: 'Delete payments-api' }).click();
    await page.getByRole('dialog', { name: 'Delete this service token?' }).getByRole('button', { name: 'Delete token' }).click();
    await poll(() => row.count()).toBe(0);
    expect((await verifyWith(token)).status).toBe(401);
    await goTo('API keys');
  });

  it('revokes all keys after a confirmation naming how many keys and owners, keeping the admin signed in', async () => {
    const list = await stack.call<{ items: KeyView[] }>(w.adminKey, 'GET', '/keys?status=enabled,disabled&limit=200');
    const me = await stack.call<{ keyId: string }>(w.adminKey, 'GET', '/me');
    const targets = list.items.filter((k) => k.id !== me.keyId);
    const owners = new Set(targets.map((k) => k.createdBy.id)).size;
    expect(targets.length).toBeGreaterThan(1);

    await page.getByRole('button', { name: 'Revoke All' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke all API keys?' });
    const summary = dialog.getByTestId('revoke-all-summary');
    await poll(() => summary.textContent()).toContain(`This revokes ${targets.length} keys owned by ${owners} team member${owners === 1 ? '' : 's'}`);
    await shot('12-revoke-all-confirmation');
    await animationsSettled(page);
    await expectAccessible();
    await dialog.getByRole('button', { name: `Revoke ${targets.length} keys` }).click();
    await page.getByText(`Revoked ${targets.length} keys of ${owners} owner${owners === 1 ? '' : 's'}`).waitFor();

    await page.getByRole('checkbox', { name: 'Revoked' }).uncheck();
    await poll(rowNames).toEqual(['Admin key']);
    await page.getByRole('checkbox', { name: 'Revoked' }).check();
  });

  it('is readable on a phone', async () => {
    await expose(await createKey(w.bobKey, 'Build bot'), {
      repository: 'acme/bots',
      path: 'bot.js',
      line: 3,
      url: 'https://github.com/acme/bots/blob/1a2b3c/bot.js#L3',
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await keyRow('Build bot').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('13-phone-keys');
    await expectAccessible();
    await goTo('Exposed keys');
    await exposureRow('Build bot').waitFor();
    await shot('14-phone-exposed');
  });

  it('pages through thousands of keys', async () => {
    await stack.seedKeys(2000, { teamId: w.teamId, userId: w.adminId });
    const total = (await stack.call<{ total: number }>(w.adminKey, 'GET', '/keys?limit=1')).total;
    expect(total).toBeGreaterThan(2000);
    await goTo('API keys');
    await page.getByLabel('Sort').selectOption({ label: 'Oldest' }); // the seeded keys are older than the rest
    const range = page.getByRole('navigation', { name: 'Pages' }).locator('.muted');
    const totalText = total.toLocaleString('en-US');
    await poll(() => range.textContent(), 15_000).toBe(`1–50 of ${totalText}`);
    expect(await rowNames()).toHaveLength(50);
    expect((await rowNames()).slice(0, 2)).toEqual(['Bulk key 0001', 'Bulk key 0002']);
    await page.getByRole('button', { name: 'Next →' }).click();
    await poll(() => range.textContent()).toBe(`51–100 of ${totalText}`);
    expect((await rowNames())[0]).toBe('Bulk key 0051');
    await page.getByRole('button', { name: '← Previous' }).click();
    await poll(() => range.textContent()).toBe(`1–50 of ${totalText}`);
    await page.getByLabel('Created by').selectOption({ label: 'Bob Builder' });
    await poll(() => range.textContent()).not.toContain(totalText);
  });

  it('signs out and stays signed out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect((await w.browser.context.cookies(stack.url)).find((c) => c.name === 'keyguard_session')).toBeUndefined();
  });

  it('shows every page under the Content-Security-Policy without a violation, from a build without source maps (issue 10, items 8 and 15)', async () => {
    cspViolations.length = 0;
    for (const link of ['Overview', 'Exposed keys', 'Secret Scanner', 'Settings', 'My keys', 'Audit log', 'Team Settings', 'API keys'] as const) {
      await goTo(link);
      await page.getByRole('heading', { level: 1 }).waitFor();
    }
    const response = await fetch(stack.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(cspViolations).toEqual([]);
    const html = await response.text();
    const script = /<script[^>]+src="([^"]+)"/.exec(html)![1]!;
    const js = await (await fetch(new URL(script, stack.url))).text();
    expect(js).not.toContain('sourceMappingURL');
    expect((await fetch(new URL(`${script}.map`, stack.url))).status).toBe(404);
  });
});
