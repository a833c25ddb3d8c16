import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from './server';
import { launchBrowser, type TestBrowser, signIn, signOut } from './browser';

const PASSWORD = 'demo';
const CUSTOMER = 'customer@acme.example';
const L1 = 'l1@tierdesk.example';
const L2 = 'l2@tierdesk.example';
const DEMO_KEY = 'SUP-1001';
const SCREENSHOT = '/tmp/tierdesk-handover.png';

let server: TestServer;
let browser: TestBrowser;
let page: Page;

const run = Date.now().toString(36);
const checked = `Checked the VM console and the flavour quota (${run}).`;
const found = `Resize to a larger flavour fails with "No valid host" in ru-msk-1 (${run}).`;
const told = `Told the customer the compute specialists are on it (${run}).`;
const instructions = `Resized on a new host aggregate; ask the customer to start the VM again (${run}).`;
const publicAnswer = `The VM was moved to a new host and resized; please start it again (${run}).`;
const resourceId = `vm-${run}-web-02`;
let ticketKey = '';

/** A portal request from the demo customer through the API: a VM resize with project and region but no resource IDs. */
async function createCustomerRequest(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: CUSTOMER, password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const catalogue = (await (await fetch(`${baseUrl}/api/catalogue`, { headers: { cookie } })).json()) as { items: Array<{ id: string; code: string }> };
  const item = catalogue.items.find((i) => i.code === 'compute.vm.resize');
  if (!item) throw new Error('the demo catalogue has no compute.vm.resize');
  const res = await fetch(`${baseUrl}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      subject: `Cannot resize VM web-02 (${run})`,
      description: 'Changing the flavour of web-02 fails, the VM stays SHUTOFF.',
      catalogueItemId: item.id,
      region: 'ru-msk-1',
      projectId: 'mcs0123456789',
    }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`creating the request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

async function openRequest(key: string) {
  await page.goto(`/requests/${key}`);
  await page.locator(`[data-testid="ticket-page"][data-key="${key}"]`).waitFor();
  await page.getByTestId('line-actions').waitFor();
}

async function fillHandover() {
  const dialog = page.getByTestId('escalate-dialog');
  await dialog.getByTestId('escalate-reason').selectOption('deep_diagnostics');
  await dialog.getByTestId('escalate-reason-text').fill('Needs hypervisor access');
  await dialog.getByTestId('handover-checked-input').fill(checked);
  await dialog.getByTestId('handover-found-input').fill(found);
  await dialog.getByTestId('handover-told-input').fill(told);
}

beforeAll(async () => {
  server = await startServer();
  ticketKey = await createCustomerRequest(server.baseUrl);
  browser = await launchBrowser(server.baseUrl);
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('escalation: L1 → L2 with a hand-over → return → L1 answers the customer', () => {
  it('tells L1 exactly what is missing on a demo request it cannot escalate yet', async () => {
    await signIn(page, L1);
    await openRequest(DEMO_KEY);
    await page.getByTestId('escalate-open').click();
    const dialog = page.getByTestId('escalate-dialog');
    await dialog.waitFor();
    // The next line is the default target.
    expect(await dialog.getByTestId('escalate-line').inputValue()).toBe('L2');
    await fillHandover();
    await dialog.getByTestId('escalate-submit').click();
    await dialog.getByTestId('escalation-missing').waitFor();
    const keys = await dialog.getByTestId('missing-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(keys).toEqual(['timeWindow', 'errorText']);
    expect(await dialog.getByTestId('escalation-missing').textContent()).toContain('Time window of the problem');
    expect(await dialog.getByTestId('missing-ask-customer').count()).toBe(2);
    await dialog.getByTestId('escalate-cancel').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('L1 escalates with a hand-over, filling the missing resource IDs', async () => {
    await openRequest(ticketKey);
    expect(await page.getByTestId('detail-line').textContent()).toBe('L1');
    await page.getByTestId('escalate-open').click();
    const dialog = page.getByTestId('escalate-dialog');
    await fillHandover();
    await dialog.getByTestId('escalate-submit').click();
    await dialog.getByTestId('escalation-missing').waitFor();
    expect(await dialog.getByTestId('missing-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(['resourceIds']);
    await dialog.getByTestId('missing-resources').fill(resourceId);
    await dialog.getByTestId('escalate-submit').click();
    await page.getByTestId('moved-notice').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="detail-line"]', { hasText: 'L2' }).waitFor();
    expect(await page.getByTestId('ticket-details').textContent()).toContain(resourceId);
    expect(await page.getByTestId('handover').count()).toBe(1);
    await signOut(page);
  });

  it('L2 sees it in the queue and the hand-over first on the request page', async () => {
    await signIn(page, L2);
    await page.getByTestId('agent-queue').waitFor();
    const row = page.locator(`[data-testid="ticket-row"][data-key="${ticketKey}"]`);
    await row.waitFor();
    await row.getByTestId('ticket-link').click();
    await page.locator(`[data-testid="ticket-page"][data-key="${ticketKey}"]`).waitFor();
    const handover = page.getByTestId('handover').first();
    await handover.waitFor();
    expect(await handover.getAttribute('data-kind')).toBe('escalation');
    expect(await handover.getByTestId('handover-route').textContent()).toMatch(/L1.*→ L2/);
    expect(await handover.getByTestId('handover-checked').textContent()).toBe(checked);
    expect(await handover.getByTestId('handover-found').textContent()).toBe(found);
    expect(await handover.getByTestId('handover-told').textContent()).toBe(told);
    // The reason's name follows the UI language once the reason list has loaded (until then: the account's).
    await handover.getByTestId('handover-reason').filter({ hasText: 'Needs detailed diagnostics' }).waitFor();
    // The hand-over comes before the description and the timeline.
    const order = await page.evaluate(() => {
      const h = document.querySelector('[data-testid="handovers"]');
      const tl = document.querySelector('[data-testid="timeline"]');
      return h && tl ? h.compareDocumentPosition(tl) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();

    await page.getByTestId('take').click();
    await page.locator('[data-testid="detail-assignee"]', { hasText: 'Сергей' }).waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('L2 returns it to L1 with instructions', async () => {
    await page.getByTestId('return-open').click();
    const dialog = page.getByTestId('return-dialog');
    await dialog.getByTestId('return-instructions').fill(instructions);
    await dialog.getByTestId('return-submit').click();
    await page.getByTestId('moved-notice').waitFor();
    await signOut(page);
  });

  it('L1 sees the return first and answers the customer publicly', async () => {
    await signIn(page, L1);
    await openRequest(ticketKey);
    expect(await page.getByTestId('detail-line').textContent()).toBe('L1');
    const latest = page.getByTestId('handover').first();
    expect(await latest.getAttribute('data-kind')).toBe('return');
    expect(await latest.getByTestId('handover-instructions').textContent()).toBe(instructions);
    expect(await page.getByTestId('handover').count()).toBe(2);

    await page.getByTestId('reply-mode-public').click();
    await page.getByTestId('reply-body').fill(publicAnswer);
    await page.getByTestId('reply-send').click();
    await page.locator('[data-testid="timeline-message"]', { hasText: publicAnswer }).waitFor();
    await signOut(page);

    await signIn(page, CUSTOMER);
    await page.goto(`/requests/${ticketKey}`);
    await page.locator('[data-testid="timeline-message"]', { hasText: publicAnswer }).waitFor();
    // Customers never see the hand-over.
    expect(await page.getByTestId('handovers').count()).toBe(0);
    expect(await page.content()).not.toContain(checked);
  });
});
