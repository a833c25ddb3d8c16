import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { as, expectError, json, testApp, type TestApp } from '../helpers/app.js';
import type { TestUser } from '../helpers/factories.js';

/**
 * Every /api endpoint × who is asking. The OpenAPI document is the list of endpoints: one missing from
 * the table below fails the run, so a new endpoint cannot ship without its authorisation cases.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Who = 'customer' | 'colleague' | 'stranger' | 'vendor' | 'handedVendor' | 'agent' | 'admin';

interface Req {
  url: string;
  payload?: Record<string, unknown> | string;
  headers?: Record<string, string>;
}

interface Row {
  method: Method;
  /** As in the OpenAPI document, e.g. /api/tickets/{key}. */
  path: string;
  /** Fresh data for this row; returns the request that should succeed for `happy.as`. */
  setup(): Promise<Req>;
  happy: { as: Who | 'anonymous'; status: number; check?: (res: LightMyRequestResponse, req: Req) => void };
  /** Status without credentials (401 unless the endpoint is public). */
  anonymous?: number;
  /** Other actors and what they must get; 404 where existence must not leak across organisations. */
  denied?: Partial<Record<Who, number>>;
  /** The happy request made invalid; must be 400 with the error body. */
  bad?: (req: Req) => Req;
}

let t: TestApp;
let org: { id: string; projectIds: string[] };
const users = {} as Record<Who, TestUser>;
let handedVendorId: string;
const PASSWORD = 'authz-matrix-password';

beforeAll(async () => {
  t = await testApp();
  org = await t.f.org();
  const otherOrg = await t.f.org();
  users.customer = await t.f.customer(org.id, { role: 'admin', password: PASSWORD });
  users.colleague = await t.f.customer(org.id);
  users.stranger = await t.f.customer(otherOrg.id);
  users.vendor = await t.f.vendor();
  const handed = await t.f.vendor();
  users.handedVendor = handed;
  handedVendorId = handed.vendorId;
  users.agent = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  users.admin = await t.f.staff({ role: 'admin' });
});
afterAll(() => t.close());

const call = (who: Who | 'anonymous', method: Method, req: Req) =>
  t.app.inject({
    method,
    url: req.url,
    headers: { ...(who === 'anonymous' ? {} : as(users[who].token)), ...req.headers },
    ...(req.payload === undefined ? {} : { payload: req.payload }),
  } satisfies InjectOptions);

