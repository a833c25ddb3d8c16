import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';

let t: TestApp;
let org: { id: string; projectIds: string[] };
let otherOrg: { id: string };
let customer: TestUser;
let colleague: TestUser;
let stranger: TestUser;
let l1: TestUser;

beforeAll(async () => {
  t = await testApp();
  org = await t.f.org();
  otherOrg = await t.f.org();
  customer = await t.f.customer(org.id);
  colleague = await t.f.customer(org.id);
  stranger = await t.f.customer(otherOrg.id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
});
afterAll(() => t.close());

const create = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/tickets', headers: as(token, headers), payload: body });

describe('POST /api/tickets', () => {
  it('registers a request for the customer, routed to L1', async () => {
    const res = await create(customer.token, { subject: 'Диск не подключается', description: 'Volume 1.2.3.4 не монтируется', projectId: org.projectIds[0] });
    expect(res.statusCode).toBe(201);
    const body = json<{ key: string; status: string; line: { code: string }; channel: string; version: number }>(res);
    expect(body.key).toMatch(/^SUP-\d+$/);
    expect(body.status).toBe('new');
    expect(body.line.code).toBe('L1');
    expect(body.channel).toBe('api');
    expect(res.headers.etag).toBe('"1"');
  });

  it('answers 401 without credentials and 400 with the error body on bad input', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { subject: 'x', description: 'y' } });
    expectError(anon, 401, 'UNAUTHENTICATED');
    const bad = await create(customer.token, { subject: '', description: 'y', priority: 'urgent' });
    expectError(bad, 400, 'VALIDATION_FAILED');
    const fields = (json<{ error: { details: Array<{ field: string }> } }>(bad).error.details).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.subject', 'body.priority']));
  });

  it('rejects a project of another organisation', async () => {
    const res = await create(stranger.token, { subject: 'x', description: 'y', projectId: org.projectIds[0] });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('a retry with the same Idempotency-Key returns the same request', async () => {
    const body = { subject: 'Idempotent', description: 'once' };
    const a = await create(customer.token, body, { 'idempotency-key': 'k-1' });
    const b = await create(customer.token, body, { 'idempotency-key': 'k-1' });
    expect(json<{ key: string }>(a).key).toBe(json<{ key: string }>(b).key);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const c = await create(customer.token, { ...body, description: 'different' }, { 'idempotency-key': 'k-1' });
    expectError(c, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('staff register a phone request on behalf of a customer', async () => {
    const missing = await create(l1.token, { subject: 'Call', description: 'Customer called' });
    expectError(missing, 400, 'VALIDATION_FAILED');
    const res = await create(l1.token, { subject: 'Call', description: 'Customer called', organizationId: org.id, requesterId: customer.id });
    expect(res.statusCode).toBe(201);
    expect(json<{ channel: string; requester: { id: string } }>(res)).toMatchObject({ channel: 'phone', requester: { id: customer.id } });
  });

  it('malformed JSON is 400, wrong content type 415, oversize 413', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: as(customer.token, { 'content-type': 'application/json' }), payload: '{"subject":' });
    expectError(malformed, 400, 'MALFORMED_BODY');
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: as(customer.token, { 'content-type': 'text/csv' }), payload: 'a,b' });
    expectError(wrongType, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = await create(customer.token, { subject: 'x', description: 'y'.repeat(2 * 1024 * 1024) });
    expectError(huge, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('visibility', () => {
  it('a customer sees their organisation, never another one (404, not 403)', async () => {
    const key = await t.f.ticket(customer, { subject: 'Private to org' });
    const mine = await t.app.inject({ url: `/api/tickets/${key}`, headers: as(colleague.token) });
    expect(mine.statusCode).toBe(200);
    const theirs = await t.app.inject({ url: `/api/tickets/${key}`, headers: as(stranger.token) });
    expectError(theirs, 404, 'TICKET_NOT_FOUND');
    const list = json<{ items: Array<{ key: string }> }>(await t.app.inject({ url: '/api/tickets', headers: as(stranger.token) }));
    expect(list.items.map((i) => i.key)).not.toContain(key);
  });

  it('internal notes are hidden from customers and vendors', async () => {
    const key = await t.f.ticket(customer);
    await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/messages`, headers: as(l1.token), payload: { body: 'secret note', visibility: 'internal' } });
    await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/messages`, headers: as(l1.token), payload: { body: 'public answer', visibility: 'public' } });
    const forCustomer = json<{ items: Array<{ kind: string; body?: string }> }>(await t.app.inject({ url: `/api/tickets/${key}/timeline`, headers: as(customer.token) }));
    const bodies = forCustomer.items.filter((i) => i.kind === 'message').map((i) => i.body);
    expect(bodies).toEqual(['public answer']);
    const forAgent = json<{ items: Array<{ kind: string; body?: string }> }>(await t.app.inject({ url: `/api/tickets/${key}/timeline`, headers: as(l1.token) }));
    expect(forAgent.items.filter((i) => i.kind === 'message').map((i) => i.body)).toEqual(['secret note', 'public answer']);
    const noteByCustomer = await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/messages`, headers: as(customer.token), payload: { body: 'x', visibility: 'internal' } });
    expectError(noteByCustomer, 403, 'FORBIDDEN');
  });

  it('security requests are visible to L3 Security only, not to L1', async () => {
    const key = await t.f.ticket(customer, { type: 'security', subject: 'Found an exposed admin panel' });
    const sec = await t.f.staff({ lines: ['L3'], teams: ['L3-SECURITY'] });
    expect((await t.app.inject({ url: `/api/tickets/${key}`, headers: as(sec.token) })).statusCode).toBe(200);
    expectError(await t.app.inject({ url: `/api/tickets/${key}`, headers: as(l1.token) }), 404);
    expect((await t.app.inject({ url: `/api/tickets/${key}`, headers: as(customer.token) })).statusCode).toBe(200);
  });

  it('a vendor sees only what was handed to them, and only public messages', async () => {
    const vendor = await t.f.vendor();
    const key = await t.f.ticket(customer, { type: 'vendor' });
    expectError(await t.app.inject({ url: `/api/tickets/${key}`, headers: as(vendor.token) }), 404);
    const handed = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(l1.token), payload: { vendorId: vendor.vendorId } });
    expect(handed.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/tickets/${key}`, headers: as(vendor.token) })).statusCode).toBe(200);
    expectError(await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(vendor.token), payload: { priority: 'high' } }), 403);
  });
});

