import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from './server';
import { launchBrowser, type TestBrowser, signIn, signOut } from './browser';

const PASSWORD = 'demo';
const ADMIN = 'admin@tierdesk.example';
const MANAGER = 'manager@tierdesk.example';
const L1 = 'l1@tierdesk.example';
const SCREENSHOT = '/tmp/tierdesk-dry-run.png';

let server: TestServer;
let browser: TestBrowser;
let page: Page;

/** Signs in through the API and returns the cookie and CSRF token for setup calls. */
async function apiSession(email: string) {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe('support-line administration, line metrics and queue views', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(server.baseUrl);
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the admin dry-runs a billing question on the routing page and sees the billing rule match', async () => {
    await signIn(page, ADMIN);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-tab-routing').click();
    await page.getByTestId('rule-billing').waitFor();
    await page.getByTestId('routing-version').waitFor();

    const dry = page.getByTestId('dry-run');
    await dry.getByTestId('dry-type').selectOption('billing');
    await dry.getByTestId('dry-channel').selectOption('portal');
    await dry.getByTestId('dry-text').fill('Why was I charged twice for the invoice of October?');
    await dry.getByTestId('dry-run-submit').click();

    const matched = dry.getByTestId('dry-matched');
    await matched.waitFor();
    expect(await matched.getAttribute('data-rule')).toBe('billing');
    expect(await matched.textContent()).toContain('Billing questions stay at L1 Billing');
    expect(await dry.getByTestId('dry-team').textContent()).toBe('L1-BILLING');
    expect(await dry.getByTestId('dry-rule-billing').getAttribute('data-matched')).toBe('true');
    expect(await dry.getByTestId('dry-rule-security').getAttribute('data-matched')).toBe('false');
    // the matched rule is highlighted in the rule list too
    await page.locator('[data-testid="rule-billing"].rule-matched').waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await signOut(page);
  });

  it('the duty manager opens line metrics and sees the table', async () => {
    await signIn(page, MANAGER);
    await page.getByTestId('nav-line-metrics').click();
    const table = page.getByTestId('metrics-table');
    await table.waitFor();
    await page.getByTestId('metrics-row-all-all').waitFor();
    expect(await page.getByTestId('metrics-backlog-now').textContent()).toContain('L1');
    await page.getByTestId('backlog-chart').waitFor();
    const csv = await page.getByTestId('metrics-csv').getAttribute('href');
    expect(csv).toMatch(/^\/api\/reports\/lines\?.*format=csv/);
    await signOut(page);
  });

  it('an L1 agent sees the "Mine" view count on the queue page', async () => {
    // Give the L1 agent one request of their own: take an unassigned one from their team.
    const s = await apiSession(L1);
    const unassigned = (await (await fetch(`${server.baseUrl}/api/queues/unassigned-in-my-teams`, { headers: { cookie: s.cookie } })).json()) as {
      items: Array<{ key: string }>;
    };
    const key = unassigned.items[0]?.key;
    if (!key) throw new Error('the demo data has no unassigned request in the L1 agent team');
    const took = await fetch(`${server.baseUrl}/api/tickets/${key}/take`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });
    expect(took.status).toBe(200);

    await signIn(page, L1);
    await page.getByTestId('queue-views').waitFor();
    const mine = page.getByTestId('qv-count-mine');
    await expect.poll(async () => (await mine.textContent())?.trim(), { timeout: 20_000 }).toBe('1');
    await page.getByTestId('qv-mine').click();
    await page.locator('[data-testid="queue-view-list"][data-view="mine"]').waitFor();
    await page.getByTestId('queue-view-list').getByText(key).first().waitFor();
  });
});