/** A request of the customer's organisation, handed to the vendor (so the other vendor is the stranger). */
async function ticket(opts: { resolved?: boolean } = {}) {
  const key = await t.f.ticket(users.customer, { subject: 'Authz matrix request' });
  await t.ctx.db.updateTable('tickets').set({ vendor_id: handedVendorId }).where('key', '=', key).execute();
  if (opts.resolved) {
    const res = await call('agent', 'POST', { url: `/api/tickets/${key}/resolve`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
  }
  return key;
}

const withUrl = (req: Req, url: string): Req => ({ ...req, url });
const withPayload = (req: Req, payload: Record<string, unknown>): Req => ({ ...req, payload });
const tooLongKey = `SUP-${'9'.repeat(50)}`;
const staffOnly = { customer: 403, colleague: 403, stranger: 403, vendor: 403, handedVendor: 403 } as const;
const ticketScoped = { stranger: 404, vendor: 404 } as const;

const rows: Row[] = [
  {
    method: 'POST',
    path: '/api/auth/login',
    setup: async () => ({ url: '/api/auth/login', payload: { email: users.customer.email, password: PASSWORD }, headers: { 'x-forwarded-for': '203.0.113.7' } }),
    happy: { as: 'anonymous', status: 200 },
    anonymous: 200,
    bad: (r) => withPayload(r, { email: 42 }),
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    // Signing out without a session is a no-op, so it is public; CSRF and the session are covered in identity tests.
    setup: async () => ({ url: '/api/auth/logout' }),
    happy: { as: 'customer', status: 204 },
    anonymous: 204,
  },
  {
    method: 'GET',
    path: '/api/auth/me',
    setup: async () => ({ url: '/api/auth/me' }),
    happy: { as: 'vendor', status: 200, check: (res) => expect(json<{ user: { id: string } }>(res).user.id).toBe(users.vendor.id) },
  },
  {
    method: 'GET',
    path: '/api/auth/tokens',
    setup: async () => ({ url: '/api/auth/tokens' }),
    happy: { as: 'stranger', status: 200 },
  },
  {
    method: 'POST',
    path: '/api/auth/tokens',
    setup: async () => ({ url: '/api/auth/tokens', payload: { name: 'matrix', scopes: ['read'] } }),
    happy: { as: 'admin', status: 201 },
    // A read+write token of a non-admin cannot mint tokens.
    denied: { customer: 403, agent: 403, vendor: 403 },
    bad: (r) => withPayload(r, { name: 'matrix', scopes: ['everything'] }),
  },
  {
    method: 'DELETE',
    path: '/api/auth/tokens/{id}',
    setup: async () => {
      const res = await call('admin', 'POST', { url: '/api/auth/tokens', payload: { name: 'to revoke', scopes: ['read'] } });
      return { url: `/api/auth/tokens/${json<{ item: { id: string } }>(res).item.id}` };
    },
    happy: { as: 'admin', status: 204 },
    denied: { customer: 404, agent: 404, vendor: 404 },
    bad: () => ({ url: '/api/auth/tokens/123' }),
  },
  {
    method: 'POST',
    path: '/api/tickets',
    setup: async () => ({ url: '/api/tickets', payload: { subject: 'Matrix', description: 'created by the matrix' } }),
    happy: { as: 'customer', status: 201 },
    denied: { vendor: 403 },
    bad: (r) => withPayload(r, { subject: 7 }),
  },
  {
    method: 'GET',
    path: '/api/tickets',
    setup: async () => ({ url: `/api/tickets?limit=200&x=${await ticket()}` }),
    happy: {
      as: 'colleague',
      status: 200,
      check: (res, req) => expect(json<{ items: Array<{ key: string }> }>(res).items.map((i) => i.key)).toContain(new URL(req.url, 'http://x').searchParams.get('x')),
    },
    bad: (r) => withUrl(r, '/api/tickets?limit=0'),
  },
  {
    method: 'GET',
    path: '/api/tickets/{key}',
    setup: async () => ({ url: `/api/tickets/${await ticket()}` }),
    happy: { as: 'handedVendor', status: 200 },
    denied: { ...ticketScoped, colleague: 200, agent: 200 },
    bad: () => ({ url: `/api/tickets/${tooLongKey}` }),
  },
  {
    method: 'PATCH',
    path: '/api/tickets/{key}',
    setup: async () => ({ url: `/api/tickets/${await ticket()}`, payload: { priority: 'high' } }),
    happy: { as: 'agent', status: 200 },
    denied: staffOnly,
    bad: (r) => withPayload(r, { priority: 'yesterday' }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{key}/status',
    setup: async () => ({ url: `/api/tickets/${await ticket()}/status`, payload: { status: 'on_hold' } }),
    happy: { as: 'agent', status: 200 },
    denied: staffOnly,
    bad: (r) => withPayload(r, { status: 'teleported' }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{key}/resolve',
    setup: async () => ({ url: `/api/tickets/${await ticket()}/resolve`, payload: { comment: 'Fixed' } }),
    happy: { as: 'agent', status: 200 },
    denied: staffOnly,
    bad: (r) => withPayload(r, { comment: ['Fixed'] }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{key}/reopen',
    setup: async () => ({ url: `/api/tickets/${await ticket({ resolved: true })}/reopen`, payload: { reason: 'Still broken' } }),
    happy: { as: 'customer', status: 200 },
    denied: { ...ticketScoped, handedVendor: 403, agent: 403 },
    bad: (r) => withPayload(r, { reason: '' }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{key}/rate',
    setup: async () => ({ url: `/api/tickets/${await ticket({ resolved: true })}/rate`, payload: { rating: 5 } }),
    happy: { as: 'colleague', status: 200 },
    denied: { ...ticketScoped, handedVendor: 403, agent: 403 },
    bad: (r) => withPayload(r, { rating: 6 }),
  },
  {
    method: 'GET',
    path: '/api/tickets/{key}/timeline',
    setup: async () => ({ url: `/api/tickets/${await ticket()}/timeline` }),
    happy: { as: 'customer', status: 200 },
    denied: { ...ticketScoped, handedVendor: 200, agent: 200 },
    bad: () => ({ url: `/api/tickets/${tooLongKey}/timeline` }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{key}/messages',
    setup: async () => ({ url: `/api/tickets/${await ticket()}/messages`, payload: { body: 'Any news?' } }),
    happy: { as: 'customer', status: 201 },
    denied: ticketScoped,
    bad: (r) => withPayload(r, { body: 'x', visibility: 'secret' }),
  },
  {
    method: 'PUT',
    path: '/api/tickets/{key}/watchers/{userId}',
    setup: async () => ({ url: `/api/tickets/${await ticket()}/watchers/${users.colleague.id}` }),
    happy: { as: 'customer', status: 204 },
    denied: { ...ticketScoped, handedVendor: 403 },
    bad: (r) => withUrl(r, r.url.replace(/[^/]+$/, 'not-a-uuid')),
  },
  {
    method: 'DELETE',
    path: '/api/tickets/{key}/watchers/{userId}',
    setup: async () => {
      const url = `/api/tickets/${await ticket()}/watchers/${users.colleague.id}`;
      expect((await call('customer', 'PUT', { url })).statusCode).toBe(204);
      return { url };
    },
    happy: { as: 'colleague', status: 204 },
    denied: ticketScoped,
    bad: (r) => withUrl(r, r.url.replace(/[^/]+$/, 'not-a-uuid')),
  },
  {
    method: 'GET',
    path: '/api/catalogue',
    setup: async () => ({ url: '/api/catalogue' }),
    happy: { as: 'vendor', status: 200 },
    denied: { customer: 200, agent: 200 },
  },
  {
    method: 'GET',
    path: '/api/directory',
    setup: async () => ({ url: '/api/directory' }),
    happy: { as: 'agent', status: 200 },
    denied: staffOnly,
  },
  {
    method: 'GET',
    path: '/api/search',
    setup: async () => {
      const word = `zephyrquartz${Date.now()}`;
      await t.f.ticket(users.customer, { subject: `Matrix search ${word}` });
      return { url: `/api/search?q=${word}` };
    },
    happy: { as: 'colleague', status: 200, check: (res) => expect(json<{ items: unknown[] }>(res).items).toHaveLength(1) },
    bad: (r) => withUrl(r, '/api/search?q='),
  },
];

async function webhook(): Promise<string> {
  const res = await call('admin', 'POST', { url: '/api/webhooks', payload: { url: 'https://hooks.example.com/tierdesk', eventTypes: ['ticket.*'] } });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string }>(res).id;
}

async function attachment(key: string): Promise<string> {
  const res = await call('customer', 'POST', { url: `/api/tickets/${key}/attachments?fileName=boot.log`, payload: 'kernel panic at 03:12', headers: { 'content-type': 'text/plain' } });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string }>(res).id;
}

async function freshUser(): Promise<string> {
  return (await t.f.customer((await t.f.org()).id)).id;
}

const adminOnly = { customer: 403, agent: 403, vendor: 403 } as const;
const webhookBase = async () => `/api/webhooks/${await webhook()}`;

rows.push(
  {
    method: 'POST',
    path: '/api/tickets/{key}/attachments',
    setup: async () => ({ url: `/api/tickets/${await ticket()}/attachments?fileName=trace.txt`, payload: 'traceroute output', headers: { 'content-type': 'text/plain' } }),
    happy: { as: 'customer', status: 201 },
    denied: ticketScoped,
    bad: (r) => withUrl(r, r.url.replace('fileName=trace.txt', 'fileName=../../etc/passwd')),
  },
  {
    method: 'GET',
    path: '/api/tickets/{key}/attachments',
    setup: async () => ({ url: `/api/tickets/${await ticket()}/attachments` }),
    happy: { as: 'colleague', status: 200 },
    denied: { ...ticketScoped, handedVendor: 200, agent: 200 },
    bad: (r) => withUrl(r, `${r.url}?limit=0`),
  },
  {
    method: 'GET',
    path: '/api/tickets/{key}/attachments/{id}',
    setup: async () => {
      const key = await ticket();
      return { url: `/api/tickets/${key}/attachments/${await attachment(key)}` };
    },
    happy: { as: 'customer', status: 200, check: (res) => expect(res.body).toBe('kernel panic at 03:12') },
    denied: { ...ticketScoped, agent: 200 },
    bad: (r) => withUrl(r, r.url.replace(/[^/]+$/, 'not-a-uuid')),
  },
  {
    method: 'GET',
    path: '/api/webhooks',
    setup: async () => ({ url: '/api/webhooks' }),
    happy: { as: 'admin', status: 200 },
    denied: adminOnly,
    bad: (r) => withUrl(r, `${r.url}?limit=1000`),
  },
  {
    method: 'POST',
    path: '/api/webhooks',
    setup: async () => ({ url: '/api/webhooks', payload: { url: 'https://hooks.example.com/new', eventTypes: ['*'] } }),
    happy: { as: 'admin', status: 201 },
    denied: adminOnly,
    bad: (r) => withPayload(r, { url: 'ftp://hooks.example.com', eventTypes: ['*'] }),
  },
  {
    method: 'GET',
    path: '/api/webhooks/{id}',
    setup: async () => ({ url: await webhookBase() }),
    happy: { as: 'admin', status: 200 },
    denied: adminOnly,
    bad: () => ({ url: '/api/webhooks/not-a-uuid' }),
  },
  {
    method: 'PATCH',
    path: '/api/webhooks/{id}',
    setup: async () => ({ url: await webhookBase(), payload: { active: false } }),
    happy: { as: 'admin', status: 200 },
    denied: adminOnly,
    bad: (r) => withPayload(r, {}),
  },
  {
    method: 'DELETE',
    path: '/api/webhooks/{id}',
    setup: async () => ({ url: await webhookBase() }),
    happy: { as: 'admin', status: 204 },
    denied: adminOnly,
    bad: () => ({ url: '/api/webhooks/not-a-uuid' }),
  },
  {
    method: 'POST',
    path: '/api/webhooks/{id}/rotate-secret',
    setup: async () => ({ url: `${await webhookBase()}/rotate-secret` }),
    happy: { as: 'admin', status: 200 },
    denied: adminOnly,
    bad: () => ({ url: '/api/webhooks/not-a-uuid/rotate-secret' }),
  },
  {
    method: 'POST',
    path: '/api/webhooks/{id}/test',
    setup: async () => ({ url: `${await webhookBase()}/test` }),
    happy: { as: 'admin', status: 202 },
    denied: adminOnly,
    bad: () => ({ url: '/api/webhooks/not-a-uuid/test' }),
  },
  {
    method: 'GET',
    path: '/api/webhooks/{id}/deliveries',
    setup: async () => ({ url: `${await webhookBase()}/deliveries` }),
    happy: { as: 'admin', status: 200 },
    denied: adminOnly,
    bad: (r) => withUrl(r, `${r.url}?status=lost`),
  },
  {
    method: 'GET',
    path: '/api/organizations',
    setup: async () => ({ url: '/api/organizations' }),
    happy: { as: 'stranger', status: 200, check: (res) => expect(json<{ items: Array<{ id: string }> }>(res).items.map((o) => o.id)).not.toContain(org.id) },
    denied: { vendor: 403, agent: 200 },
  },
  {
    method: 'POST',
    path: '/api/organizations',
    setup: async () => ({ url: '/api/organizations', payload: { name: `Matrix Org ${Date.now()}` } }),
    happy: { as: 'admin', status: 201 },
    denied: { ...adminOnly, colleague: 403 },
    bad: (r) => withPayload(r, { name: '' }),
  },
  {
    method: 'GET',
    path: '/api/organizations/{id}',
    setup: async () => ({ url: `/api/organizations/${org.id}` }),
    happy: { as: 'colleague', status: 200 },
    denied: { stranger: 404, vendor: 404, agent: 200 },
    bad: () => ({ url: '/api/organizations/not-a-uuid' }),
  },
  {
    method: 'PATCH',
    path: '/api/organizations/{id}',
    setup: async () => ({ url: `/api/organizations/${(await t.f.org()).id}`, payload: { language: 'en' } }),
    happy: { as: 'admin', status: 200 },
    denied: { ...adminOnly, stranger: 403 },
    bad: (r) => withPayload(r, { language: 'fr' }),
  },
  {
    method: 'PUT',
    path: '/api/organizations/{id}/projects',
    setup: async () => ({ url: `/api/organizations/${(await t.f.org({ projects: 0 })).id}/projects`, payload: { projectIds: [] } }),
    happy: { as: 'admin', status: 200 },
    denied: adminOnly,
    bad: (r) => withPayload(r, { projectIds: ['not-a-project'] }),
  },
  {
    method: 'GET',
    path: '/api/users',
    setup: async () => ({ url: '/api/users' }),
    happy: { as: 'customer', status: 200, check: (res) => expect(json<{ items: Array<{ id: string }> }>(res).items.map((u) => u.id)).not.toContain(users.stranger.id) },
    denied: { colleague: 403, vendor: 403, agent: 200 },
    bad: (r) => withUrl(r, `${r.url}?kind=robot`),
  },
  {
    method: 'POST',
    path: '/api/users',
    setup: async () => ({ url: '/api/users', payload: { kind: 'customer', email: `matrix-${Date.now()}@example.com`, name: 'Matrix', organizationId: org.id } }),
    happy: { as: 'admin', status: 201 },
    denied: { colleague: 403, stranger: 403, agent: 403, vendor: 403 },
    bad: (r) => withPayload(r, { kind: 'alien', email: 'x@example.com', name: 'X' }),
  },
  {
    method: 'POST',
    path: '/api/users/{id}/disable',
    setup: async () => ({ url: `/api/users/${await freshUser()}/disable` }),
    happy: { as: 'admin', status: 204 },
    denied: adminOnly,
    bad: () => ({ url: '/api/users/not-a-uuid/disable' }),
  },
  {
    method: 'POST',
    path: '/api/users/{id}/enable',
    setup: async () => ({ url: `/api/users/${await freshUser()}/enable` }),
    happy: { as: 'admin', status: 204 },
    denied: adminOnly,
    bad: () => ({ url: '/api/users/not-a-uuid/enable' }),
  },
  {
    method: 'GET',
    path: '/api/vendors',
    setup: async () => ({ url: '/api/vendors' }),
    happy: { as: 'agent', status: 200 },
    denied: { customer: 403, vendor: 403 },
  },
  {
    method: 'POST',
    path: '/api/vendors',
    setup: async () => ({ url: '/api/vendors', payload: { name: `Vendor ${Date.now()}` } }),
    happy: { as: 'admin', status: 201 },
    denied: adminOnly,
    bad: (r) => withPayload(r, { name: '' }),
  },
);

const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/**
 * Endpoints whose 401/403/404/400 cases live in their module's own route tests (they need that module's
 * set-up: shifts, rules, clocks). Each must still be named in one of that module's test files.
 */
const coveredByModule: Array<{ test: RegExp; dir: string }> = [
  { test: /^\S+ \/api\/(sla\/|reports\/sla|tickets\/\{key\}\/sla$)/, dir: 'src/modules/sla' },
  {
    test: /^\S+ \/api\/(routing\/|lines|teams|shifts\/|agents\/|escalation-reasons|queues|reports\/lines|catalogue\/\{id\}\/escalation-requirements|tickets\/\{key\}\/(escalate|return|handovers|ownership|manager-escalate|manager-escalations|take|assign))/,
    dir: 'src/modules/lines',
  },
  // authz: catalogue
  { test: /^\S+ \/api\/(catalogue\/(search|items\/)|admin\/catalogue|tickets\/\{key\}\/form)/, dir: 'src/modules/catalogue' },
  // authz: knowledge
  { test: /^\S+ \/api\/(knowledge\/|tickets\/\{key\}\/article-suggestions$)/, dir: 'src/modules/knowledge' },
  { test: /^\S+ \/api\/(macros|tickets\/\{key\}\/macros\/)/, dir: 'src/modules/macros' },
  // authz: email
  { test: /^\S+ \/api\/email\//, dir: 'src/modules/intake/email' },
  // authz: classifier
  { test: /^\S+ \/api\/(classifier\/|tickets\/\{key\}\/classification$)/, dir: 'src/modules/classification' },
  // authz: similarity
  { test: /^\S+ \/api\/(mass-outages|similarity\/|tickets\/\{key\}\/(similar|links|mark-duplicate))/, dir: 'src/modules/similarity' },
];

function moduleTestsMention(dir: string, path: string): boolean {
  const segments = path.replace(/^\/api/, '').split('/').filter((s) => s && !s.startsWith('{'));
  const needle = `/${segments.at(-1) ?? ''}`;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .some((f) => fs.readFileSync(`${dir}/${f}`, 'utf8').includes(needle));
}

describe('authorisation matrix', () => {
  it('covers every endpoint in the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(res);
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => keyOf(m, path)));
    const tabled = new Set(rows.map((r) => keyOf(r.method, r.path)));
    const delegated = (k: string) => coveredByModule.find((c) => c.test.test(k));
    const missing = documented.filter((k) => !tabled.has(k) && !delegated(k));
    expect(missing, 'endpoints without a row in test/api/authz.test.ts').toEqual([]);
    const unmentioned = documented.filter((k) => {
      const owner = !tabled.has(k) ? delegated(k) : undefined;
      return owner !== undefined && !moduleTestsMention(owner.dir, k.split(' ')[1] ?? '');
    });
    expect(unmentioned, 'delegated endpoints that no module test names').toEqual([]);
    expect(documented.length).toBeGreaterThan(15);
  });

  for (const row of rows) {
    it(keyOf(row.method, row.path), async () => {
      const req = await row.setup();
      const anonymous = await call('anonymous', row.method, req);
      if (row.anonymous === undefined) expectError(anonymous, 401, 'UNAUTHENTICATED');
      else expect(anonymous.statusCode, anonymous.body).toBe(row.anonymous);

      for (const [who, status] of Object.entries(row.denied ?? {}) as Array<[Who, number]>) {
        const res = await call(who, row.method, req);
        if (status >= 400) expectError(res, status);
        else expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
        if (status === 404) expect(json<{ error: { code: string } }>(res).error.code).toMatch(/NOT_FOUND$/);
      }

      if (row.bad) {
        const who = row.happy.as;
        const bad = await call(who, row.method, row.bad(req));
        expectError(bad, 400);
        const body = json<{ error: { code: string; message: string; details?: unknown }; requestId: string }>(bad);
        expect(typeof body.error.message).toBe('string');
        expect(body.requestId).toBe(bad.headers['x-request-id']);
      }

      // Happy path last: it may change the request's state.
      const ok = await call(row.happy.as, row.method, req);
      expect(ok.statusCode, ok.body).toBe(row.happy.status);
      row.happy.check?.(ok, req);
    });
  }

  it('lists and search never show another organisation’s requests', async () => {
    const word = `orgwall${Date.now()}`;
    const key = await t.f.ticket(users.customer, { subject: `Secret ${word}` });
    for (const who of ['stranger', 'vendor'] as const) {
      const list = json<{ items: Array<{ key: string }> }>(await call(who, 'GET', { url: '/api/tickets?limit=200' }));
      expect(list.items.map((i) => i.key)).not.toContain(key);
      const found = json<{ items: Array<{ key: string }> }>(await call(who, 'GET', { url: `/api/search?q=${word}` }));
      expect(found.items).toEqual([]);
    }
  });
});
