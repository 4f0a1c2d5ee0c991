/**
 * Debian's chromium driven by playwright-core: headless, no sandbox (containers), no GPU,
 * no background networking, and a fresh profile per launch.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));
export const readmeScreenshotDir = fileURLToPath(new URL('../readme-screenshots/', import.meta.url));

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'keyguard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves `name.png` under test/e2e/screenshots/ (git-ignored) — look at them. The image ends
 * just below the page's content (or an open dialog), so short pages make small files.
 */
export async function screenshot(page: Page, name: string, options: { hideToasts?: boolean } = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  if (options.hideToasts) await page.evaluate(`document.querySelector('.toasts')?.style.setProperty('display', 'none')`);
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const bottom = await page.evaluate<number>(
    `Math.max(...[...document.querySelectorAll('main, dialog[open], .toast')].map((e) => e.getBoundingClientRect().bottom))`,
  );
  const height = Math.min(viewport.height, Math.max(360, Math.ceil(bottom) + 32));
  await page.screenshot({ path, clip: { x: 0, y: 0, width: viewport.width, height } });
  if (options.hideToasts) await page.evaluate(`document.querySelector('.toasts')?.style.removeProperty('display')`);
  return path;
}
