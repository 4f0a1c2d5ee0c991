/**
 * The enterprise console in a real browser (Debian's chromium via playwright-core) against the
 * real stack: My keys for members, Disable/Enable in the admins' team view, Team Settings
 * (members, SCIM API keys driving real /scim/v2 calls, service tokens, SSO status) and the
 * audit log with its filters. Each test has a team of its own; each page is checked with axe-core.
 * UPDATE_README_SCREENSHOTS=1 refreshes the README images in test/e2e/readme-screenshots/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, type Browser, type Chromium, readmeScreenshotDir, screenshot, startChromium } from './support/browser.js';
import { requireDashboardBuild, type Stack, startStack } from './support/stack.js';

requireDashboardBuild();

const poll = <T>(read: () => T | Promise<T>, timeout = 10_000) => expect.poll(read, { timeout, interval: 100 });

interface World {
  adminKey: string;
  bob: { id: string; key: string; email: string };
  browser: Browser;
}

let stack: Stack;
let chromium: Chromium;
let w: World;
let page: Page;
const readme: Record<string, string> = {};

async function expectAccessible(on: Page = page) {
  expect(await axeViolations(on)).toEqual([]);
}

async function signIn(browser: Browser, apiKey: string) {
  const res = await fetch(`${stack.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiKey }) });
  const value = /keyguard_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 204 || !value) throw new Error(`could not open a session: ${res.status}`);
  await browser.context.addCookies([{ name: 'keyguard_session', value, url: stack.url, httpOnly: true, sameSite: 'Strict' }]);
}

const keyRow = (name: string) => page.locator('tr.key-row', { has: page.locator('.key-title', { hasText: name }) });
const memberRow = (name: string) => page.locator('tr.member-row', { has: page.locator('.member-name', { hasText: name }) });
const keyStatus = async (key: string, id: string) => (await stack.call<{ status: string }>(key, 'GET', `/keys/${id}`)).status;

beforeAll(async () => {
  stack = await startStack();
  chromium = await startChromium();
}, 120_000);

beforeEach(async () => {
  const suffix = randomUUID().slice(0, 8);
  const team = await stack.newTeam({ name: 'Ada Admin', email: `ada.${suffix}@acme.test` }, 'Admin key');
  const email = `bob.${suffix}@acme.test`;
  const bob = await stack.call<{ user: { id: string }; key: { key: string } }>(team.key.secret, 'POST', '/users', {
    email,
    name: 'Bob Builder',
    role: 'member',
  });
  w = { adminKey: team.key.secret, bob: { id: bob.user.id, key: bob.key.key, email }, browser: await chromium.newPage() };
  page = w.browser.page;
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

describe('enterprise console', () => {
  it('a member creates a key in My keys (shown once, with copy), disables, enables and revokes it', async () => {
    await signIn(w.browser, w.bob.key);
    await page.goto(stack.url);
    await page.getByRole('heading', { name: 'My keys' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['My keys']);

    await page.getByLabel('Name').fill('Newman in CI');
    await page.getByLabel('Expires').selectOption({ label: '90 days' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('issued-secret').textContent())!.trim();
    expect((await stack.call<{ email: string }>(secret, 'GET', '/me')).email).toBe(w.bob.email);
    const row = keyRow('Newman in CI');
    await row.waitFor();
    expect(await row.locator('td[data-label="Expires"]').textContent()).not.toBe('Never');
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    // The README image shows where the key appears, not a token-shaped string.
    await page.evaluate(
      `document.querySelector('[data-testid="issued-secret"]').textContent = 'PMAK-•••••••••••••••••••••••••••••••••••••••••••••••••••••••••'`,
    );
    readme['my-keys'] = await screenshot(page, '20-my-keys', { hideToasts: true });
    await expectAccessible();
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('issued-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    const id = (await row.getAttribute('data-key-id'))!;
    await row.getByRole('button', { name: 'Disable Newman in CI' }).click();
    await poll(() => keyStatus(w.adminKey, id)).toBe('disabled');
    await row.getByRole('button', { name: 'Enable Newman in CI' }).click();
    await poll(() => keyStatus(w.adminKey, id)).toBe('enabled');
    await row.getByRole('button', { name: 'Revoke Newman in CI' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await poll(() => keyStatus(w.adminKey, id)).toBe('revoked');
    await poll(() => row.locator('.tag').allTextContents()).toContain('Revoked');

    // The team pages stay closed to members.
    await page.goto(`${stack.url}/#/team`);
    await page.getByTestId('admins-only').waitFor();
  });

  it('respects "allow anyone to generate keys" and the team expiry', async () => {
    await stack.call(w.adminKey, 'PATCH', '/settings', { allowMemberKeyGeneration: false });
    await signIn(w.browser, w.bob.key);
    await page.goto(`${stack.url}/#/my-keys`);
    await page.getByTestId('creation-off').waitFor();
    expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
    await stack.call(w.adminKey, 'PATCH', '/settings', { allowMemberKeyGeneration: true, keyExpiryDays: 30, confirm: true });
    await page.reload();
    expect(await page.getByTestId('team-expiry').textContent()).toContain('30 days');
  });

  it('an admin disables and enables any key from the team view', async () => {
    await signIn(w.browser, w.adminKey);
    await page.goto(`${stack.url}/#/keys`);
    const row = keyRow("Bob Builder's key");
    await row.waitFor();
    const id = (await row.getAttribute('data-key-id'))!;
    await row.getByRole('button', { name: "Disable Bob Builder's key" }).click();
    await poll(() => keyStatus(w.adminKey, id)).toBe('disabled');
    await poll(() => row.locator('.tag').allTextContents()).toContain('Disabled');
    await row.getByRole('button', { name: "Enable Bob Builder's key" }).click();
    await poll(() => keyStatus(w.adminKey, id)).toBe('enabled');
  });

  it('Team Settings: invite, change a role, deactivate (keys revoked), SCIM API keys used by an identity provider, service tokens and SSO status', async () => {
    await signIn(w.browser, w.adminKey);
    await page.goto(`${stack.url}/#/team`);
    await page.getByRole('heading', { name: 'Team Settings' }).waitFor();
    await memberRow('Bob Builder').waitFor();

    await page.getByPlaceholder('Email', { exact: true }).fill(`cleo.${randomUUID().slice(0, 8)}@acme.test`);
    await page.getByPlaceholder('Name', { exact: true }).fill('Cleo Chen');
    await page.getByRole('button', { name: 'Invite' }).click();
    const cleoKey = (await page.getByTestId('issued-secret').textContent())!.trim();
    expect((await stack.call<{ name: string }>(cleoKey, 'GET', '/me')).name).toBe('Cleo Chen');
    await page.getByRole('button', { name: 'Done' }).click();

    await memberRow('Cleo Chen').getByLabel('Role of Cleo Chen').selectOption('team_admin');
    await poll(async () => (await stack.call<{ role: string }>(cleoKey, 'GET', '/me')).role).toBe('team_admin');

    await memberRow('Bob Builder').getByRole('button', { name: 'Deactivate Bob Builder' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await poll(() => memberRow('Bob Builder').locator('.tag').allTextContents()).toContain('Deactivated');
    const bobKeys = await stack.call<{ items: { status: string; revocation: { reason: string } | null }[] }>(w.adminKey, 'GET', `/keys?createdBy=${w.bob.id}`);
    expect(bobKeys.items.map((k) => [k.status, k.revocation?.reason])).toEqual([['revoked', 'deprovisioned']]);

    await page.getByPlaceholder('Key name, e.g. Okta').fill('Okta');
    await page.getByRole('button', { name: 'Create SCIM API key' }).click();
    const scimKey = (await page.getByTestId('issued-secret').textContent())!.trim();
    expect(scimKey.startsWith('kgscim_')).toBe(true);
    // The identity provider provisions someone with it; they appear among the members, marked SCIM.
    const provisioned = await fetch(`${stack.url}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scimKey}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `dana.${randomUUID().slice(0, 8)}@acme.test`,
        displayName: 'Dana Scully',
        active: true,
      }),
    });
    expect(provisioned.status).toBe(201);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('tr.scim-token-row', { hasText: 'Okta' }).waitFor();
    await page.reload();
    await poll(() => memberRow('Dana Scully').locator('.tag').allTextContents()).toEqual(['Active', 'SCIM']);
    // Without single sign-on, a provisioned person gets their first key from an admin.
    await memberRow('Dana Scully').getByRole('button', { name: 'Issue a key to Dana Scully' }).click();
    const danaKey = (await page.getByTestId('issued-secret').textContent())!.trim();
    expect((await stack.call<{ name: string }>(danaKey, 'GET', '/me')).name).toBe('Dana Scully');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Service tokens' }).waitFor();
    expect(await page.getByTestId('sso-status').textContent()).toContain('OpenID Connect');
    readme['team-settings'] = await screenshot(page, '21-team-settings', { hideToasts: true });
    await expectAccessible();

    await page.getByRole('button', { name: 'Revoke Okta' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke SCIM API key' }).click();
    await poll(async () => (await fetch(`${stack.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${scimKey}` } })).status).toBe(401);
  });

  it('Audit log: filters by actor, action and date, and pages', async () => {
    for (let i = 0; i < 3; i++) await stack.call(w.adminKey, 'POST', '/keys', { name: `Audit ${i}` });
    await stack.call(w.adminKey, 'PATCH', `/users/${w.bob.id}`, { role: 'team_admin' });
    await stack.call(w.bob.key, 'POST', '/keys', { name: 'Bob made this' });
    await signIn(w.browser, w.adminKey);
    await page.goto(`${stack.url}/#/audit`);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await poll(() => page.locator('tr.audit-row').count()).toBeGreaterThan(5);
    readme['audit-log'] = await screenshot(page, '22-audit-log', { hideToasts: true });
    const actions = () => page.locator('tr.audit-row .audit-action').allTextContents();

    await page.getByLabel('Action').selectOption({ label: 'People' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await poll(actions).toEqual(['user.role_changed', 'user.created']);

    await page.getByLabel('Action').selectOption({ label: 'Keys' });
    await page.getByLabel('Actor').selectOption({ label: 'Bob Builder' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await poll(actions).toEqual(['key.created']);
    await expectAccessible();

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From').fill(tomorrow);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Nothing in the audit log matches').waitFor();
  });

  it('Exposed keys: filters by state and owner, and revokes several selected at once', async () => {
    const leak = async (key: string, name: string) => {
      const k = await stack.call<{ id: string; key: string }>(key, 'POST', '/keys', { name });
      await stack.publishExposure(k.key, { repository: 'acme/payments', path: 'config/.env', line: 12 });
      return k.id;
    };
    const bobIds = [await leak(w.bob.key, 'Zapier hook'), await leak(w.bob.key, 'Partner sync')];
    await leak(w.adminKey, 'Grafana');
    await poll(async () => (await stack.call<{ total: number }>(w.adminKey, 'GET', '/exposures')).total, 30_000).toBe(3);

    await signIn(w.browser, w.adminKey);
    await page.goto(`${stack.url}/#/exposed`);
    const names = () => page.locator('tr.exposure-row .key-title').allTextContents();
    await poll(names).toHaveLength(3);
    await page.getByLabel('Owner').selectOption({ label: 'Bob Builder' });
    await poll(async () => (await names()).sort()).toEqual(['Partner sync', 'Zapier hook']);
    await page.getByLabel('Select all exposed keys on this page').check();
    readme['exposed-keys-bulk'] = await screenshot(page, '23-exposed-keys-bulk', { hideToasts: true });
    await page.getByRole('button', { name: 'Revoke selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke 2 exposed keys?' });
    expect(await dialog.locator('.dialog-list').textContent()).toContain('Zapier hook');
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Revoke 2 keys' }).click();
    for (const id of bobIds) await poll(() => keyStatus(w.adminKey, id)).toBe('revoked');

    await page.getByLabel('Owner').selectOption({ label: 'Anyone' });
    await page.getByLabel('Show').selectOption({ label: 'Still active' });
    await poll(names).toEqual(['Grafana']);
    await page.getByLabel('Show').selectOption({ label: 'Revoked' });
    await poll(async () => (await names()).sort()).toEqual(['Partner sync', 'Zapier hook']);
  });
});
