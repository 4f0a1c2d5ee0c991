/**
 * Debian's chromium driven by playwright-core: headless, no sandbox (containers), no GPU,
 * no background networking; a fresh context (cookies, storage) per test.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

export interface Chromium {
  /** A fresh context (its own cookies and storage) with one page: what each test starts from. */
  newPage(viewport?: { width: number; height: number }): Promise<Browser>;
  close(): Promise<void>;
}

/** One chromium process with one page, closed together (for a test file that needs a single browser). */
export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const chromium = await startChromium();
  const browser = await chromium.newPage(viewport);
  return { ...browser, close: () => chromium.close() };
}

/** One chromium process for a test file; every test gets a context of its own from it. */
export async function startChromium(): Promise<Chromium> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      return { context, page, close: () => context.close() };
    },
    close: () => browser.close(),
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

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2 A/AA rules and best practices) on what the page shows now and returns
 * its violations, each with the elements it concerns: `expect(await axeViolations(page)).toEqual([])`.
 */
export async function axeViolations(page: Page): Promise<{ rule: string; impact: string | null; help: string; targets: string[] }[]> {
  // Evaluated through the DevTools protocol, not as a <script>: the dashboard's CSP (script-src 'self') stays as it is.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  );
  return result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Waits until no CSS transition or animation is running (a tooltip fading in, a dialog opening). */
export async function animationsSettled(page: Page, timeoutMs = 5000): Promise<void> {
  // Polled with evaluate (the DevTools protocol): waitForFunction would need 'unsafe-eval', which the dashboard's CSP refuses.
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(`document.getAnimations().every((a) => a.playState !== 'running')`))) {
    if (Date.now() > deadline) throw new Error(`animations still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
