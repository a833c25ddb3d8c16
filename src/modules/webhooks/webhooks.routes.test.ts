import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let manager: TestUser;
let customer: TestUser;

beforeAll(async () => {
  t = await testApp();
  const org = await t.f.org();
  admin = await t.f.staff({ role: 'admin' });
  agent = await t.f.staff();
  manager = await t.f.staff({ role: 'duty_manager' });
  customer = await t.f.customer(org.id, { role: 'admin' });
});
afterAll(() => t.close());

interface Webhook {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  active: boolean;
  secret?: string;
}

const create = (token: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as(token), payload: body });

async function createHook(body: Record<string, unknown> = {}): Promise<Webhook> {
  const res = await create(admin.token, { url: 'https://hooks.example.com/tierdesk', eventTypes: ['ticket.*'], ...body });
  expect(res.statusCode).toBe(201);
  return json<Webhook>(res);
}

describe('permissions', () => {
  const missing = '00000000-0000-4000-8000-000000000000';
  const endpoints: Array<{ method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: Record<string, unknown> }> = [
    { method: 'GET', url: '/api/webhooks' },
    { method: 'POST', url: '/api/webhooks', payload: { url: 'https://x.example', eventTypes: ['*'] } },
    { method: 'GET', url: `/api/webhooks/${missing}` },
    { method: 'PATCH', url: `/api/webhooks/${missing}`, payload: { active: false } },
    { method: 'DELETE', url: `/api/webhooks/${missing}` },
    { method: 'GET', url: `/api/webhooks/${missing}/deliveries` },
    { method: 'POST', url: `/api/webhooks/${missing}/test` },
    { method: 'POST', url: `/api/webhooks/${missing}/rotate-secret` },
  ];

  it.each(endpoints)('$method $url: 401 anonymous, 403 customer/agent/duty manager', async (e) => {
    const anon = await t.app.inject({ method: e.method, url: e.url, ...(e.payload ? { payload: e.payload } : {}) });
    expectError(anon, 401, 'UNAUTHENTICATED');
    for (const who of [customer, agent, manager]) {
      const res = await t.app.inject({ method: e.method, url: e.url, headers: as(who.token), ...(e.payload ? { payload: e.payload } : {}) });
      expectError(res, 403, 'FORBIDDEN');
    }
  });

  it('an admin token without the admin scope is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: as(admin.token),
      payload: { name: 'read-write only', scopes: ['read', 'write'] },
    });
    expect(res.statusCode).toBe(201);
    const { token } = json<{ token: string }>(res);
    expectError(await t.app.inject({ method: 'GET', url: '/api/webhooks', headers: as(token) }), 403, 'FORBIDDEN');
  });
});

describe('CRUD', () => {
  it('creates a webhook and shows the secret only once', async () => {
    const res = await create(admin.token, {
      url: 'https://hooks.example.com/a',
      eventTypes: ['ticket.created', 'ticket.*', 'ticket.created'],
      description: 'Ops chat',
    });
    expect(res.statusCode).toBe(201);
    const hook = json<Webhook>(res);
    expect(hook).toMatchObject({ url: 'https://hooks.example.com/a', eventTypes: ['ticket.created', 'ticket.*'], description: 'Ops chat', active: true });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(res.headers.location).toBe(`/api/webhooks/${hook.id}`);

    const got = await t.app.inject({ method: 'GET', url: `/api/webhooks/${hook.id}`, headers: as(admin.token) });
    expect(got.statusCode).toBe(200);
    expect(json<Webhook>(got).secret).toBeUndefined();
    expect(got.body).not.toContain(hook.secret);

    const list = await t.app.inject({ method: 'GET', url: '/api/webhooks', headers: as(admin.token) });
    expect(list.statusCode).toBe(200);
    expect(json<{ items: Webhook[] }>(list).items.map((w) => w.id)).toContain(hook.id);
    expect(list.body).not.toContain(hook.secret);
  });

  it('updates, rotates the secret and deletes', async () => {
    const hook = await createHook();
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: as(admin.token),
      payload: { url: 'http://hooks.example.net:8080/in', eventTypes: ['*'], active: false, description: 'paused' },
    });
    expect(patched.statusCode).toBe(200);
    expect(json<Webhook>(patched)).toMatchObject({ url: 'http://hooks.example.net:8080/in', eventTypes: ['*'], active: false, description: 'paused' });

    const rotated = await t.app.inject({ method: 'POST', url: `/api/webhooks/${hook.id}/rotate-secret`, headers: as(admin.token) });
    expect(rotated.statusCode).toBe(200);
    const secret = json<Webhook>(rotated).secret;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(hook.secret);

    const del = await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.id}`, headers: as(admin.token) });
    expect(del.statusCode).toBe(204);
    expectError(await t.app.inject({ method: 'GET', url: `/api/webhooks/${hook.id}`, headers: as(admin.token) }), 404, 'WEBHOOK_NOT_FOUND');
    expectError(await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.id}`, headers: as(admin.token) }), 404, 'WEBHOOK_NOT_FOUND');
  });

  it('answers 404 WEBHOOK_NOT_FOUND for every sub-resource of an unknown webhook', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    for (const [method, url] of [
      ['GET', `/api/webhooks/${id}`],
      ['PATCH', `/api/webhooks/${id}`],
      ['GET', `/api/webhooks/${id}/deliveries`],
      ['POST', `/api/webhooks/${id}/test`],
      ['POST', `/api/webhooks/${id}/rotate-secret`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: as(admin.token), ...(method === 'PATCH' ? { payload: { active: true } } : {}) });
      expectError(res, 404, 'WEBHOOK_NOT_FOUND');
    }
  });
});

