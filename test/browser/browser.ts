import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/**
 * Debian's Chromium, headless, with a fresh profile. Playwright refuses a --user-data-dir argument to
 * launch(), so the fresh profile directory goes through launchPersistentContext instead.
 */
export async function launchBrowser(baseURL: string): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'tierdesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    baseURL,
    locale: 'en-GB',
    viewport: { width: 1360, height: 900 },
  });
  // Two cores shared with the server under test: be patient rather than flaky.
  context.setDefaultTimeout(45_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = 'demo';

/** Signs in through the form as a demo user; English labels unless the test is about the language. */
export async function signIn(page: Page, email: string, opts: { english?: boolean } = {}): Promise<void> {
  await page.goto('/');
  await page.getByTestId('signin-form').waitFor();
  if (opts.english ?? true) await page.getByTestId('lang-en').click();
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(DEMO_PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('whoami').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('signin-form').waitFor();
}
