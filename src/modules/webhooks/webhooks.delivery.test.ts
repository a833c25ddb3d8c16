import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { as, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { dispatchEvent, dispatchEvents } from './dispatch-event.js';
import { deliverWebhook, DELIVERY_RETRY_LIMIT } from './deliver-webhook.js';
import type { WebhookPayload } from './schemas.js';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
let l1: TestUser;
const receivers: Receiver[] = [];

beforeAll(async () => {
  // The receivers listen on 127.0.0.1, which webhooks may target only with WEBHOOK_ALLOW_PRIVATE.
  t = await testApp({ env: { TIERDESK_WORKERS: 'true', WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const org = await t.f.org();
  admin = await t.f.staff({ role: 'admin' });
  customer = await t.f.customer(org.id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
});
afterEach(async () => {
  // Every webhook in this file subscribes to ticket events; switch them off so later tests stay quiet.
  await t.ctx.db.updateTable('webhooks').set({ active: false }).execute();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(() => t.close());

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: WebhookPayload;
}

interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A real endpoint on 127.0.0.1; `answer` picks the status for the n-th request of a delivery (1-based). */
async function startReceiver(answer: (r: Received, n: number) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const perDelivery = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: Received = { headers: req.headers, raw, body: JSON.parse(raw) as WebhookPayload };
      received.push(r);
      const id = String(req.headers['x-tierdesk-delivery']);
      const n = (perDelivery.get(id) ?? 0) + 1;
      perDelivery.set(id, n);
      res.writeHead(answer(r, n), { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  receivers.push(receiver);
  return receiver;
}

/** What a receiver does, written independently of the code under test. */
function signatureValid(secret: string, r: Received): boolean {
  const ts = String(r.headers['x-tierdesk-timestamp']);
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${r.raw}`).digest('hex')}`;
  const given = String(r.headers['x-tierdesk-signature']);
  const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
  return fresh && given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function createHook(url: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as(admin.token), payload: { url, eventTypes } });
  expect(res.statusCode).toBe(201);
  return json<{ id: string; secret: string }>(res);
}

async function createTicket(subject = 'VM does not start'): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: as(customer.token), payload: { subject, description: 'Stuck in ERROR' } });
  expect(res.statusCode).toBe(201);
  return json<{ key: string }>(res).key;
}

type Delivery = { id: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; deliveredAt: string | null };
async function deliveries(hookId: string): Promise<Delivery[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/webhooks/${hookId}/deliveries`, headers: as(admin.token) });
  expect(res.statusCode).toBe(200);
  return json<{ items: Delivery[] }>(res).items;
}

describe('delivery', () => {
  it('POSTs one signed ticket.created to a ticket.* webhook', async () => {
    const rx = await startReceiver();
    const hook = await createHook(rx.url, ['ticket.*']);
    const key = await createTicket();
    const created = () => rx.received.filter((r) => r.body.type === 'ticket.created' && r.body.ticket?.key === key);
    const got = await waitFor('ticket.created delivery', () => created()[0]);
    // Give a duplicate a chance to show up before asserting there is exactly one.
    await new Promise((r) => setTimeout(r, 1000));
    expect(created()).toHaveLength(1);

    expect(signatureValid(hook.secret, got)).toBe(true);
    expect(signatureValid('whsec_wrong', got)).toBe(false);
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'tierdesk-webhooks/1',
      'x-tierdesk-event': 'ticket.created',
    });
    expect(got.body).toMatchObject({ type: 'ticket.created', organizationId: customer.actor.organizationId, actorId: customer.id, changes: {} });
    expect(got.body.ticket?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof got.body.id).toBe('number');
    expect(got.body.data).toMatchObject({ key });

    const log = await waitFor('delivered log entry', async () => (await deliveries(hook.id)).find((d) => d.id === got.headers['x-tierdesk-delivery'] && d.status === 'delivered'));
    expect(log).toMatchObject({ eventType: 'ticket.created', attempts: 1, lastStatusCode: 200, lastError: null });
    expect(log.deliveredAt).not.toBeNull();
  });

  it('retries after a 500 and the log shows the attempts', async () => {
    const rx = await startReceiver((_r, n) => (n === 1 ? 500 : 200));
    const hook = await createHook(rx.url, ['ticket.created']);
    const key = await createTicket();
    const mine = (d: Delivery[]) => d.find((x) => x.eventType === 'ticket.created');

    const failedOnce = await waitFor('first failed attempt', async () => {
      const d = mine(await deliveries(hook.id));
      return d && d.attempts === 1 ? d : undefined;
    });
    expect(failedOnce).toMatchObject({ status: 'pending', lastStatusCode: 500 });
    expect(failedOnce.lastError).toContain('HTTP 500');

    // The queue's first retry comes 5–10 s later (retryDelay 5 with backoff).
    const done = await waitFor('retried delivery', async () => {
      const d = mine(await deliveries(hook.id));
      return d?.status === 'delivered' ? d : undefined;
    }, 20_000);
    expect(done).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });
    const posts = rx.received.filter((r) => r.body.ticket?.key === key);
    expect(posts).toHaveLength(2);
    expect(posts[0]?.headers['x-tierdesk-delivery']).toBe(posts[1]?.headers['x-tierdesk-delivery']);
    expect(posts.every((p) => signatureValid(hook.secret, p))).toBe(true);
  });

  it('never sends the text of an internal note, only its id', async () => {
    const rx = await startReceiver();
    await createHook(rx.url, ['ticket.note_added']);
    const key = await createTicket();
    const secretText = 'root password is hunter2';
    const note = await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/messages`, headers: as(l1.token), payload: { body: secretText, visibility: 'internal' } });
    expect(note.statusCode).toBe(201);
    const got = await waitFor('ticket.note_added', () => rx.received.find((r) => r.body.ticket?.key === key));
    expect(got.body).toMatchObject({ type: 'ticket.note_added', visibility: 'internal', data: { messageId: json<{ id: string }>(note).id } });
    expect(got.raw).not.toContain('hunter2');
  });

  it('sends a ping to the tested webhook only', async () => {
    const rx = await startReceiver();
    const other = await startReceiver();
    const hook = await createHook(rx.url, ['ticket.created']);
    await createHook(other.url, ['*']);
    const res = await t.app.inject({ method: 'POST', url: `/api/webhooks/${hook.id}/test`, headers: as(admin.token) });
    expect(res.statusCode).toBe(202);
    const got = await waitFor('webhook.ping', () => rx.received.find((r) => r.body.type === 'webhook.ping'));
    expect(signatureValid(hook.secret, got)).toBe(true);
    expect(got.body).toMatchObject({ ticket: null, actorId: admin.id, data: { webhookId: hook.id } });
    await new Promise((r) => setTimeout(r, 1000));
    expect(other.received.filter((r) => r.body.type === 'webhook.ping')).toHaveLength(0);
  });
});