describe('lifecycle', () => {
  it('update with a stale version is 409; assigning opens the request; history records before → after', async () => {
    const key = await t.f.ticket(customer);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(l1.token, { 'if-match': '"1"' }), payload: { priority: 'high', assigneeId: l1.id } });
    expect(ok.statusCode).toBe(200);
    expect(json<{ status: string; priority: string; version: number }>(ok)).toMatchObject({ status: 'open', priority: 'high', version: 2 });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(l1.token, { 'if-match': '"1"' }), payload: { priority: 'low' } });
    expectError(stale, 409, 'VERSION_CONFLICT');
    const timeline = json<{ items: Array<{ kind: string; type?: string; changes?: Record<string, { from: unknown; to: unknown }> }> }>(
      await t.app.inject({ url: `/api/tickets/${key}/timeline`, headers: as(l1.token) }),
    );
    const assigned = timeline.items.find((i) => i.type === 'ticket.assigned');
    expect(assigned?.changes?.priority).toEqual({ from: 'medium', to: 'high' });
    expect(assigned?.changes?.status).toEqual({ from: 'new', to: 'open' });
    expectError(await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(customer.token), payload: { priority: 'critical' } }), 403);
  });

  it('staff set and remove form fields; the history shows before → after', async () => {
    const key = await t.f.ticket(customer, { fields: { errorText: 'old' } });
    const res = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(l1.token), payload: { fields: { timeWindow: '10:00–10:40 MSK', errorText: null } } });
    expect(res.statusCode).toBe(200);
    expect(json<{ fields: Record<string, unknown> }>(res).fields).toEqual({ timeWindow: '10:00–10:40 MSK' });
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(l1.token), payload: { fields: { x: { nested: true } } } });
    expectError(bad, 400, 'VALIDATION_FAILED');
  });

  it('resolve → customer reopens with a reason → resolve → rate closes; closed is final', async () => {
    const key = await t.f.ticket(customer);
    const post = (url: string, token: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/tickets/${key}${url}`, headers: as(token), payload: payload as Record<string, unknown> });
    expect((await post('/resolve', l1.token, { comment: 'Fixed the hypervisor' })).statusCode).toBe(200);
    expectError(await post('/reopen', stranger.token, { reason: 'no' }), 404);
    expectError(await post('/resolve', customer.token, {}), 403);
    const reopened = await post('/reopen', customer.token, { reason: 'Still broken' });
    expect(json<{ status: string }>(reopened).status).toBe('open');
    expectError(await post('/rate', customer.token, { rating: 5 }), 409, 'INVALID_TRANSITION');
    await post('/resolve', l1.token, {});
    expectError(await post('/rate', customer.token, { rating: 7 }), 400);
    const rated = await post('/rate', customer.token, { rating: 4, comment: 'ok' });
    expect(json<{ status: string; rating: number }>(rated)).toMatchObject({ status: 'closed', rating: 4 });
    expectError(await post('/reopen', customer.token, { reason: 'again' }), 409, 'INVALID_TRANSITION');
    expectError(await post('/status', l1.token, { status: 'open' }), 409, 'INVALID_TRANSITION');
    expectError(await post('/messages', customer.token, { body: 'hello?' }), 409);
  });

  it('a customer reply to a request pending on them reopens it; a staff public reply is the first response', async () => {
    const key = await t.f.ticket(customer);
    await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/status`, headers: as(l1.token), payload: { status: 'pending_customer', comment: 'Which region?' } });
    const before = json<{ status: string; firstResponseAt: string | null }>(await t.app.inject({ url: `/api/tickets/${key}`, headers: as(customer.token) }));
    expect(before.status).toBe('pending_customer');
    await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/messages`, headers: as(customer.token), payload: { body: 'Moscow' } });
    expect(json<{ status: string }>(await t.app.inject({ url: `/api/tickets/${key}`, headers: as(customer.token) })).status).toBe('open');
  });
});

describe('GET /api/tickets', () => {
  it('filters and pages with a cursor without gaps or repeats', async () => {
    const o = await t.f.org();
    const c = await t.f.customer(o.id);
    const keys: string[] = [];
    for (let i = 0; i < 7; i++) keys.push(await t.f.ticket(c, { subject: `Paged ${i}`, priority: i % 2 ? 'high' : 'low' }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({ url: `/api/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`, headers: as(c.token) });
      const page: { items: Array<{ key: string }>; nextCursor: string | null } = json(res);
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...keys].sort());
    const high = json<{ items: Array<{ priority: string }> }>(await t.app.inject({ url: `/api/tickets?priority=high&organizationId=${o.id}`, headers: as(l1.token) }));
    expect(high.items).toHaveLength(3);
    expect(high.items.every((i) => i.priority === 'high')).toBe(true);
    expectError(await t.app.inject({ url: '/api/tickets?cursor=garbage', headers: as(c.token) }), 400);
    expectError(await t.app.inject({ url: '/api/tickets?status=bogus', headers: as(c.token) }), 400);
    expectError(await t.app.inject({ url: '/api/tickets' }), 401);
  });
});
