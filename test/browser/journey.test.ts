import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from './server';
import { launchBrowser, type TestBrowser, signIn, signOut } from './browser';

const CUSTOMER = 'customer@acme.example';
const L1 = 'l1@tierdesk.example';
const SCREENSHOT = '/tmp/tierdesk-agent.png';

let server: TestServer;
let browser: TestBrowser;
let page: Page;

const run = Date.now().toString(36);
const subject = `VM vm-${run} does not boot after resize`;
const publicReply = `Hello! We restarted the hypervisor agent (${run}); please try again.`;
const internalNote = `Internal: hypervisor cmp-17 was flapping (${run}), do not tell the customer the host name.`;
let ticketKey = '';

/** Reads JSON through the page, so the signed-in session cookie is used. */
async function pageJson<T>(url: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { headers: { accept: 'application/json' } });
    return { status: res.status, body: (await res.json()) as T };
  }, url);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('support journey: customer → L1 agent → customer', () => {
  it('shows the sign-in page with the demo hint, in the chosen language', async () => {
    await page.goto('/');
    await page.getByTestId('signin-form').waitFor();
    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('signin-submit').textContent()).toBe('Sign in');
    await page.getByTestId('demo-hint').waitFor();
    expect(await page.getByTestId('demo-account').count()).toBeGreaterThan(0);

    await page.getByTestId('signin-email').fill(CUSTOMER);
    await page.getByTestId('signin-password').fill('wrong-password');
    await page.getByTestId('signin-submit').click();
    expect(await page.getByTestId('signin-error').textContent()).toContain('Wrong email or password');
  });

  it('lets a customer create a request and see it in the list', async () => {
    await signIn(page, CUSTOMER, { english: false });
    await page.getByTestId('customer-requests').waitFor();
    expect(await page.getByTestId('whoami-context').textContent()).toMatch(/ACME/i);

    await page.getByTestId('new-request').click();
    await page.getByTestId('new-request-form').waitFor();
    await page.getByTestId('new-subject').fill(subject);
    await page.getByTestId('new-description').fill('Since 10:40 MSK the VM stays in ERROR after a flavour change. Error: "No valid host was found".');
    await page.getByTestId('new-type').selectOption('incident');
    await page.getByTestId('new-priority').selectOption('high');

    // Walk down the catalogue tree to the first concrete service.
    const picker = page.getByTestId('catalogue-picker');
    await picker.waitFor();
    for (let depth = 0; depth < 6 && (await picker.getByTestId('catalogue-leaf').count()) === 0; depth++) {
      const branches = picker.getByTestId('catalogue-branch');
      const n = await branches.count();
      if (n === 0) break;
      await branches.nth(n - 1).click();
    }
    if ((await picker.getByTestId('catalogue-leaf').count()) > 0) {
      await picker.getByTestId('catalogue-leaf').first().click();
      await page.getByTestId('catalogue-selected').waitFor();
    }

    await page.getByTestId('new-project-id').fill('mcs12345');
    await page.getByTestId('new-project-id').blur();
    await page.getByTestId('project-id-error').waitFor();
    expect(await page.getByTestId('new-submit').isDisabled()).toBe(true);
    await page.getByTestId('new-project-id').fill('mcs0123456789');
    await page.getByTestId('project-id-error').waitFor({ state: 'detached' });
    await page.getByTestId('new-resource-ids').fill('6f1c2a4e-1b7d-4c55-9a51-3f2a0c9d8e11');

    await page.getByTestId('new-submit').click();
    await page.getByTestId('ticket-page').waitFor();
    ticketKey = (await page.getByTestId('ticket-key').textContent())?.trim() ?? '';
    expect(ticketKey).not.toBe('');
    expect(await page.getByTestId('ticket-subject').textContent()).toBe(subject);
    expect(await page.getByTestId('detail-project').textContent()).toBe('mcs0123456789');

    await page.getByTestId('nav-requests').click();
    await page.locator(`[data-testid="ticket-row"][data-key="${ticketKey}"]`).waitFor();
    await signOut(page);
  });

  it('lets an L1 agent find it, answer publicly and add an internal note', async () => {
    await signIn(page, L1, { english: false });
    await page.getByTestId('agent-queue').waitFor();
    const row = page.locator(`[data-testid="ticket-row"][data-key="${ticketKey}"]`);
    await row.waitFor();

    // The search box finds it by a word from the subject.
    await page.getByTestId('queue-search').fill(`vm-${run}`);
    await page.getByTestId('queue-search').press('Enter');
    await page.getByTestId('search-results').waitFor();
    await row.waitFor();
    await page.getByTestId('clear-search').click();

    await row.getByTestId('ticket-link').click();
    await page.locator(`[data-testid="ticket-page"][data-key="${ticketKey}"]`).waitFor();
    const v1 = Number(await page.getByTestId('ticket-page').getAttribute('data-version'));

    const myName = (await page.getByTestId('whoami-name').textContent()) ?? '';
    if (await page.getByTestId('assign-me').isEnabled()) {
      await page.getByTestId('assign-me').click();
      await page.waitForFunction((v) => Number(document.querySelector('[data-testid="ticket-page"]')?.getAttribute('data-version')) > v, v1);
    }
    await page.getByTestId('detail-assignee').filter({ hasText: myName }).waitFor();
    expect(await page.getByTestId('ticket-version-badge').textContent()).toMatch(/^v\d+$/);

    await page.getByTestId('reply-mode-public').click();
    await page.getByTestId('reply-body').fill(publicReply);
    await page.getByTestId('reply-send').click();
    await page.getByTestId('timeline-message').filter({ hasText: publicReply }).waitFor();

    await page.getByTestId('reply-mode-internal').click();
    await page.getByTestId('reply-body').fill(internalNote);
    await page.getByTestId('reply-send').click();
    await page.getByTestId('timeline-note').filter({ hasText: internalNote }).waitFor();
    expect(await page.getByTestId('timeline-message').filter({ hasText: internalNote }).count()).toBe(0);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('reloads with a message when someone else changed the request meanwhile', async () => {
    const before = Number(await page.getByTestId('ticket-page').getAttribute('data-version'));
    // Another agent's change, made behind the page's back.
    const status = await page.evaluate(async (key) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const t = (await (await fetch(`/api/tickets/${key}`)).json()) as { version: number };
      const res = await fetch(`/api/tickets/${key}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'if-match': `"${t.version}"` },
        body: JSON.stringify({ priority: 'critical' }),
      });
      return res.status;
    }, ticketKey);
    expect(status).toBe(200);

    await page.getByTestId('priority-select').selectOption('low');
    await page.getByTestId('version-conflict').waitFor();
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="ticket-page"]')?.getAttribute('data-version')) > v, before);
    expect(await page.getByTestId('priority-select').inputValue()).toBe('critical');
    await signOut(page);
  });

  it('shows the customer the public answer and never the internal note', async () => {
    await signIn(page, CUSTOMER, { english: false });
    await page.goto(`/requests/${ticketKey}`);
    await page.getByTestId('timeline-message').filter({ hasText: publicReply }).waitFor();
    expect(await page.getByText(internalNote).count()).toBe(0);
    expect(await page.getByTestId('timeline-note').count()).toBe(0);

    // And the API itself does not hand the note to the customer's browser.
    const timeline = await pageJson<{ items: Array<{ kind: string; visibility?: string; body?: string }> }>(
      `/api/tickets/${ticketKey}/timeline`,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.some((i) => i.kind === 'message' && i.visibility === 'internal')).toBe(false);
    expect(JSON.stringify(timeline.body)).not.toContain(internalNote);
  });

  it('switches the labels between English and Russian', async () => {
    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('sign-out').textContent()).toBe('Sign out');
    expect(await page.getByTestId('nav-new-request').textContent()).toBe('New request');
    await page.getByTestId('lang-ru').click();
    expect(await page.getByTestId('sign-out').textContent()).toBe('Выйти');
    expect(await page.getByTestId('nav-new-request').textContent()).toBe('Новое обращение');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');

    // The choice sticks across a reload.
    await page.goto('/');
    await page.getByTestId('customer-requests').waitFor();
    expect(await page.locator('h1').first().textContent()).toBe('Обращения моей организации');
    await page.getByTestId('lang-en').click();
    expect(await page.locator('h1').first().textContent()).toBe("My organisation's requests");
  });
});