describe('idempotency and giving up', () => {
  async function quietEvent(type: string): Promise<number> {
    // Inserted directly (no events.dispatch job) so the test drives dispatch itself.
    const row = await t.ctx.db.insertInto('events').values({ type, changes: '{}', data: '{}' }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  it('a repeated dispatch creates no second delivery', async () => {
    const rx = await startReceiver();
    const hook = await createHook(rx.url, ['audit.*']);
    const eventId = await quietEvent('audit.checked');
    await dispatchEvent(t.ctx, eventId);
    await dispatchEvent(t.ctx, eventId);
    await waitFor('delivery', () => rx.received[0]);
    await dispatchEvent(t.ctx, eventId);
    await new Promise((r) => setTimeout(r, 1000));
    expect(rx.received).toHaveLength(1);
    const rows = await t.ctx.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', hook.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('delivered');
  });

  it('fans a batch of events out in one dispatch: each to the webhooks of its type, once', async () => {
    const rx = await startReceiver();
    const audits = await createHook(rx.url, ['audit.*']);
    const probes = await createHook(rx.url, ['probe.only']);
    const a = await quietEvent('audit.checked');
    const b = await quietEvent('probe.only');
    const c = await quietEvent('unmatched.event');
    // Repeated ids, an event that is gone and ids that are not safe integers are skipped, not errors.
    await dispatchEvents(t.ctx, [a, b, c, a, 999_999_999, 2 ** 53, 1.5]);
    await dispatchEvents(t.ctx, [b]);
    const rows = await t.ctx.db.selectFrom('webhook_deliveries').select(['webhook_id', 'event_id']).where('event_id', 'in', [a, b, c]).orderBy('event_id').execute();
    expect(rows).toEqual([
      { webhook_id: audits.id, event_id: a },
      { webhook_id: probes.id, event_id: b },
    ]);
    await waitFor('both deliveries', () => rx.received.length === 2 || undefined);
  });

  it('marks the delivery failed after the last attempt, and a delivered one is not sent again', async () => {
    const rx = await startReceiver(() => 503);
    const hook = await createHook(rx.url, ['probe.only']);
    const eventId = await quietEvent('unmatched.event');
    const d = await t.ctx.db
      .insertInto('webhook_deliveries')
      .values({ webhook_id: hook.id, event_id: eventId, status: 'pending', attempts: DELIVERY_RETRY_LIMIT })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(deliverWebhook(t.ctx, d.id)).rejects.toThrow(/attempt 9 failed: HTTP 503/);
    const row = await t.ctx.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 9, last_status_code: 503 });
    await deliverWebhook(t.ctx, d.id);
    expect(rx.received).toHaveLength(1);
  });

  it('records a connection error without a status code', async () => {
    const rx = await startReceiver();
    const url = rx.url;
    await rx.close();
    receivers.splice(receivers.indexOf(rx), 1);
    const hook = await createHook(url, ['probe.only']);
    const eventId = await quietEvent('unmatched.event');
    const d = await t.ctx.db.insertInto('webhook_deliveries').values({ webhook_id: hook.id, event_id: eventId, status: 'pending' }).returning('id').executeTakeFirstOrThrow();
    await expect(deliverWebhook(t.ctx, d.id)).rejects.toThrow(/request failed/);
    const row = await t.ctx.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
    expect(row.last_error).toContain('ECONNREFUSED');
  });
});
