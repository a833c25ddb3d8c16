import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from './server';
import { launchBrowser, type TestBrowser, signIn, signOut } from './browser';

const L1 = 'l1@tierdesk.example';
const MANAGER = 'manager@tierdesk.example';
const ADMIN = 'admin@tierdesk.example';
/** A demo request whose first-response clock is still running (SUP-1001 was answered in the seed). */
const DEMO_KEY = 'SUP-1002';
const SCREENSHOT = '/tmp/tierdesk-sla.png';

let server: TestServer;
let browser: TestBrowser;
let page: Page;

const firstResponse = () => page.locator('[data-testid="sla-clock"][data-metric="first_response"]');

describe('SLA in the web console', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(server.baseUrl);
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows SLA badges in the agent queue', async () => {
    await signIn(page, L1);
    await page.getByTestId('agent-queue').waitFor();
    const row = page.locator(`[data-testid="ticket-row"][data-key="${DEMO_KEY}"]`);
    await row.getByTestId('sla-badge').waitFor();
    expect(await row.getByTestId('sla-badge').getAttribute('data-urgency')).toMatch(/^(ok|warn|danger|breached|paused)$/);
    await page.getByTestId('sla-sort').check();
    await expect.poll(() => page.getByTestId('ticket-row').count()).toBeGreaterThan(0);
  });

  it('shows the first-response clock on the request page, and shows it met after a public reply', async () => {
    await page.goto(`/requests/${DEMO_KEY}`);
    await page.locator(`[data-testid="ticket-page"][data-key="${DEMO_KEY}"]`).waitFor();
    await page.getByTestId('sla-panel').waitFor();
    await firstResponse().waitFor();
    expect(await firstResponse().getAttribute('data-state')).toBe('running');
    expect(await firstResponse().getByTestId('sla-target').textContent()).not.toBe('');
    await firstResponse().getByTestId('sla-remaining').waitFor();

    await firstResponse().getByTestId('sla-timeline-toggle').click();
    await firstResponse().locator('[data-testid="sla-event"][data-kind="started"]').waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.getByTestId('reply-mode-public').click().catch(() => undefined);
    await page.getByTestId('reply-body').fill('We are looking into it and will update you within the hour.');
    await page.getByTestId('reply-send').click();
    await expect.poll(() => firstResponse().getAttribute('data-state'), { timeout: 30_000 }).toBe('met');
    await firstResponse().getByTestId('sla-met-at').waitFor();
    expect(await firstResponse().getByTestId('sla-state').textContent()).toBe('Met');
    await signOut(page);
  });

  it('lets the duty manager read the SLA report', async () => {
    await signIn(page, MANAGER);
    await page.getByTestId('nav-sla-report').click();
    await page.getByTestId('sla-report').waitFor();
    await page.getByTestId('report-group-by').selectOption('priority');
    await page.getByTestId('report-show').click();
    const row = page.locator('[data-testid="sla-report-row"]').first();
    await row.waitFor();
    expect(await page.getByTestId('sla-report-row').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="sla-report-row"][data-group="low"]').waitFor();
    await page.getByTestId('sla-chart').waitFor();
    expect(await page.getByTestId('report-csv').getAttribute('href')).toContain('format=csv');

    // The CSV link answers with a spreadsheet for this session.
    const href = (await page.getByTestId('report-csv').getAttribute('href')) ?? '';
    const csv = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), href);
    expect(csv.split('\n')[0]).toBe('group,metric,total,met,breached,open,cancelled,percent_met,median_ms,p95_ms');
  });

  it('shows the duty manager the SLA admin read-only', async () => {
    await page.goto('/admin/sla');
    await page.getByTestId('admin-sla').waitFor();
    expect(await page.getByTestId('admin-sla').getAttribute('data-can-edit')).toBe('false');
    await page.locator('[data-testid="sla-plan-row"][data-code="premium"]').getByTestId('sla-plan-edit').click();
    await page.locator('[data-testid="sla-plan-form"][data-code="premium"]').waitFor();
    expect(await page.getByTestId('sla-plan-save').count()).toBe(0);
    expect(await page.locator('[data-testid="sla-target-input"]').first().isDisabled()).toBe(true);
    await signOut(page);
  });

  it('lets an admin edit a plan target in the SLA admin page, and the new target shows', async () => {
    await signIn(page, ADMIN, { english: true });
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-tab-sla').click();
    await page.getByTestId('admin-sla').waitFor();
    const cell = page.locator('[data-testid="sla-plan-target"][data-plan="premium"][data-metric="first_response"][data-key="critical"]');
    await cell.waitFor();
    expect(await cell.textContent()).toContain('15 min');

    await page.locator('[data-testid="sla-plan-row"][data-code="premium"]').getByTestId('sla-plan-edit').click();
    const form = page.locator('[data-testid="sla-plan-form"][data-code="premium"]');
    const input = form.locator('[data-testid="sla-target-input"][data-metric="first_response"][data-key="critical"]');
    expect(await input.inputValue()).toBe('15');
    // A bad number is refused before it is sent, naming the field; nothing is lost.
    await input.fill('ten');
    await form.getByTestId('sla-plan-save').click();
    await form.getByTestId('sla-admin-invalid').waitFor();
    expect(await input.inputValue()).toBe('ten');
    await input.fill('20');
    await form.getByTestId('sla-plan-save').click();
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toContain('20 min');
    await page.screenshot({ path: '/tmp/tierdesk-sla-admin.png', fullPage: true });

    // The server has it too: a reload shows the new target.
    await page.reload();
    await cell.waitFor();
    expect(await cell.textContent()).toContain('20 min');
    await signOut(page);
  });
});
