import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { sql } from 'kysely';
import { scanTicket } from './scan-ticket.task.js';
import { trigramSimilarity } from './queries.js';

let t: TestApp;
let orgA: { id: string; projectIds: string[] };
let orgB: { id: string; projectIds: string[] };
let customerA: TestUser;
let colleagueA: TestUser;
let customerB: TestUser;
let l1: TestUser;
let l2: TestUser;
let l3sec: TestUser;
let manager: TestUser;
let admin: TestUser;
let vendor: TestUser;

type Similar = {
  items: Array<{ key: string; subject: string; score: number; likelyDuplicate: boolean; suggestedAtIntake: boolean; link: string | null; organization: { id: string }; reasons: { sharedTerms: string[]; sameService: boolean; sameRegion: boolean; sharedResources: string[]; sameOrganization: boolean } }>;
  massOutage: null | { id: string; organizationCount: number; members: Array<{ key: string }> };
};

const get = (token: string | null, url: string) => t.app.inject({ url: `/api${url}`, headers: token ? as(token) : {} });
const send = (token: string | null, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url: `/api${url}`, headers: token ? as(token) : {}, ...(payload === undefined ? {} : { payload }) });

async function itemId(code: string) {
  return (await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}
async function idOf(key: string) {
  return (await t.ctx.db.selectFrom('tickets').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
}
async function create(customer: TestUser, input: Record<string, unknown>, scan = true) {
  const key = await t.f.ticket(customer, input);
  if (scan) await scanTicket(t.ctx, await idOf(key));
  return key;
}
async function events(key: string, type: string) {
  return t.ctx.db.selectFrom('events').select(['type', 'data', 'visibility']).where('ticket_id', '=', await idOf(key)).where('type', '=', type).execute();
}
async function freshOrgCustomer() {
  const org = await t.f.org();
  return t.f.customer(org.id);
}

beforeAll(async () => {
  t = await testApp();
  orgA = await t.f.org();
  orgB = await t.f.org();
  customerA = await t.f.customer(orgA.id);
  colleagueA = await t.f.customer(orgA.id);
  customerB = await t.f.customer(orgB.id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  l2 = await t.f.staff({ lines: ['L2'], teams: ['L2-COMPUTE'] });
  l3sec = await t.f.staff({ lines: ['L3'], teams: ['L3-SECURITY'] });
  manager = await t.f.staff({ role: 'duty_manager', lines: [], teams: [] });
  admin = await t.f.staff({ role: 'admin' });
  vendor = await t.f.vendor();
});
afterAll(() => t.close());

describe('duplicates', () => {
  it('a similar request of the same organisation is a likely duplicate, stored at intake; another organisation’s is not', async () => {
    const original = await create(customerA, {
      subject: 'Kafka consumer lag keeps growing on cluster orders-prod',
      description: 'Consumer group billing-sync lag grows since 10:00, brokers report ISR shrink on orders-prod.',
      projectId: orgA.projectIds[0],
    });
    const other = await create(customerB, {
      subject: 'Kafka consumer lag growing on our cluster',
      description: 'Consumer group lag grows since 10:00, ISR shrink on brokers.',
    });
    const dup = await create(colleagueA, {
      subject: 'Kafka consumer lag grows on orders-prod',
      description: 'Lag of consumer group billing-sync keeps growing, ISR shrink on orders-prod brokers since 10:00.',
      projectId: orgA.projectIds[0],
    });
    const stored = await t.ctx.db
      .selectFrom('similar_candidates as c')
      .innerJoin('tickets as x', 'x.id', 'c.candidate_id')
      .select(['x.key', 'c.duplicate'])
      .where('c.ticket_id', '=', await idOf(dup))
      .execute();
    expect(stored.map((s) => s.key)).toEqual([original]);
    expect((await events(dup, 'ticket.duplicate_suspected'))[0]?.visibility).toBe('internal');

    // The other organisation's request got no duplicate at all (its only similar requests are of org A).
    const otherStored = await t.ctx.db.selectFrom('similar_candidates').select('candidate_id').where('ticket_id', '=', await idOf(other)).execute();
    expect(otherStored).toEqual([]);

    const res = await get(l1.token, `/tickets/${dup}/similar`);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<Similar>(res);
    const a = body.items.find((i) => i.key === original);
    const b = body.items.find((i) => i.key === other);
    expect(a).toMatchObject({ likelyDuplicate: true, suggestedAtIntake: true, link: null });
    expect(a?.reasons.sameOrganization).toBe(true);
    expect(a?.reasons.sharedTerms).toEqual(expect.arrayContaining(['kafka', 'consum']));
    // Similar across organisations (staff see it), never a duplicate.
    expect(b).toMatchObject({ likelyDuplicate: false });
    expect(b?.reasons.sameOrganization).toBe(false);
    expect(body.items[0]?.key).toBe(original);
  });

  it('ranks shared resource IDs and the same service as reasons', async () => {
    const vm = await itemId('compute.vm.unavailable');
    const resource = '7d0c5a11-1111-4111-8111-000000000abc';
    const first = await create(customerA, { subject: 'Instance unreachable', description: 'ping times out', catalogueItemId: vm, region: 'ru-spb-1', resourceIds: [resource] });
    const second = await create(customerA, { subject: 'Server is down', description: 'cannot ssh', catalogueItemId: vm, region: 'ru-spb-1', resourceIds: [resource] });
    const body = json<Similar>(await get(admin.token, `/tickets/${second}/similar`));
    const hit = body.items.find((i) => i.key === first);
    expect(hit?.reasons).toMatchObject({ sameService: true, sameRegion: true, sharedResources: [resource] });
    expect(hit?.likelyDuplicate).toBe(true);
  });

  it('never lists a confidential request to an agent who may not open it', async () => {
    const text = { subject: 'Suspicious SSH logins on bastion gw-7 from unknown addresses', description: 'Many failed SSH logins on bastion gw-7 then a successful one from 203.0.113.77.' };
    const secret = await create(customerA, { ...text, type: 'security' });
    const row = await t.ctx.db.selectFrom('tickets').select(['confidential']).where('key', '=', secret).executeTakeFirstOrThrow();
    expect(row.confidential).toBe(true);
    const open = await create(customerA, { ...text, type: 'incident' });

    const forL1 = json<Similar>(await get(l1.token, `/tickets/${open}/similar`));
    expect(forL1.items.map((i) => i.key)).not.toContain(secret);
    expect(JSON.stringify(forL1)).not.toContain(secret);
    const forAdmin = json<Similar>(await get(admin.token, `/tickets/${open}/similar`));
    expect(forAdmin.items.map((i) => i.key)).toContain(secret);
    const team = await t.ctx.db.selectFrom('tickets').select('team_id').where('key', '=', secret).executeTakeFirstOrThrow();
    if (team.team_id === (await t.f.teamId('L3-SECURITY'))) {
      const forMember = json<Similar>(await get(l3sec.token, `/tickets/${open}/similar`));
      expect(forMember.items.map((i) => i.key)).toContain(secret);
    }
    // The confidential request itself is hidden from the L1 agent entirely.
    expectError(await get(l1.token, `/tickets/${secret}/similar`), 404, 'TICKET_NOT_FOUND');
  });
});

describe('mass outages', () => {
  const storm = (n: number) => ({ subject: `Network down in ru-msk-1 #${n}`, description: 'All our VMs lost connectivity a few minutes ago.' });

  it('requests of 3 organisations about one service and region within the window make a candidate, updated as more arrive', async () => {
    const svc = await itemId('network.connectivity.loss');
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) keys.push(await create(await freshOrgCustomer(), { ...storm(i), catalogueItemId: svc, region: 'ru-msk-1' }));
    const cluster = await t.ctx.db.selectFrom('mass_outages').selectAll().where('catalogue_item_id', '=', svc).executeTakeFirstOrThrow();
    expect(cluster).toMatchObject({ status: 'suspected', organization_count: 3, ticket_count: 3, region: 'ru-msk-1' });
    for (const k of keys) expect(await events(k, 'ticket.mass_outage_suspected')).toHaveLength(1);
    const webhookEvent = await t.ctx.db.selectFrom('events').select(['data']).where('type', '=', 'mass_outage.suspected').execute();
    expect(webhookEvent.some((e) => (e.data as { massOutageId?: string }).massOutageId === cluster.id)).toBe(true);

    const fourth = await create(await freshOrgCustomer(), { ...storm(4), catalogueItemId: svc, region: 'ru-msk-1' });
    const after = await t.ctx.db.selectFrom('mass_outages').selectAll().where('id', '=', cluster.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ organization_count: 4, ticket_count: 4 });
    expect(await events(fourth, 'ticket.mass_outage_suspected')).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('events').select('id').where('type', '=', 'mass_outage.updated').execute()).not.toHaveLength(0);
    // A scan that runs again (a retried job) records nothing twice.
    await scanTicket(t.ctx, await idOf(fourth));
    expect(await events(fourth, 'ticket.mass_outage_suspected')).toHaveLength(1);

    // L2 sees the list, the detail and the flag on list rows; L1 and customers do not.
    const list = json<{ items: Array<{ id: string; organizationCount: number }> }>(await get(l2.token, '/mass-outages'));
    expect(list.items.find((c) => c.id === cluster.id)?.organizationCount).toBe(4);
    const detail = json<{ members: Array<{ key: string }> }>(await get(manager.token, `/mass-outages/${cluster.id}`));
    expect(detail.members.map((m) => m.key).sort()).toEqual([...keys, fourth].sort());
    const rows = json<{ items: Array<{ key: string; massOutageId: string | null }> }>(await get(l2.token, `/tickets?limit=100&catalogueItemId=${svc}`));
    expect(rows.items.filter((r) => r.massOutageId === cluster.id)).toHaveLength(4);
    const rowsL1 = json<{ items: Array<{ massOutageId: string | null }> }>(await get(l1.token, `/tickets?limit=100&catalogueItemId=${svc}`));
    expect(rowsL1.items.every((r) => r.massOutageId === null)).toBe(true);
    expectError(await get(l1.token, '/mass-outages'), 403, 'FORBIDDEN');
    const similar = json<Similar>(await get(l2.token, `/tickets/${fourth}/similar`));
    expect(similar.massOutage?.id).toBe(cluster.id);
    expect(similar.massOutage?.members).toHaveLength(4);
    expect(json<Similar>(await get(l1.token, `/tickets/${fourth}/similar`)).massOutage).toBeNull();

    // Acknowledge keeps the flag; dismiss takes it off, with history on each request.
    const ack = await send(l2.token, 'POST', `/mass-outages/${cluster.id}/acknowledge`, { note: 'Network team on it' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(json<{ status: string; note: string }>(ack)).toMatchObject({ status: 'acknowledged', note: 'Network team on it' });
    const dismiss = await send(manager.token, 'POST', `/mass-outages/${cluster.id}/dismiss`, {});
    expect(json<{ status: string }>(dismiss).status).toBe('dismissed');
    expect(await events(fourth, 'ticket.mass_outage_dismissed')).toHaveLength(1);
    const flagged = await t.ctx.db.selectFrom('tickets').select('id').where('mass_outage_id', '=', cluster.id).execute();
    expect(flagged).toEqual([]);
    expectError(await send(l2.token, 'POST', `/mass-outages/${cluster.id}/acknowledge`, {}), 409, 'CONFLICT');
    // The same storm goes on: a fifth request joins the dismissed cluster quietly.
    const fifth = await create(await freshOrgCustomer(), { ...storm(5), catalogueItemId: svc, region: 'ru-msk-1' });
    expect(await events(fifth, 'ticket.mass_outage_suspected')).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('mass_outages').select('id').where('catalogue_item_id', '=', svc).execute()).toHaveLength(1);
  });

  it('no candidate when the requests are outside the window, or come from fewer organisations', async () => {
    const svc = await itemId('storage.s3.access');
    // Two organisations now, a third 2 hours ago: outside the 30-minute window.
    const old = await create(await freshOrgCustomer(), { subject: 'S3 403 errors', description: 'AccessDenied on every GET', catalogueItemId: svc, region: 'ru-msk-2' }, false);
    await t.ctx.db.updateTable('tickets').set({ created_at: new Date(Date.now() - 2 * 3600_000) }).where('key', '=', old).execute();
    await create(await freshOrgCustomer(), { subject: 'S3 access denied', description: 'AccessDenied', catalogueItemId: svc, region: 'ru-msk-2' });
    const last = await create(await freshOrgCustomer(), { subject: 'S3 403', description: 'AccessDenied on PUT', catalogueItemId: svc, region: 'ru-msk-2' });
    expect(await t.ctx.db.selectFrom('mass_outages').select('id').where('catalogue_item_id', '=', svc).execute()).toEqual([]);
    expect(await events(last, 'ticket.mass_outage_suspected')).toHaveLength(0);

    // Three requests of two organisations: not enough.
    const blk = await itemId('storage.block.io');
    const one = await freshOrgCustomer();
    await create(one, { subject: 'Disk slow', description: 'iowait 90%', catalogueItemId: blk, region: 'Moscow' });
    await create(one, { subject: 'Disk slow again', description: 'iowait 95%', catalogueItemId: blk, region: 'Moscow' });
    await create(await freshOrgCustomer(), { subject: 'Disk latency', description: 'iowait high', catalogueItemId: blk, region: 'Moscow' });
    expect(await t.ctx.db.selectFrom('mass_outages').select('id').where('catalogue_item_id', '=', blk).execute()).toEqual([]);
    // A different region of the same service does not count either.
    await create(await freshOrgCustomer(), { subject: 'Disk latency', description: 'iowait high', catalogueItemId: blk, region: 'Saint Petersburg' });
    expect(await t.ctx.db.selectFrom('mass_outages').select('id').where('catalogue_item_id', '=', blk).execute()).toEqual([]);
  });

  it('the number of organisations is a setting (admin)', async () => {
    expectError(await send(l2.token, 'PUT', '/similarity/settings', { massOutageMinOrganizations: 2 }), 403, 'FORBIDDEN');
    const bad = await send(admin.token, 'PUT', '/similarity/settings', { massOutageMinOrganizations: 1 });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body).toContain('massOutageMinOrganizations');
    const ok = await send(admin.token, 'PUT', '/similarity/settings', { massOutageMinOrganizations: 2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<{ massOutageMinOrganizations: number; massOutageWindowMinutes: number }>(ok)).toMatchObject({ massOutageMinOrganizations: 2, massOutageWindowMinutes: 30 });
    expect(json<{ massOutageMinOrganizations: number }>(await get(l1.token, '/similarity/settings')).massOutageMinOrganizations).toBe(2);
    const k8s = await itemId('kubernetes.cluster.issue');
    await create(await freshOrgCustomer(), { subject: 'Nodes NotReady', description: 'kubelet stopped', catalogueItemId: k8s, region: 'kz-ala-1' });
    await create(await freshOrgCustomer(), { subject: 'Cluster nodes NotReady', description: 'kubelet', catalogueItemId: k8s, region: 'kz-ala-1' });
    expect(await t.ctx.db.selectFrom('mass_outages').select('id').where('catalogue_item_id', '=', k8s).execute()).toHaveLength(1);
    await send(admin.token, 'PUT', '/similarity/settings', { massOutageMinOrganizations: 3 });
  });
});

describe('links and duplicate-and-close', () => {
  let a1: string;
  let a2: string;
  let b1: string;

  beforeAll(async () => {
    a1 = await create(customerA, { subject: 'Load balancer returns 502', description: 'LB lb-front returns 502 for half the requests' });
    a2 = await create(colleagueA, { subject: 'Our site returns 502 via load balancer', description: 'lb-front 502' });
    b1 = await create(customerB, { subject: 'Secret project Zephyr: LB 502', description: 'Other organisation text that must never reach org A' });
  });

  it('links as related across organisations, refuses a second link, unlinks; history on both', async () => {
    const res = await send(l1.token, 'POST', `/tickets/${a1}/links`, { kind: 'related', targetKey: b1 });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({ kind: 'related', ticket: { key: b1 } });
    expectError(await send(l1.token, 'POST', `/tickets/${b1}/links`, { kind: 'related', targetKey: a1 }), 409, 'CONFLICT');
    expect(await events(a1, 'ticket.linked')).toHaveLength(1);
    expect((await events(b1, 'ticket.linked'))[0]).toMatchObject({ visibility: 'internal', data: { kind: 'related', key: a1 } });

    // The customer sees no link to another organisation's request, and none of its text.
    const mine = await get(customerA.token, `/tickets/${a1}/links`);
    expect(mine.statusCode).toBe(200);
    expect(json<{ items: unknown[] }>(mine).items).toEqual([]);
    expect(mine.body).not.toContain('Zephyr');
    const timeline = await get(customerA.token, `/tickets/${a1}/timeline`);
    expect(timeline.body).not.toContain(b1);
    // Staff see it.
    const staffLinks = json<{ items: Array<{ kind: string; ticket: { key: string } }> }>(await get(l1.token, `/tickets/${a1}/links`));
    expect(staffLinks.items).toMatchObject([{ kind: 'related', ticket: { key: b1 } }]);

    const del = await send(l1.token, 'DELETE', `/tickets/${b1}/links/${a1}`);
    expect(del.statusCode, del.body).toBe(204);
    expect(await events(a1, 'ticket.unlinked')).toHaveLength(1);
    expect(await events(b1, 'ticket.unlinked')).toHaveLength(1);
    expectError(await send(l1.token, 'DELETE', `/tickets/${b1}/links/${a1}`), 404, 'NOT_FOUND');
  });

  it('rejects bad links with a 400 naming the field', async () => {
    const cross = await send(l1.token, 'POST', `/tickets/${a1}/links`, { kind: 'duplicate_of', targetKey: b1 });
    expectError(cross, 400, 'VALIDATION_FAILED');
    expect(json<{ error: { details: Array<{ field: string }> } }>(cross).error.details[0]?.field).toBe('body.targetKey');
    expectError(await send(l1.token, 'POST', `/tickets/${a1}/links`, { kind: 'duplicate_of', targetKey: a1 }), 400, 'VALIDATION_FAILED');
    expectError(await send(l1.token, 'POST', `/tickets/${a1}/links`, { kind: 'sibling', targetKey: a2 }), 400, 'VALIDATION_FAILED');
    expectError(await send(l1.token, 'POST', `/tickets/${a1}/links`, { kind: 'related', targetKey: 'not-a-key' }), 400, 'VALIDATION_FAILED');
    expectError(await send(l1.token, 'POST', `/tickets/${a1}/links`, { kind: 'related', targetKey: 'SUP-999999999' }), 400, 'VALIDATION_FAILED');
    expectError(await send(l1.token, 'POST', `/tickets/${a1}/links`, {}), 400, 'VALIDATION_FAILED');
  });

  it('marks a duplicate and resolves it with a public note to the customer; messages stay; history on both', async () => {
    await send(customerA.token, 'POST', `/tickets/${a2}/messages`, { body: 'Still 502 here, please help' });
    const res = await send(l1.token, 'POST', `/tickets/${a2}/mark-duplicate`, { originalKey: a1, comment: 'Follow the original for updates.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ status: string }>(res).status).toBe('resolved');
    expect(await events(a2, 'ticket.marked_duplicate')).toHaveLength(1);
    expect(await events(a2, 'ticket.resolved')).toMatchObject([{ data: { duplicateOf: a1 } }]);
    expect(await events(a1, 'ticket.duplicate_attached')).toMatchObject([{ data: { duplicateKey: a2 } }]);

    const timeline = await get(colleagueA.token, `/tickets/${a2}/timeline`);
    expect(timeline.body).toContain(`дублирует ${a1}`); // the organisation's language (Russian by default)
    expect(timeline.body).toContain('Follow the original for updates.');
    expect(timeline.body).toContain('Still 502 here, please help');
    // The customer of the same organisation sees the link from both sides.
    const links = json<{ items: Array<{ kind: string; ticket: { key: string } }> }>(await get(colleagueA.token, `/tickets/${a2}/links`));
    expect(links.items).toMatchObject([{ kind: 'duplicate_of', ticket: { key: a1 } }]);
    const back = json<{ items: Array<{ kind: string; ticket: { key: string } }> }>(await get(customerA.token, `/tickets/${a1}/links`));
    expect(back.items).toMatchObject([{ kind: 'duplicated_by', ticket: { key: a2 } }]);
    // The duplicate's requester now watches the original.
    const watchers = await t.ctx.db.selectFrom('ticket_watchers').select('user_id').where('ticket_id', '=', await idOf(a1)).execute();
    expect(watchers.map((w) => w.user_id)).toContain(colleagueA.id);
    // The similar panel shows the link.
    const similar = json<Similar>(await get(l1.token, `/tickets/${a1}/similar`));
    expect(similar.items.find((i) => i.key === a2)?.link ?? 'duplicated_by').toBe('duplicated_by');

    // Already resolved: cannot be resolved again; a duplicate cannot be someone's original.
    expectError(await send(l1.token, 'POST', `/tickets/${a2}/mark-duplicate`, { originalKey: a1 }), 409, 'INVALID_TRANSITION');
    const a3 = await create(customerA, { subject: 'LB 502 again', description: 'lb-front' });
    const chained = await send(l1.token, 'POST', `/tickets/${a3}/mark-duplicate`, { originalKey: a2 });
    expectError(chained, 400, 'VALIDATION_FAILED');
    expect(chained.body).toContain(a1);
    expectError(await send(l1.token, 'POST', `/tickets/${a3}/mark-duplicate`, { originalKey: b1 }), 400, 'VALIDATION_FAILED');
    const ok = await send(l1.token, 'POST', `/tickets/${a3}/mark-duplicate`, { originalKey: a1 });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('authorisation', () => {
  let key: string;
  let other: string;
  let clusterId: string;

  beforeAll(async () => {
    key = await create(customerA, { subject: 'Authz similarity request', description: 'DNS resolution fails' });
    other = await create(customerA, { subject: 'Authz similarity other', description: 'DNS fails' });
    await t.ctx.db.updateTable('tickets').set({ vendor_id: (vendor as TestUser & { vendorId: string }).vendorId }).where('key', '=', key).execute();
    clusterId = (
      await t.ctx.db
        .insertInto('mass_outages')
        .values({ first_seen_at: new Date(), last_seen_at: new Date(), region: 'authz-region' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  const staffOnly = () => [
    { m: 'GET' as const, url: () => `/tickets/${key}/similar` },
    { m: 'POST' as const, url: () => `/tickets/${key}/links`, body: () => ({ kind: 'related', targetKey: other }) },
    { m: 'DELETE' as const, url: () => `/tickets/${key}/links/${other}` },
    { m: 'POST' as const, url: () => `/tickets/${key}/mark-duplicate`, body: () => ({ originalKey: other }) },
    { m: 'GET' as const, url: () => '/mass-outages' },
    { m: 'GET' as const, url: () => `/mass-outages/${clusterId}` },
    { m: 'POST' as const, url: () => `/mass-outages/${clusterId}/acknowledge`, body: () => ({}) },
    { m: 'POST' as const, url: () => `/mass-outages/${clusterId}/dismiss`, body: () => ({}) },
    { m: 'GET' as const, url: () => '/similarity/settings' },
    { m: 'PUT' as const, url: () => '/similarity/settings', body: () => ({ lookbackDays: 14 }) },
  ];

  it('anonymous callers get 401 everywhere, including GET /links', async () => {
    for (const e of [...staffOnly(), { m: 'GET' as const, url: () => `/tickets/${key}/links` }]) {
      const res = e.m === 'GET' ? await get(null, e.url()) : await send(null, e.m, e.url(), 'body' in e && e.body ? e.body() : undefined);
      expectError(res, 401, 'UNAUTHENTICATED');
    }
  });

  it('customers (own and other organisation) and vendors get 403 on staff endpoints', async () => {
    for (const who of [customerA, customerB, vendor]) {
      for (const e of staffOnly()) {
        const res = e.m === 'GET' ? await get(who.token, e.url()) : await send(who.token, e.m, e.url(), 'body' in e && e.body ? e.body() : undefined);
        expectError(res, 403, 'FORBIDDEN');
      }
    }
  });

  it('GET /links: 404 for another organisation and for a vendor the request was not handed to; the handed vendor sees only links it may read', async () => {
    expectError(await get(customerB.token, `/tickets/${key}/links`), 404, 'TICKET_NOT_FOUND');
    const stranger = await t.f.vendor();
    expectError(await get(stranger.token, `/tickets/${key}/links`), 404, 'TICKET_NOT_FOUND');
    await send(l1.token, 'POST', `/tickets/${key}/links`, { kind: 'related', targetKey: other });
    const forVendor = await get(vendor.token, `/tickets/${key}/links`);
    expect(forVendor.statusCode).toBe(200);
    expect(json<{ items: unknown[] }>(forVendor).items).toEqual([]);
    expect(json<{ items: unknown[] }>(await get(customerA.token, `/tickets/${key}/links`)).items).toHaveLength(1);
  });

  it('L1 agents work similar requests and links but not mass outages; unknown ids are 404', async () => {
    expect((await get(l1.token, `/tickets/${key}/similar`)).statusCode).toBe(200);
    for (const url of ['/mass-outages', `/mass-outages/${clusterId}`]) expectError(await get(l1.token, url), 403, 'FORBIDDEN');
    expectError(await send(l1.token, 'POST', `/mass-outages/${clusterId}/acknowledge`, {}), 403, 'FORBIDDEN');
    expectError(await send(l1.token, 'POST', `/mass-outages/${clusterId}/dismiss`, {}), 403, 'FORBIDDEN');
    expectError(await get(l2.token, '/mass-outages/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectError(await get(l2.token, '/mass-outages/nope'), 404, 'NOT_FOUND');
    expectError(await get(l2.token, '/mass-outages?status=open'), 400, 'VALIDATION_FAILED');
    expectError(await get(l2.token, '/mass-outages?cursor=garbage'), 400, 'VALIDATION_FAILED');
    expectError(await get(l1.token, '/tickets/SUP-999999999/similar'), 404, 'TICKET_NOT_FOUND');
    expect((await get(admin.token, `/mass-outages/${clusterId}`)).statusCode).toBe(200);
  });
});

describe('intake wiring and scoring', () => {
  it('queues a scan with the new request, and again when staff change the service or region', async () => {
    const key = await create(customerA, { subject: 'Wiring check', description: 'nothing special' }, false);
    const id = await idOf(key);
    const jobs = async () =>
      Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'similarity.scan' AND data->>'ticketId' = ${id}`.execute(t.ctx.db)).rows[0]?.n);
    expect(await jobs()).toBe(1);
    const ticket = json<{ version: number }>(await get(l1.token, `/tickets/${key}`));
    const res = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: { ...as(l1.token), 'if-match': `"${ticket.version}"` }, payload: { region: 'Moscow' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await jobs()).toBe(2);
  });

  it("computes pg_trgm's similarity() in Node (Russian and English)", async () => {
    const pairs: Array<[string, string]> = [
      ['VM does not start after reboot', 'VM not starting after a reboot'],
      ['Виртуальная машина не запускается', 'ВМ не запускается после перезагрузки'],
      ['S3 403 AccessDenied', 'kubectl get nodes: NotReady'],
      ['', 'anything'],
    ];
    for (const [a, b] of pairs) {
      const db = Number((await sql<{ s: number }>`SELECT similarity(${a}, ${b}) AS s`.execute(t.ctx.db)).rows[0]?.s);
      expect(trigramSimilarity(a, b)).toBeCloseTo(db, 5);
    }
  });
});
