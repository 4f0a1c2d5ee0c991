/**
 * Single sign-on in a real browser through a real OpenID provider: oidc-provider (the certified
 * OpenID Provider library for Node) runs in this process with its development login and
 * consent pages; keys-api is its relying party through openid-client (authorization code +
 * PKCE). New people join as members (or as team admins through a groups claim), a deactivated
 * person is refused, and a team can turn API-key sign-in off.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, type Browser, type Chromium, screenshot, startChromium } from './support/browser.js';
import { requireDashboardBuild, type Stack, startStack } from './support/stack.js';

requireDashboardBuild();

const poll = <T>(read: () => T | Promise<T>, timeout = 10_000) => expect.poll(read, { timeout, interval: 100 });

/** The people the provider knows: login name → claims. */
const accounts = new Map<string, { email: string; email_verified: boolean; name: string; groups: string[] }>();

let server: Server;
let stack: Stack;
let chromium: Chromium;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The provider's address must be known before keys-api starts, and keys-api's before the provider's client list.
  let handler: RequestListener = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };
  server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientSecret = randomBytes(24).toString('base64url');
  stack = await startStack({ keysApi: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'keyguard', OIDC_CLIENT_SECRET: clientSecret, OIDC_GROUPS_CLAIM: 'groups' } });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'keyguard',
        client_secret: clientSecret,
        redirect_uris: [`${stack.url}/api/v1/session/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    cookies: { keys: [randomBytes(16).toString('hex')] },
    features: { devInteractions: { enabled: true } },
  });
  handler = provider.callback();
  chromium = await startChromium();
}, 120_000);

beforeEach(async () => {
  browser = await chromium.newPage();
  page = browser.page;
});

afterEach(async () => {
  await browser?.close();
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

/** Signs in through the provider's own login and consent pages, as a person would. */
async function signInWithSso(login: string) {
  await page.goto(stack.url);
  await page.getByRole('link', { name: 'Sign in with SSO' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
}

function person(groups: string[] = []) {
  const login = `sso-${randomUUID().slice(0, 8)}`;
  accounts.set(login, { email: `${login}@acme.test`, email_verified: true, name: `Erin ${login.slice(4)}`, groups });
  return { login, email: `${login}@acme.test` };
}

describe('single sign-on (OpenID Connect)', () => {
  it('a new person signs in through the provider and joins as a member, in a session without any key', async () => {
    const erin = person();
    await signInWithSso(erin.login);
    await page.getByRole('heading', { name: 'My keys' }).waitFor();
    const me = await page.evaluate<{ email: string; role: string; keyId: string | null }>(`fetch('/api/v1/me').then((r) => r.json())`);
    expect(me).toMatchObject({ email: erin.email, role: 'member', keyId: null });
    const cookies = await browser.context.cookies(stack.url);
    expect(cookies.find((c) => c.name === 'keyguard_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // They can create their first key from here.
    await page.getByLabel('Name').fill('From SSO');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('issued-secret').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a groups claim with "Keyguard Team Admins" makes them a team admin; a deactivated person is refused', async () => {
    const admin = person(['Keyguard Team Admins']);
    await signInWithSso(admin.login);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor(); // admins land on the Overview
    // Each person in a browser of their own (the provider remembers who signed in).
    await browser.close();
    browser = await chromium.newPage();
    page = browser.page;

    const gone = person();
    await signInWithSso(gone.login);
    await page.getByRole('heading', { name: 'My keys' }).waitFor();
    const users = await stack.call<{ items: { id: string; email: string }[] }>(stack.adminKey, 'GET', '/users?limit=200');
    const id = users.items.find((u) => u.email === gone.email)!.id;
    await stack.call(stack.adminKey, 'PATCH', `/users/${id}`, { active: false });
    // Their session ended with the deactivation; signing in again is refused.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await browser.close();
    browser = await chromium.newPage();
    page = browser.page;
    await signInWithSso(gone.login);
    await poll(() => page.getByRole('alert').textContent()).toContain('deactivated');
  });

  it('Team Settings shows the provider and turns API-key sign-in off; the sign-in page then says to use SSO', async () => {
    const signIn = async (key: string) => {
      const res = await fetch(`${stack.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: key }),
      });
      return res.status;
    };
    const session = /keyguard_session=([^;]+)/.exec(
      (
        await fetch(`${stack.url}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apiKey: stack.adminKey }),
        })
      ).headers.get('set-cookie') ?? '',
    )![1]!;
    await browser.context.addCookies([{ name: 'keyguard_session', value: session, url: stack.url, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${stack.url}/#/team`);
    await poll(() => page.getByTestId('sso-status').textContent()).toContain('OpenID Connect is on');
    await page.getByRole('switch', { name: 'Allow signing in with an API key' }).click();
    await poll(() => signIn(stack.adminKey)).toBe(403);
    await screenshot(page, '30-team-settings-sso', { hideToasts: true });

    const other = await chromium.newPage();
    try {
      await other.page.goto(stack.url);
      await other.page.getByLabel('API key').fill(stack.adminKey);
      await other.page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await poll(() => other.page.getByRole('alert').textContent()).toContain('single sign-on');
    } finally {
      await other.close();
      await stack.call(stack.adminKey, 'PATCH', '/settings', { apiKeySignIn: true });
    }
    expect(await signIn(stack.adminKey)).toBe(204);
  });
});
