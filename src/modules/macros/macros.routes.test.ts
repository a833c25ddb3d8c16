import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { defaultMacros } from '../../seed/knowledge.js';
import { assertTemplate } from './render.js';

let t: TestApp;
let customer: TestUser;
let otherCustomer: TestUser;
let agent: TestUser;
let l2agent: TestUser;
let admin: TestUser;
let vendor: TestUser;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, token: string | null, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api${url}`, headers: token ? as(token, headers) : headers, ...(payload ? { payload } : {}) });

interface Macro {
  id: string;
  name: string;
}
interface Preview {
  ticketVersion: number;
  changes: Record<string, { from: unknown; to: unknown }>;
  message: { visibility: string; body: string } | null;
  status: { from: string; to: string } | null;
  problems: Array<{ field: string }>;
  applicable: boolean;
}
/** The shipped default macros are named in both languages ("… / …"). */
const notSeeded = (name: string) => !name.includes(' / ');
const version = async (key: string) => (await t.ctx.db.selectFrom('tickets').select('version').where('key', '=', key).executeTakeFirstOrThrow()).version;

let diagnostics: Macro;
beforeAll(async () => {
  t = await testApp();
  const org = await t.f.org({ name: 'Acme Cloud' });
  customer = await t.f.customer(org.id);
  otherCustomer = await t.f.customer((await t.f.org()).id);
  agent = await t.f.staff();
  l2agent = await t.f.staff({ lines: ['L2'], teams: [] });
  admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
  vendor = await t.f.vendor();
  const res = await call('POST', '/macros', admin.token, {
    name: 'Request diagnostics',
    actions: {
      set: { priority: 'high', tags: ['diag', 'vm'] },
      message: { visibility: 'public', body: 'Hello {{customer.name}}, about {{ ticket.key }} "{{ticket.subject}}" at {{org.name}}: send the VM ID. — {{agent.name}}' },
      status: 'pending_customer',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  diagnostics = json<Macro>(res);
});
afterAll(() => t.close());

describe('macros admin', () => {
  it('rejects unknown placeholders and bad actions with a 400 naming the field', async () => {
    const res = await call('POST', '/macros', admin.token, { name: 'Bad', actions: { message: { visibility: 'public', body: 'Hi {{customer.phone}}' } } });
    expectError(res, 400);
    expect(json<{ error: { details: Array<{ field: string; message: string }> } }>(res).error.details[0]).toMatchObject({ field: 'body.actions.message.body' });
    expect(res.body).toContain('{{customer.phone}}');
    expectError(await call('POST', '/macros', admin.token, { name: 'Empty', actions: {} }), 400);
    expectError(await call('POST', '/macros', admin.token, { name: 'Bad status', actions: { status: 'done' } }), 400);
    expectError(await call('POST', '/macros', admin.token, { name: 'Bad team', actions: { set: { teamId: '00000000-0000-4000-8000-000000000000' } } }), 400);
    expectError(await call('POST', '/macros', admin.token, { name: 'Request diagnostics', actions: { status: 'open' } }), 400);
    expectError(await call('PATCH', `/macros/${diagnostics.id}`, admin.token, { actions: { message: { visibility: 'internal', body: '{{ticket.nope}}' } } }), 400);
  });

  it('only admins manage macros; agents list the ones they may use', async () => {
    const l2 = await t.f.lineId('L2');
    const l2only = json<Macro>(await call('POST', '/macros', admin.token, { name: 'L2 note', lineId: l2, actions: { message: { visibility: 'internal', body: 'Checked by {{agent.name}}' } } }));
    expect(json<{ items: Macro[] }>(await call('GET', '/macros', agent.token)).items.map((m) => m.name).filter(notSeeded)).toEqual(['Request diagnostics']);
    expect(json<{ items: Macro[] }>(await call('GET', '/macros', l2agent.token)).items.map((m) => m.name).filter(notSeeded)).toEqual(['L2 note', 'Request diagnostics']);
    expectError(await call('GET', '/macros', null), 401);
    for (const who of [customer, vendor]) expectError(await call('GET', '/macros', who.token), 403);
    for (const who of [agent, customer, vendor]) {
      expectError(await call('POST', '/macros', who.token, { name: 'x', actions: { status: 'open' } }), 403);
      expectError(await call('PATCH', `/macros/${l2only.id}`, who.token, { active: false }), 403);
      expectError(await call('DELETE', `/macros/${l2only.id}`, who.token), 403);
    }
    expectError(await call('POST', '/macros', null, { name: 'x', actions: { status: 'open' } }), 401);
    // an L1 agent cannot use an L2 macro
    const key = await t.f.ticket(customer);
    expectError(await call('POST', `/tickets/${key}/macros/${l2only.id}/preview`, agent.token), 404);
    expect((await call('PATCH', `/macros/${l2only.id}`, admin.token, { active: false })).statusCode).toBe(200);
    expect(json<{ items: Macro[] }>(await call('GET', '/macros', l2agent.token)).items.map((m) => m.name).filter(notSeeded)).toEqual(['Request diagnostics']);
    expect((await call('DELETE', `/macros/${l2only.id}`, admin.token)).statusCode).toBe(204);
    expectError(await call('DELETE', `/macros/${l2only.id}`, admin.token), 404);
  });
});

describe('default macros', () => {
  it('ship valid templates every agent can preview', async () => {
    for (const m of defaultMacros) if (m.actions.message) expect(() => assertTemplate(m.actions.message.body, 'body')).not.toThrow();
    const seeded = json<{ items: Macro[] }>(await call('GET', '/macros', agent.token)).items.filter((m) => !notSeeded(m.name));
    expect(seeded).toHaveLength(defaultMacros.length);
    const key = await t.f.ticket(customer);
    const p = json<Preview>(await call('POST', `/tickets/${key}/macros/${seeded[0]?.id}/preview`, agent.token));
    expect(p.message?.body).toContain(key);
    expect(p.message?.body).not.toContain('{{');
  });
});

describe('preview and apply', () => {
  it('previews the rendered effect without writing anything', async () => {
    const key = await t.f.ticket(customer, { subject: 'VM is down', priority: 'low' });
    const before = await version(key);
    const p = json<Preview>(await call('POST', `/tickets/${key}/macros/${diagnostics.id}/preview`, agent.token));
    expect(p.changes).toMatchObject({ priority: { from: 'low', to: 'high' }, tags: { from: [], to: ['diag', 'vm'] } });
    expect(p.message?.body).toBe(`Hello Customer ${customer.email}, about ${key} "VM is down" at Acme Cloud: send the VM ID. — Agent ${agent.email}`);
    expect(p.status).toEqual({ from: 'new', to: 'pending_customer' });
    expect(p.applicable).toBe(true);
    expect(await version(key)).toBe(before);
  });

  it('applies every action in one transaction; a stale If-Match is a 409 and changes nothing', async () => {
    const key = await t.f.ticket(customer, { subject: 'VM is down', priority: 'low' });
    const v = await version(key);
    expectError(await call('POST', `/tickets/${key}/macros/${diagnostics.id}/apply`, agent.token, undefined, { 'if-match': `"${v + 5}"` }), 409, 'VERSION_CONFLICT');
    expect(await version(key)).toBe(v);
    const res = await call('POST', `/tickets/${key}/macros/${diagnostics.id}/apply`, agent.token, undefined, { 'if-match': `"${v}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ status: string }>(res).status).toBe('pending_customer');
    const row = await t.ctx.db.selectFrom('tickets').select(['id', 'priority', 'status', 'fields', 'first_response_at']).where('key', '=', key).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ priority: 'high', status: 'pending_customer', fields: { tags: 'diag, vm' } });
    expect(row.first_response_at).not.toBeNull();
    const msgs = await t.ctx.db.selectFrom('ticket_messages').select(['body', 'visibility', 'source']).where('ticket_id', '=', row.id).execute();
    expect(msgs.filter((m) => m.source === 'macro')).toHaveLength(1);
    const events = await t.ctx.db.selectFrom('events').select('type').where('ticket_id', '=', row.id).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket.updated', 'ticket.replied', 'ticket.status_changed', 'ticket.macro_applied']));
    // the customer sees the reply in the timeline
    const timeline = await call('GET', `/tickets/${key}/timeline`, customer.token);
    if (timeline.statusCode === 200) expect(timeline.body).toContain('send the VM ID');
  });

  it('an action that cannot apply rolls the whole macro back', async () => {
    const closer = json<Macro>(await call('POST', '/macros', admin.token, { name: 'Close with note', actions: { set: { priority: 'critical' }, message: { visibility: 'internal', body: 'Closing {{ticket.key}}' }, status: 'closed' } }));
    const key = await t.f.ticket(customer, { priority: 'low' });
    await t.ctx.db.updateTable('tickets').set({ status: 'open' }).where('key', '=', key).execute();
    const p = json<Preview>(await call('POST', `/tickets/${key}/macros/${closer.id}/preview`, agent.token));
    expect(p.applicable).toBe(false);
    expect(p.problems.map((x) => x.field)).toEqual(['actions.status']);
    const v = await version(key);
    const res = await call('POST', `/tickets/${key}/macros/${closer.id}/apply`, agent.token);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await version(key)).toBe(v);
    const row = await t.ctx.db.selectFrom('tickets').select(['priority', 'id']).where('key', '=', key).executeTakeFirstOrThrow();
    expect(row.priority).toBe('low');
    expect(await t.ctx.db.selectFrom('ticket_messages').select('id').where('ticket_id', '=', row.id).where('source', '=', 'macro').execute()).toEqual([]);
  });

  it('authorisation: staff only, and never across organisations', async () => {
    const key = await t.f.ticket(customer);
    for (const path of ['preview', 'apply']) {
      expectError(await call('POST', `/tickets/${key}/macros/${diagnostics.id}/${path}`, null), 401);
      expectError(await call('POST', `/tickets/${key}/macros/${diagnostics.id}/${path}`, customer.token), 403);
      expectError(await call('POST', `/tickets/${key}/macros/${diagnostics.id}/${path}`, otherCustomer.token), 403);
      expectError(await call('POST', `/tickets/${key}/macros/${diagnostics.id}/${path}`, vendor.token), 403);
      expectError(await call('POST', `/tickets/SUP-999999/macros/${diagnostics.id}/${path}`, agent.token), 404);
      expectError(await call('POST', `/tickets/${key}/macros/00000000-0000-4000-8000-000000000000/${path}`, agent.token), 404);
    }
  });
});
