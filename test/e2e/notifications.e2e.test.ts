/**
 * Settings → Notifications in a real browser, against keys-api, policy and the notifier: an
 * admin sets security contacts and the digest window, turns the relay on through its
 * explanation, adds a webhook channel (its secret shown once), sends a test that a local
 * receiver gets signed with that secret, watches a failing channel's retries in the delivery
 * log, and deletes a channel.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { verifySignature } from '@keyguard/channels';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, screenshot } from './support/browser.js';
import { requireDashboardBuild, type Stack, startStack } from './support/stack.js';

requireDashboardBuild();
const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 100 });

interface Received {
  body: string;
  signature: string;
}
async function receiver(status: number) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['x-keyguard-signature'] ?? '') });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/keyguard`, received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

let stack: Stack;
let browser: Browser;
let page: Page;
let ok: Awaited<ReturnType<typeof receiver>>;
let failing: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  stack = await startStack({ channelEncryptionKey: randomBytes(32).toString('hex') });
  ok = await receiver(204);
  failing = await receiver(500);
  browser = await launchBrowser();
  page = browser.page;
  await page.goto(stack.url);
  await page.getByLabel('API key').fill(stack.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor(); // admins land on the Overview
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => setTimeout(r, 300));
  await stack?.stop();
  await ok?.stop();
  await failing?.stop();
});

const settings = () =>
  stack.call<{ securityContacts: string[]; digestWindowMs: number | null; relayThirdPartyTokens: boolean }>(stack.adminKey, 'GET', '/settings');

describe('Settings → Notifications', () => {
  it('sets security contacts and the digest window (default shown until set)', async () => {
    const window = page.getByLabel('Digest window');
    expect(await window.locator('option:checked').textContent()).toBe('Default (5 minutes)');
    await page.getByLabel('Security contacts').fill('sec@acme.test, SOC@acme.test');
    await page.getByRole('button', { name: 'Update contacts' }).click();
    await page.getByText('Security contacts saved (2)').waitFor();
    await window.selectOption({ label: '15 minutes' });
    await page.getByText('Digest window: 15 minutes').waitFor();
    expect(await settings()).toMatchObject({ securityContacts: ['sec@acme.test', 'soc@acme.test'], digestWindowMs: 900_000 });
  });

  it('explains what reporting third-party tokens does before turning it on', async () => {
    await page.getByRole('switch', { name: 'Report third-party tokens to their issuers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report third-party tokens to their issuers?' });
    await poll(() => dialog.getByTestId('relay-explanation').textContent()).toContain('GitHub revokes them at once and tells their owners');
    await screenshot(page, '20-settings-relay-confirmation');
    await dialog.getByRole('button', { name: 'Turn on reporting' }).click();
    await page.getByText('Third-party tokens will be reported to their issuers').waitFor();
    expect((await settings()).relayThirdPartyTokens).toBe(true);
  });

  it('adds a webhook channel, shows its secret once, and a test send arrives signed with it', async () => {
    await page.getByLabel('URL').fill(ok.url);
    await page.getByRole('button', { name: 'Add channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Channel added: copy its signing secret' });
    const secret = (await dialog.getByTestId('channel-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = page.locator('tr.channel-row', { hasText: ok.url });
    await row.waitFor();
    expect(JSON.stringify(await stack.call(stack.adminKey, 'GET', '/notification-channels'))).not.toContain(secret);

    await row.getByRole('button', { name: 'Send test' }).click();
    await poll(() => ok.received.length).toBe(1);
    const [test] = ok.received;
    expect(JSON.parse(test!.body)).toMatchObject({ type: 'channel.test', data: { summary: expect.stringContaining('Test message from Keyguard') } });
    expect(verifySignature(secret, test!.body, test!.signature)).toBe(true);
    const log = page.getByRole('region', { name: 'Delivery log' });
    await poll(() => log.locator('tr.delivery-row').first().textContent()).toContain('succeeded');
    await screenshot(page, '21-settings-notifications');
  });

  it('shows a failing channel’s retries in its delivery log, then deletes the channel', async () => {
    await page.getByLabel('Type').selectOption('slack');
    await page.getByLabel('URL').fill(failing.url);
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByRole('dialog', { name: 'Channel added: copy its signing secret' }).getByRole('button', { name: 'Done' }).click();
    const row = page.locator('tr.channel-row', { hasText: failing.url });
    await row.getByRole('button', { name: 'Send test' }).click();
    const first = page.getByRole('region', { name: 'Delivery log' }).locator('tr.delivery-row').first();
    await poll(() => first.textContent()).toContain('HTTP 500');
    expect(await first.textContent()).toContain('pending');
    expect(JSON.parse(failing.received[0]!.body)).toMatchObject({ text: expect.stringContaining('Test message'), blocks: expect.any(Array) });

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this channel?' }).getByRole('button', { name: 'Delete channel' }).click();
    await page.getByText('Channel deleted').waitFor();
    await poll(() => page.locator('tr.channel-row', { hasText: failing.url }).count()).toBe(0);
  });
});
