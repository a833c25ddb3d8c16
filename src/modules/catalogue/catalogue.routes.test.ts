import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { runMissingInfoJob } from './ask-for-information.js';
import { sendOutboundEmail } from '../intake/email/index.js';

let t: TestApp;
let org: { id: string; projectIds: string[] };
let customer: TestUser;
let colleague: TestUser;
let stranger: TestUser;
let l1: TestUser;
let admin: TestUser;
let vendor: TestUser;

type Method = NonNullable<InjectOptions['method']>;
const call = (token: string | null, method: Method, url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url: `/api${url}`, headers: token ? as(token) : {}, ...(payload ? { payload } : {}) });
const create = (token: string, payload: Record<string, unknown>) => call(token, 'POST', '/tickets', { subject: 'Help', description: 'Details of the problem', ...payload });

async function itemId(code: string) {
  return (await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}
async function ticketRow(key: string) {
  return t.ctx.db.selectFrom('tickets').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
}
const details = (res: { json(): unknown }) => (res.json() as { error: { details: Array<{ field: string; message: string }> } }).error.details;
const ticketCount = async () => Number((await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await testApp();
  org = await t.f.org({ projects: 2 });
  customer = await t.f.customer(org.id, { locale: 'en' });
  colleague = await t.f.customer(org.id, { locale: 'ru' });
  stranger = await t.f.customer((await t.f.org()).id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  admin = await t.f.staff({ role: 'admin' });
  vendor = await t.f.vendor();
});
afterAll(() => t.close());

describe('the default catalogue', () => {
  it('covers every area of the cloud four levels deep, with a form on every service', async () => {
    const items = json<{ items: Array<{ id: string; code: string; kind: string; parentId: string | null }> }>(await call(customer.token, 'GET', '/catalogue')).items;
    for (const area of ['compute', 'storage', 'network', 'kubernetes', 'databases', 'billing', 'account', 'marketplace', 'platform']) {
      expect(items.some((i) => i.code === area && i.kind === 'category'), area).toBe(true);
    }
    const services = items.filter((i) => i.kind === 'service');
    expect(services.length).toBeGreaterThanOrEqual(25);
    const withForm = await t.ctx.db.selectFrom('catalogue_items').select('code').where('kind', '=', 'service').where('form_id', 'is', null).execute();
    expect(withForm.map((r) => r.code)).toEqual([]);
  });

  it('GET /api/catalogue/items/:id/form gives typed fields, required flags and where each value goes', async () => {
    const res = await call(customer.token, 'GET', `/catalogue/items/${await itemId('network.ip.floating')}/form`);
    expect(res.statusCode).toBe(200);
    const body = json<{ form: { version: number }; fields: Array<{ name: string; type: string; required: string; path: string }>; regions: Array<{ value: string }> }>(res);
    expect(body.form.version).toBe(1);
    expect(body.fields.map((f) => [f.name, f.type, f.required, f.path])).toEqual([
      ['projectId', 'project_id', 'submit', 'projectId'],
      ['region', 'region', 'submit', 'region'],
      ['addressCount', 'number', 'submit', 'fields.addressCount'],
      ['ipVersion', 'choice', 'submit', 'fields.ipVersion'],
      ['purpose', 'text', 'optional', 'fields.purpose'],
    ]);
    expect(body.regions.map((r) => r.value)).toContain('ru-msk-1');
  });

  it('GET /api/catalogue/search finds services by Russian or English words, the path included', async () => {
    const en = json<{ items: Array<{ code: string; pathEn: string[] }> }>(await call(customer.token, 'GET', '/catalogue/search?q=floating'));
    expect(en.items[0]?.code).toBe('network.ip.floating');
    expect(en.items[0]?.pathEn).toEqual(['Cloud', 'Network', 'Connectivity, VPC, load balancers', 'Public (floating) IP addresses']);
    const ru = json<{ items: Array<{ code: string }> }>(await call(customer.token, 'GET', `/catalogue/search?q=${encodeURIComponent('ВОССТАНОВИТЬ бд')}`));
    expect(ru.items.map((i) => i.code)).toContain('databases.backup.restore');
    const none = json<{ items: unknown[] }>(await call(customer.token, 'GET', '/catalogue/search?q=zzzz'));
    expect(none.items).toEqual([]);
    expectError(await call(customer.token, 'GET', '/catalogue/search?q='), 400);
  });
});

describe('intake validates fields against the form', () => {
  it('400 names every missing field, wrong type and bad format; nothing is created', async () => {
    const before = await ticketCount();
    const res = await create(customer.token, {
      catalogueItemId: await itemId('network.ip.floating'),
      projectId: org.projectIds[0],
      fields: { addressCount: '3', ipVersion: 'v5' },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(details(res)).toEqual([
      { field: 'body.region', message: 'missing: Region or availability zone is required to submit this request' },
      { field: 'body.fields.addressCount', message: 'wrong type: expected a number, got a string' },
      { field: 'body.fields.ipVersion', message: 'not one of the options: v4, v6' },
    ]);
    expect(await ticketCount()).toBe(before);
  });

  it('bad UUID, IP address, project ID and a time window that ends before it starts', async () => {
    const upgrade = await create(customer.token, {
      catalogueItemId: await itemId('kubernetes.cluster.upgrade'),
      projectId: org.projectIds[0],
      resourceIds: ['cluster-1'],
      fields: { targetVersion: '1.31', maintenanceWindowFrom: '2026-03-02T10:00:00Z', maintenanceWindowTo: '2026-03-01T10:00:00Z' },
    });
    expectError(upgrade, 400);
    expect(details(upgrade)).toEqual([
      { field: 'body.resourceIds.0', message: expect.stringMatching(/bad format: a UUID/) },
      { field: 'body.fields.maintenanceWindow', message: 'bad time window: from must not be after to' },
    ]);
    const vm = await create(customer.token, {
      catalogueItemId: await itemId('compute.vm.console'),
      projectId: org.projectIds[0],
      fields: { accessMethod: 'ssh', clientIp: '300.1.1.1' },
    });
    expectError(vm, 400);
    expect(details(vm)).toEqual([{ field: 'body.fields.clientIp', message: expect.stringMatching(/IPv4 or IPv6/) }]);
    const project = await create(customer.token, { catalogueItemId: await itemId('compute.vm.console'), projectId: 'mcs12', fields: { accessMethod: 'ssh' } });
    expectError(project, 400);
    expect(details(project)[0]?.field).toBe('body.projectId');
    const missingProject = await create(customer.token, { catalogueItemId: await itemId('compute.vm.console'), fields: { accessMethod: 'ssh' } });
    expect(details(missingProject)).toEqual([{ field: 'body.projectId', message: 'missing: Project ID is required to submit this request' }]);
  });

  it('a valid submission is registered with its form version; the phone channel uses the same form', async () => {
    const res = await create(customer.token, {
      catalogueItemId: await itemId('network.ip.floating'),
      projectId: org.projectIds[0],
      region: 'ru-msk-1',
      fields: { addressCount: 2, ipVersion: 'v4' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const key = json<{ key: string }>(res).key;
    const row = await ticketRow(key);
    expect(row.catalogue_form_id).not.toBeNull();
    const form = json<{ form: { version: number }; fields: Array<{ name: string; value: unknown }>; missing: unknown[] }>(await call(customer.token, 'GET', `/tickets/${key}/form`));
    expect(form.form.version).toBe(1);
    expect(form.fields.find((f) => f.name === 'addressCount')?.value).toBe(2);
    expect(form.missing).toEqual([]);

    const phoneBad = await create(l1.token, { organizationId: org.id, requesterId: customer.id, channel: 'phone', catalogueItemId: await itemId('network.ip.floating'), fields: { addressCount: 2 } });
    expectError(phoneBad, 400);
    expect(details(phoneBad).map((d) => d.field)).toEqual(['body.projectId', 'body.region', 'body.fields.ipVersion']);
    const phone = await create(l1.token, {
      organizationId: org.id,
      requesterId: customer.id,
      channel: 'phone',
      catalogueItemId: await itemId('network.ip.floating'),
      projectId: org.projectIds[0],
      region: 'Moscow',
      fields: { addressCount: 1, ipVersion: 'v6' },
    });
    expect(phone.statusCode, phone.body).toBe(201);
    expect((await ticketRow(json<{ key: string }>(phone).key)).channel).toBe('phone');
  });
});

describe('versioned forms', () => {
  it('an edit creates a version; old requests keep and display theirs, new ones use the new one', async () => {
    const id = await itemId('storage.s3.bucket');
    const old = json<{ key: string }>(
      await create(customer.token, { catalogueItemId: id, projectId: org.projectIds[0], fields: { bucket: 'assets', setting: 'cors,versioning' } }),
    ).key;
    const history0 = json<{ versions: Array<{ version: number; fields: Array<{ name: string }> }> }>(await call(admin.token, 'GET', `/admin/catalogue/items/${id}/forms`));
    const v1 = history0.versions[0]?.fields ?? [];
    const v2 = [
      ...v1.filter((f) => f.name !== 'setting'),
      { name: 'storageClass', type: 'choice', labelEn: 'Storage class', labelRu: 'Класс хранения', required: 'submit', options: [{ value: 'hot', labelEn: 'Hot', labelRu: 'Горячее' }, { value: 'cold', labelEn: 'Cold', labelRu: 'Холодное' }] },
    ];
    const saved = await call(admin.token, 'PUT', `/admin/catalogue/items/${id}/form`, { fields: v2, comment: 'storage class instead of settings' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<{ created: boolean; form: { version: number } }>(saved)).toMatchObject({ created: true, form: { version: 2 } });
    // Saving the same fields again is not a new version.
    expect(json<{ created: boolean }>(await call(admin.token, 'PUT', `/admin/catalogue/items/${id}/form`, { fields: v2 })).created).toBe(false);

    const oldForm = json<{ form: { version: number; latestVersion: number }; fields: Array<{ name: string; value: unknown }> }>(await call(customer.token, 'GET', `/tickets/${old}/form`));
    expect(oldForm.form).toMatchObject({ version: 1, latestVersion: 2 });
    expect(oldForm.fields.find((f) => f.name === 'setting')?.value).toBe('cors,versioning');
    expect(oldForm.fields.some((f) => f.name === 'storageClass')).toBe(false);
    // The old request is still validated against version 1: its values can change without the new field.
    const patched = await call(customer.token, 'PATCH', `/tickets/${old}/form`, { fields: { setting: 'lifecycle' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expectError(await call(customer.token, 'PATCH', `/tickets/${old}/form`, { fields: { setting: 'hot' } }), 400);

    const fresh = await create(customer.token, { catalogueItemId: id, projectId: org.projectIds[0], fields: { bucket: 'logs' } });
    expectError(fresh, 400);
    expect(details(fresh)).toEqual([{ field: 'body.fields.storageClass', message: 'missing: Storage class is required to submit this request' }]);
    const ok = await create(customer.token, { catalogueItemId: id, projectId: org.projectIds[0], fields: { bucket: 'logs', storageClass: 'cold' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json<{ form: { version: number } }>(await call(customer.token, 'GET', `/tickets/${json<{ key: string }>(ok).key}/form`)).form.version).toBe(2);

    const history = json<{ versions: Array<{ version: number; comment: string; createdBy: string | null }>; events: Array<{ type: string }> }>(
      await call(admin.token, 'GET', `/admin/catalogue/items/${id}/forms`),
    );
    expect(history.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(history.versions[0]?.comment).toBe('storage class instead of settings');
    expect(history.events.map((e) => e.type)).toContain('catalogue.form_published');
  });

  it('when an agent moves a request to another service, it is judged by that service’s current form', async () => {
    const key = await t.f.ticket(customer, { catalogueItemId: await itemId('platform.console.question') });
    const before = json<{ catalogueItem: { code: string }; form: { version: number } }>(await call(customer.token, 'GET', `/tickets/${key}/form`));
    expect(before.catalogueItem.code).toBe('platform.console.question');
    const moved = await call(l1.token, 'PATCH', `/tickets/${key}`, { catalogueItemId: await itemId('account.access.iam') });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = json<{ catalogueItem: { code: string }; fields: Array<{ name: string }>; missing: Array<{ key: string }> }>(await call(customer.token, 'GET', `/tickets/${key}/form`));
    expect(after.catalogueItem.code).toBe('account.access.iam');
    expect(after.fields.map((f) => f.name)).toEqual(['projectId', 'userEmail', 'roles']);
    expect(after.missing.map((m) => m.key)).toEqual(['project', 'userEmail', 'roles']);
  });

  it('a bad form definition is refused with the field named', async () => {
    const id = await itemId('storage.s3.bucket');
    const res = await call(admin.token, 'PUT', `/admin/catalogue/items/${id}/form`, { fields: [{ name: 'kind', type: 'choice', labelEn: 'Kind', labelRu: 'Вид' }] });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(details(res)).toEqual([{ field: 'body.fields.0.options', message: 'a choice needs at least one option' }]);
    const group = await call(admin.token, 'PUT', `/admin/catalogue/items/${await itemId('storage.s3')}/form`, { fields: [] });
    expectError(group, 400);
  });
});

describe('administration of the catalogue', () => {
  it('adds, edits and deactivates items; an inactive item leaves the portal and intake', async () => {
    const parentId = await itemId('compute.vm');
    const created = await call(admin.token, 'POST', '/admin/catalogue/items', { parentId, code: 'compute.vm.gpu', kind: 'service', nameEn: 'GPU driver problem', nameRu: 'Проблема с драйвером GPU', defaultType: 'incident', defaultPriority: 'medium' });
    expect(created.statusCode, created.body).toBe(201);
    const id = json<{ id: string }>(created).id;
    expectError(await call(admin.token, 'POST', '/admin/catalogue/items', { parentId, code: 'compute.vm.gpu', kind: 'service', nameEn: 'x', nameRu: 'x' }), 400);
    expectError(await call(admin.token, 'POST', '/admin/catalogue/items', { parentId, code: 'compute.vm.bad', kind: 'category', nameEn: 'x', nameRu: 'x' }), 400);
    expect(json<{ items: Array<{ code: string }> }>(await call(customer.token, 'GET', '/catalogue/search?q=GPU driver')).items.map((i) => i.code)).toContain('compute.vm.gpu');

    const edited = await call(admin.token, 'PATCH', `/admin/catalogue/items/${id}`, { nameRu: 'Драйвер GPU', active: false });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(json<{ active: boolean; nameRu: string }>(edited)).toMatchObject({ active: false, nameRu: 'Драйвер GPU' });
    expect(json<{ items: Array<{ code: string }> }>(await call(customer.token, 'GET', '/catalogue')).items.map((i) => i.code)).not.toContain('compute.vm.gpu');
    expect(json<{ items: Array<{ code: string }> }>(await call(customer.token, 'GET', '/catalogue/search?q=GPU driver')).items).toEqual([]);
    expectError(await call(customer.token, 'GET', `/catalogue/items/${id}/form`), 404);
    expectError(await create(customer.token, { catalogueItemId: id }), 400);
    const all = json<{ items: Array<{ code: string; active: boolean }> }>(await call(admin.token, 'GET', '/admin/catalogue'));
    expect(all.items.find((i) => i.code === 'compute.vm.gpu')?.active).toBe(false);
    const history = json<{ events: Array<{ type: string }> }>(await call(admin.token, 'GET', `/admin/catalogue/items/${id}/forms`));
    expect(history.events.map((e) => e.type)).toEqual(['catalogue.item_deactivated', 'catalogue.item_created']);
  });
});

describe('the missing-information loop', () => {
  async function vmIncident(user: TestUser, extra: Record<string, unknown> = {}) {
    const res = await create(user.token, { catalogueItemId: await itemId('compute.vm.unavailable'), projectId: org.projectIds[0], ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ key: string }>(res).key;
  }

  it('create → asked (localized, listing exactly what is missing) + pending_customer → customer answers → open', async () => {
    const key = await vmIncident(customer);
    const row = await ticketRow(key);
    const queued = await t.ctx.db.selectFrom('pgboss.job' as never).select('data' as never).where('name' as never, '=', 'catalogue.missing_info' as never).execute();
    expect(JSON.stringify(queued)).toContain(row.id);

    const asked = await runMissingInfoJob(t.ctx, row.id);
    expect(asked).toMatchObject({ asked: true, missing: ['region', 'resourceIds', 'timeWindow', 'errorText'] });
    expect((await runMissingInfoJob(t.ctx, row.id)).asked).toBe(false);

    const view = json<{ status: string }>(await call(customer.token, 'GET', `/tickets/${key}`));
    expect(view.status).toBe('pending_customer');
    const timeline = await call(customer.token, 'GET', `/tickets/${key}/timeline`);
    expect(timeline.body).toContain('So that we can work on request');
    expect(timeline.body).toContain('VM UUID');
    expect(timeline.body).toContain('Exact error text');
    expect(timeline.body).not.toContain('Project ID');
    const asker = json<{ items: Array<{ kind: string; body?: string; author?: { name: string; kind: string } | null }> }>(timeline).items.find((i) => i.body?.includes('So that we can work'));
    expect(asker?.author).toMatchObject({ name: 'tierdesk', kind: 'integration' });
    const clocks = await t.ctx.db.selectFrom('sla_clocks').select(['metric', 'state']).where('ticket_id', '=', row.id).execute();
    expect(clocks.find((c) => c.metric === 'resolution')?.state).toBe('paused');
    const events = await t.ctx.db.selectFrom('events').select('type').where('ticket_id', '=', row.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket.created', 'ticket.replied', 'ticket.info_requested']));

    const reply = await call(customer.token, 'POST', `/tickets/${key}/messages`, { body: 'Region Moscow, VM 6f1c2a4e-0000-4000-8000-000000000001', visibility: 'public' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(json<{ status: string }>(await call(customer.token, 'GET', `/tickets/${key}`)).status).toBe('open');
    expect((await t.ctx.db.selectFrom('sla_clocks').select('state').where('ticket_id', '=', row.id).where('metric', '=', 'resolution').executeTakeFirstOrThrow()).state).not.toBe('paused');
  });

  it('the message is in the requester’s language; filling the fields resumes the request', async () => {
    const key = await vmIncident(colleague, { region: 'Moscow' });
    await runMissingInfoJob(t.ctx, (await ticketRow(key)).id);
    const timeline = await call(colleague.token, 'GET', `/tickets/${key}/timeline`);
    expect(timeline.body).toContain('Чтобы мы могли заняться обращением');
    expect(timeline.body).toContain('UUID виртуальной машины');
    expect(timeline.body).not.toContain('Регион или зона');

    const partial = await call(colleague.token, 'PATCH', `/tickets/${key}/form`, { resourceIds: ['6f1c2a4e-0000-4000-8000-000000000001'] });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(json<{ status: string; missing: Array<{ key: string }> }>(partial)).toMatchObject({ status: 'pending_customer', missing: [{ key: 'timeWindow' }, { key: 'errorText' }] });

    const bad = await call(colleague.token, 'PATCH', `/tickets/${key}/form`, { fields: { timeWindowFrom: '2026-03-01T11:00:00Z', timeWindowTo: '2026-03-01T10:00:00Z', errorText: 42 } });
    expectError(bad, 400);
    expect(details(bad).map((d) => d.field)).toEqual(['body.fields.timeWindow', 'body.fields.errorText']);

    const done = await call(colleague.token, 'PATCH', `/tickets/${key}/form`, { fields: { timeWindowFrom: '2026-03-01T10:00:00+03:00', timeWindowTo: '2026-03-01T10:30:00+03:00', errorText: 'No valid host was found' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<{ status: string; missing: unknown[] }>(done)).toMatchObject({ status: 'open', missing: [] });
    const events = await t.ctx.db.selectFrom('events').select(['type', 'changes']).where('ticket_id', '=', (await ticketRow(key)).id).where('type', '=', 'ticket.form_updated').execute();
    expect(events.at(-1)?.changes).toMatchObject({ status: { from: 'pending_customer', to: 'open' } });
  });

  it('a request that came by e-mail gets the question by e-mail', async () => {
    const key = await vmIncident(customer, { channel: 'email' });
    const row = await ticketRow(key);
    expect(row.channel).toBe('email');
    const asked = await runMissingInfoJob(t.ctx, row.id);
    expect(asked.asked).toBe(true);
    const out = await t.ctx.db.selectFrom('outbound_emails').select(['id', 'template', 'template_vars']).where('notification_key', '=', `missing_information:${asked.messageId}`).executeTakeFirstOrThrow();
    expect(out.template).toBe('missing_information');
    expect(out.template_vars).toEqual({ missing_fields: ['Region or availability zone', 'VM UUID', 'When did it happen?', 'Exact error text'] });
    await sendOutboundEmail(t.ctx, out.id);
    const mail = await t.ctx.db.selectFrom('outbound_emails').select(['status', 'body_text', 'to_addresses']).where('id', '=', out.id).executeTakeFirstOrThrow();
    expect(mail.status).toBe('outbox');
    expect(mail.to_addresses).toEqual([customer.email]);
    expect(mail.body_text).toContain('- VM UUID');
  });

  it('complete requests are not asked; an agent can ask later; escalation 422 names the missing form fields', async () => {
    const complete = await vmIncident(customer, {
      region: 'Moscow',
      resourceIds: ['6f1c2a4e-0000-4000-8000-000000000001'],
      fields: { timeWindowFrom: '2026-03-01T10:00:00Z', timeWindowTo: '2026-03-01T10:30:00Z', errorText: 'boom' },
    });
    expect((await runMissingInfoJob(t.ctx, (await ticketRow(complete)).id)).asked).toBe(false);
    expect(json<{ status: string }>(await call(customer.token, 'GET', `/tickets/${complete}`)).status).toBe('new');
    expectError(await call(l1.token, 'POST', `/tickets/${complete}/form/ask`), 409, 'CONFLICT');

    const recovery = json<{ key: string }>(await create(customer.token, { catalogueItemId: await itemId('account.access.recovery'), fields: { accountEmail: 'owner@example.com' } })).key;
    const esc = await call(l1.token, 'POST', `/tickets/${recovery}/escalate`, {
      reasonCode: 'no_access',
      handover: { checked: 'account', found: 'locked', toldCustomer: 'checking' },
    });
    expectError(esc, 422, 'ESCALATION_INFO_MISSING');
    const d = (esc.json() as { error: { details: { missing: string[]; items: Array<{ key: string; labelEn: string }> } } }).error.details;
    expect(d.missing).toEqual(['identityProof']);
    expect(d.items[0]?.labelEn).toMatch(/Identity proof/);

    const ask = await call(l1.token, 'POST', `/tickets/${recovery}/form/ask`);
    expect(ask.statusCode, ask.body).toBe(200);
    expect(json<{ status: string; missing: Array<{ key: string }> }>(ask)).toMatchObject({ status: 'pending_customer', missing: [{ key: 'identityProof' }] });
    // A file field takes an attachment of this request only.
    const wrong = await call(customer.token, 'PATCH', `/tickets/${recovery}/form`, { fields: { identityProof: '3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f708192' } });
    expectError(wrong, 400);
    expect(details(wrong)).toEqual([{ field: 'body.fields.identityProof', message: expect.stringMatching(/no such attachment on this request/) }]);
  });
});

describe('authorisation of the catalogue endpoints', () => {
  let key: string;
  let item: string;
  beforeAll(async () => {
    item = await itemId('platform.console.question');
    key = await t.f.ticket(customer, { catalogueItemId: item });
  });

  it('anonymous callers get 401 everywhere', async () => {
    const urls: Array<[Method, string, Record<string, unknown>?]> = [
      ['GET', '/catalogue/search?q=vm'],
      ['GET', `/catalogue/items/${item}/form`],
      ['GET', `/tickets/${key}/form`],
      ['PATCH', `/tickets/${key}/form`, { fields: { service: 'x' } }],
      ['POST', `/tickets/${key}/form/ask`],
      ['GET', '/admin/catalogue'],
      ['POST', '/admin/catalogue/items', { code: 'x.y', kind: 'service_type', nameEn: 'X', nameRu: 'X' }],
      ['PATCH', `/admin/catalogue/items/${item}`, { active: false }],
      ['GET', `/admin/catalogue/items/${item}/forms`],
      ['PUT', `/admin/catalogue/items/${item}/form`, { fields: [] }],
    ];
    for (const [method, url, body] of urls) expectError(await call(null, method, url, body), 401, 'UNAUTHENTICATED');
  });

  it("another organisation's customer and a vendor do not see the request's form; only staff ask", async () => {
    expectError(await call(stranger.token, 'GET', `/tickets/${key}/form`), 404, 'TICKET_NOT_FOUND');
    expectError(await call(stranger.token, 'PATCH', `/tickets/${key}/form`, { fields: { service: 'x' } }), 404, 'TICKET_NOT_FOUND');
    expectError(await call(vendor.token, 'GET', `/tickets/${key}/form`), 404);
    expectError(await call(vendor.token, 'PATCH', `/tickets/${key}/form`, { fields: { service: 'x' } }), 403, 'FORBIDDEN');
    expectError(await call(customer.token, 'POST', `/tickets/${key}/form/ask`), 403, 'FORBIDDEN');
    expectError(await call(stranger.token, 'POST', `/tickets/${key}/form/ask`), 403, 'FORBIDDEN');
    expectError(await call(vendor.token, 'POST', `/tickets/${key}/form/ask`), 403, 'FORBIDDEN');
    const colleagueFill = await call(colleague.token, 'PATCH', `/tickets/${key}/form`, { fields: { service: 'Kubernetes' } });
    expect(colleagueFill.statusCode, colleagueFill.body).toBe(200);
    const agentFill = await call(l1.token, 'PATCH', `/tickets/${key}/form`, { fields: { service: 'DBaaS' }, version: 999 });
    expectError(agentFill, 409, 'VERSION_CONFLICT');
    expectError(await call(customer.token, 'PATCH', `/tickets/${key}/form`, {}), 400);
    expectError(await call(customer.token, 'GET', '/tickets/SUP-99999999/form'), 404);
  });

  it('everyone signed in reads the catalogue; only admins administer it', async () => {
    for (const who of [customer, vendor, l1]) {
      expect((await call(who.token, 'GET', '/catalogue/search?q=vm')).statusCode).toBe(200);
      expect((await call(who.token, 'GET', `/catalogue/items/${item}/form`)).statusCode).toBe(200);
    }
    expectError(await call(customer.token, 'GET', '/catalogue/items/not-a-uuid/form'), 400);
    for (const who of [customer, stranger, vendor, l1]) {
      expectError(await call(who.token, 'GET', '/admin/catalogue'), 403);
      expectError(await call(who.token, 'POST', '/admin/catalogue/items', { code: 'x.y', kind: 'service_type', nameEn: 'X', nameRu: 'X' }), 403);
      expectError(await call(who.token, 'PATCH', `/admin/catalogue/items/${item}`, { active: false }), 403);
      expectError(await call(who.token, 'GET', `/admin/catalogue/items/${item}/forms`), 403);
      expectError(await call(who.token, 'PUT', `/admin/catalogue/items/${item}/form`, { fields: [] }), 403);
    }
    expectError(await call(admin.token, 'PATCH', '/admin/catalogue/items/00000000-0000-4000-8000-000000000000', { active: false }), 404);
    expectError(await call(admin.token, 'GET', '/admin/catalogue/items/00000000-0000-4000-8000-000000000000/forms'), 404);
    expectError(await call(admin.token, 'PATCH', `/admin/catalogue/items/${item}`, {}), 400);
  });
});
