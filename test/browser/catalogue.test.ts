import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from './server';
import { launchBrowser, type TestBrowser, signIn, signOut } from './browser';

const CUSTOMER = 'customer@acme.example';
const ADMIN = 'admin@tierdesk.example';
const L1 = 'l1@tierdesk.example';
const SCREENSHOT = '/tmp/tierdesk-catalogue-form.png';

let server: TestServer;
let browser: TestBrowser;
let page: Page;

const run = Date.now().toString(36);
const subject = `Two public IPs for the web tier (${run})`;

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

describe('the public help centre', () => {
  it('anyone reads public articles without an account, and is asked to sign in only to rate one', async () => {
    await page.goto('/');
    await page.getByTestId('signin-form').waitFor();
    await page.getByTestId('lang-en').click();
    await page.getByTestId('signin-help').getByRole('link').click();
    await page.getByTestId('help-centre').waitFor();
    await page.getByTestId('help-search').fill('quota');
    const first = page.locator('[data-testid^="help-item-"]').first();
    await first.waitFor();
    await first.getByRole('link').click();
    await page.getByTestId('help-article').waitFor();
    expect(await page.getByTestId('help-sign-in-to-rate').isVisible()).toBe(true);
    expect(await page.getByTestId('help-yes').count()).toBe(0);
    // Only public articles reach an anonymous reader.
    const list = await pageJson<{ items: Array<{ visibility: string }> }>('/api/knowledge/articles?status=published&limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((a) => a.visibility === 'public')).toBe(true);
    await page.getByTestId('nav-sign-in').click();
    await page.getByTestId('signin-form').waitFor();
  });
});

describe('a request through the service form', () => {
  it('the customer picks a service, sees an inline error, fixes it, submits and sees the request', async () => {
    await signIn(page, CUSTOMER, { english: true });
    await page.getByTestId('new-request').click();
    await page.getByTestId('new-request-form').waitFor();
    await page.getByTestId('new-subject').fill(subject);
    await page.getByTestId('new-description').fill('We need two public addresses for the load-balanced web tier.');

    // Find the service by a word of its name (either language) and pick it.
    await page.getByTestId('catalogue-filter').fill('floating');
    await page.locator('[data-testid="catalogue-leaf"][data-code="network.ip.floating"]').click();
    await page.getByTestId('catalogue-selected').waitFor();
    const form = page.getByTestId('service-form');
    await form.waitFor();
    expect(await form.getAttribute('data-form-version')).toBe('1');
    expect(await page.getByTestId('form-field-addressCount').getAttribute('data-required')).toBe('submit');

    // A number field given words: the error shows under it as soon as it loses focus.
    await page.getByTestId('form-input-addressCount').fill('two');
    await page.getByTestId('form-input-addressCount').blur();
    expect(await page.getByTestId('form-error-addressCount').textContent()).toBe('Enter a number');

    // Submitting now shows every missing required field inline and sends nothing.
    await page.getByTestId('new-submit').click();
    await page.getByTestId('form-error-ipVersion').waitFor();
    expect(await page.getByTestId('form-error-ipVersion').textContent()).toBe('Required');
    expect(await page.getByTestId('region-error').textContent()).toBe('Required');
    expect(page.url()).toContain('/requests/new');

    await page.getByTestId('form-input-addressCount').fill('2');
    await page.getByTestId('form-error-addressCount').waitFor({ state: 'detached' });
    await page.getByTestId('form-input-ipVersion').selectOption('v4');
    await page.getByTestId('new-region').selectOption('ru-msk-1');
    await page.getByTestId('new-project-id').fill('mcs0123456789');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.getByTestId('new-submit').click();

    await page.getByTestId('ticket-page').waitFor();
    expect(await page.getByTestId('ticket-subject').textContent()).toBe(subject);
    const key = (await page.getByTestId('ticket-key').textContent())?.trim() ?? '';
    const stored = await pageJson<{ form: { version: number }; fields: Array<{ name: string; value: unknown }> }>(`/api/tickets/${key}/form`);
    expect(stored.status).toBe(200);
    expect(stored.body.form.version).toBe(1);
    expect(stored.body.fields.find((f) => f.name === 'addressCount')?.value).toBe(2);
    expect(stored.body.fields.find((f) => f.name === 'ipVersion')?.value).toBe('v4');
    await signOut(page);
  });

  it('an admin adds a required field; the portal form shows it at once, as version 2', async () => {
    await signIn(page, ADMIN, { english: true });
    await page.goto('/admin/catalogue');
    await page.getByTestId('admin-catalogue').waitFor();
    await page.getByTestId('admin-catalogue-filter').fill('floating');
    await page.locator('[data-testid="admin-catalogue-item"][data-code="network.ip.floating"]').click();
    const editor = page.getByTestId('form-editor');
    await editor.getByTestId('form-field-row').first().waitFor();
    expect(await editor.getByTestId('form-field-row').count()).toBe(5);
    await editor.getByTestId('add-field').click();
    const row = editor.getByTestId('form-field-row').nth(5);
    await row.getByTestId('field-name').fill('dnsName');
    await row.getByTestId('field-label-en').fill('DNS name');
    await row.getByTestId('field-label-ru').fill('DNS-имя');
    await row.getByTestId('field-required').selectOption('submit');
    await editor.getByTestId('form-comment').fill('DNS name for the addresses');
    await editor.getByTestId('save-form').click();
    expect(await editor.getByTestId('form-saved').textContent()).toBe('Saved as version 2');
    await editor.getByTestId('form-history').locator('summary').click();
    expect(await editor.getByTestId('form-version').count()).toBe(2);
    await signOut(page);

    await signIn(page, CUSTOMER, { english: true });
    await page.getByTestId('new-request').click();
    await page.getByTestId('catalogue-filter').fill('floating');
    await page.locator('[data-testid="catalogue-leaf"][data-code="network.ip.floating"]').click();
    await page.getByTestId('form-field-dnsName').waitFor();
    expect(await page.getByTestId('service-form').getAttribute('data-form-version')).toBe('2');
    await signOut(page);
  });

  it('an agent registers a phone call through the same form', async () => {
    await signIn(page, L1, { english: true });
    await page.getByTestId('nav-phone-request').click();
    await page.getByTestId('phone-caller').waitFor();
    await page.getByTestId('new-organization').selectOption({ label: 'ACME Cloud Shop' });
    await page.getByTestId('new-requester').selectOption({ index: 1 });
    await page.getByTestId('new-subject').fill(`Phone: public IPs (${run})`);
    await page.getByTestId('new-description').fill('The customer called: one more IPv6 address.');
    await page.getByTestId('catalogue-filter').fill('floating');
    await page.locator('[data-testid="catalogue-leaf"][data-code="network.ip.floating"]').click();
    await page.getByTestId('form-input-addressCount').fill('1');
    await page.getByTestId('form-input-ipVersion').selectOption('v6');
    await page.getByTestId('form-input-dnsName').fill('web.acme.example');
    await page.getByTestId('new-region').selectOption('Moscow');
    await page.getByTestId('caller-project').first().click();
    await page.getByTestId('new-submit').click();
    await page.getByTestId('ticket-page').waitFor();
    const key = (await page.getByTestId('ticket-key').textContent())?.trim() ?? '';
    const ticket = await pageJson<{ channel: string }>(`/api/tickets/${key}`);
    expect(ticket.body.channel).toBe('phone');
    await signOut(page);
  });

  it('maps the server’s 400 onto the field it names', async () => {
    await signIn(page, CUSTOMER, { english: true });
    await page.getByTestId('new-request').click();
    await page.getByTestId('new-subject').fill(`Bucket settings (${run})`);
    await page.getByTestId('new-description').fill('Please enable CORS.');
    await page.getByTestId('catalogue-filter').fill('bucket');
    await page.locator('[data-testid="catalogue-leaf"][data-code="storage.s3.bucket"]').click();
    await page.getByTestId('service-form').waitFor();
    await page.getByTestId('form-input-bucket').fill('assets');
    await page.getByTestId('form-field-setting').getByText('CORS').click();
    // A project of another organisation passes the format check here; the server refuses it.
    await page.getByTestId('new-project-id').fill('mcs9999999999');
    await page.getByTestId('new-submit').click();
    await page.getByTestId('project-id-error').waitFor();
    expect(await page.getByTestId('project-id-error').textContent()).toMatch(/does not belong/);
    await signOut(page);
  });
});