describe('bad input', () => {
  const fieldsOf = (res: { json(): unknown }) => (res.json() as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field);

  it('rejects non-http URLs and malformed event types with per-field details', async () => {
    for (const url of ['ftp://files.example.com/in', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      const res = await create(admin.token, { url, eventTypes: ['*'] });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain('body.url');
    }
    for (const eventTypes of [[], ['Ticket.Created'], ['ticket.*.created'], ['*.created'], ['ticket..created']]) {
      const res = await create(admin.token, { url: 'https://x.example', eventTypes });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res).some((f) => f.startsWith('body.eventTypes'))).toBe(true);
    }
    expectError(await create(admin.token, { url: 'https://x.example' }), 400, 'VALIDATION_FAILED');
  });

  it('rejects an empty or invalid PATCH, a malformed id and a bad cursor', async () => {
    const hook = await createHook();
    const empty = await t.app.inject({ method: 'PATCH', url: `/api/webhooks/${hook.id}`, headers: as(admin.token), payload: {} });
    expectError(empty, 400, 'VALIDATION_FAILED');
    const ftp = await t.app.inject({ method: 'PATCH', url: `/api/webhooks/${hook.id}`, headers: as(admin.token), payload: { url: 'ftp://x.example' } });
    expectError(ftp, 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'GET', url: '/api/webhooks/not-a-uuid', headers: as(admin.token) }), 400, 'VALIDATION_FAILED');
    const cursor = await t.app.inject({ method: 'GET', url: `/api/webhooks/${hook.id}/deliveries?cursor=garbage`, headers: as(admin.token) });
    expectError(cursor, 400, 'VALIDATION_FAILED');
    const status = await t.app.inject({ method: 'GET', url: `/api/webhooks/${hook.id}/deliveries?status=lost`, headers: as(admin.token) });
    expectError(status, 400, 'VALIDATION_FAILED');
  });
});

describe('deliveries log', () => {
  it('queues a ping and pages through the log with a cursor', async () => {
    const hook = await createHook({ active: false });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'POST', url: `/api/webhooks/${hook.id}/test`, headers: as(admin.token) });
      expect(res.statusCode).toBe(202);
      ids.push(json<{ deliveryId: string }>(res).deliveryId);
    }
    type Page = { items: Array<{ id: string; eventType: string; status: string; attempts: number }>; nextCursor: string | null };
    const first = await t.app.inject({ method: 'GET', url: `/api/webhooks/${hook.id}/deliveries?limit=2`, headers: as(admin.token) });
    expect(first.statusCode).toBe(200);
    const p1 = json<Page>(first);
    expect(p1.items).toHaveLength(2);
    expect(p1.items[0]).toMatchObject({ eventType: 'webhook.ping', status: 'pending', attempts: 0 });
    expect(p1.nextCursor).not.toBeNull();
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/webhooks/${hook.id}/deliveries?limit=2&cursor=${p1.nextCursor ?? ''}`,
      headers: as(admin.token),
    });
    const p2 = json<Page>(second);
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    expect([...p1.items, ...p2.items].map((d) => d.id).sort()).toEqual([...ids].sort());

    const delivered = await t.app.inject({ method: 'GET', url: `/api/webhooks/${hook.id}/deliveries?status=delivered`, headers: as(admin.token) });
    expect(json<Page>(delivered).items).toHaveLength(0);
  });

  it('documents the signature in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ paths: Record<string, Record<string, { description?: string }>> }>(res);
    expect(doc.paths['/api/webhooks']?.post?.description).toContain('x-tierdesk-signature');
  });
});
