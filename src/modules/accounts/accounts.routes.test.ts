import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let orgA: { id: string; projectIds: string[] };
let orgAdmin: TestUser;
let member: TestUser;
let otherCustomer: TestUser;

beforeAll(async () => {
  t = await testApp();
  admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
  agent = await t.f.staff();
  orgA = await t.f.org();
  orgAdmin = await t.f.customer(orgA.id, { role: 'admin' });
  member = await t.f.customer(orgA.id);
  otherCustomer = await t.f.customer((await t.f.org()).id);
});
afterAll(() => t.close());

describe('organisations', () => {
  it('admin creates an organisation with projects and a plan; others may not', async () => {
    const body = { name: 'Initech', supportPlanCode: 'premium', language: 'en', timeZone: 'Asia/Almaty', projectIds: ['mcs9990000001'] };
    expectError(await t.app.inject({ method: 'POST', url: '/api/organizations', payload: body }), 401);
    expectError(await t.app.inject({ method: 'POST', url: '/api/organizations', headers: as(agent.token), payload: body }), 403);
    expectError(await t.app.inject({ method: 'POST', url: '/api/organizations', headers: as(orgAdmin.token), payload: body }), 403);
    expectError(await t.app.inject({ method: 'POST', url: '/api/organizations', headers: as(admin.token), payload: { ...body, timeZone: 'Mars/Olympus' } }), 400);
    expectError(await t.app.inject({ method: 'POST', url: '/api/organizations', headers: as(admin.token), payload: { ...body, projectIds: ['abc'] } }), 400);
    const res = await t.app.inject({ method: 'POST', url: '/api/organizations', headers: as(admin.token), payload: body });
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ name: 'Initech', supportPlan: { code: 'premium' }, timeZone: 'Asia/Almaty', projectIds: ['mcs9990000001'] });
    const dup = await t.app.inject({ method: 'POST', url: '/api/organizations', headers: as(admin.token), payload: { ...body, name: 'Other' } });
    expectError(dup, 409, 'CONFLICT');
  });

  it('a customer sees only their own organisation', async () => {
    const mine = json<{ items: Array<{ id: string }> }>(await t.app.inject({ url: '/api/organizations', headers: as(member.token) }));
    expect(mine.items.map((o) => o.id)).toEqual([orgA.id]);
    expectError(await t.app.inject({ url: `/api/organizations/${orgA.id}`, headers: as(otherCustomer.token) }), 404);
    expect((await t.app.inject({ url: `/api/organizations/${orgA.id}`, headers: as(agent.token) })).statusCode).toBe(200);
  });
});

describe('users', () => {
  it('an organisation admin adds a colleague to their own organisation only', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/users', headers: as(orgAdmin.token), payload: { kind: 'customer', email: 'new.colleague@example.com', name: 'New', organizationId: orgA.id } });
    expect(ok.statusCode).toBe(201);
    const other = await t.app.inject({ method: 'POST', url: '/api/users', headers: as(orgAdmin.token), payload: { kind: 'customer', email: 'x@example.com', name: 'X', organizationId: (await t.f.org()).id } });
    expectError(other, 403);
    expectError(await t.app.inject({ method: 'POST', url: '/api/users', headers: as(member.token), payload: { kind: 'customer', email: 'y@example.com', name: 'Y', organizationId: orgA.id } }), 403);
    expectError(await t.app.inject({ method: 'POST', url: '/api/users', headers: as(orgAdmin.token), payload: { kind: 'staff', email: 'z@example.com', name: 'Z' } }), 403);
    const dup = await t.app.inject({ method: 'POST', url: '/api/users', headers: as(orgAdmin.token), payload: { kind: 'customer', email: 'NEW.colleague@example.com', name: 'Dup', organizationId: orgA.id } });
    expectError(dup, 409);
  });

  it('admin creates staff with lines and teams, and an integration user with a working token', async () => {
    const staff = await t.app.inject({ method: 'POST', url: '/api/users', headers: as(admin.token), payload: { kind: 'staff', email: 'l2x@tierdesk.test', name: 'L2 X', lineCodes: ['L2'], teamCodes: ['L2-NETWORK'] } });
    expect(staff.statusCode).toBe(201);
    const bad = await t.app.inject({ method: 'POST', url: '/api/users', headers: as(admin.token), payload: { kind: 'staff', email: 'l9@tierdesk.test', name: 'L9', lineCodes: ['L9'] } });
    expectError(bad, 400);
    const integ = await t.app.inject({ method: 'POST', url: '/api/users', headers: as(admin.token), payload: { kind: 'integration', name: 'Alertmanager' } });
    expect(integ.statusCode).toBe(201);
    const token = json<{ token: string }>(integ).token;
    expect(token).toMatch(/^td_/);
    const created = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: as(token), payload: { subject: 'Alert: disk full', description: 'node-7', organizationId: orgA.id, requesterId: member.id } });
    expect(created.statusCode).toBe(201);
    expect(json<{ channel: string }>(created).channel).toBe('api');
  });

  it('disabling a user revokes their tokens at once', async () => {
    const victim = await t.f.customer(orgA.id);
    expect((await t.app.inject({ url: '/api/tickets', headers: as(victim.token) })).statusCode).toBe(200);
    expectError(await t.app.inject({ method: 'POST', url: `/api/users/${victim.id}/disable`, headers: as(agent.token) }), 403);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${victim.id}/disable`, headers: as(admin.token) })).statusCode).toBe(204);
    expectError(await t.app.inject({ url: '/api/tickets', headers: as(victim.token) }), 401);
  });

  it('lists users for staff and the organisation admin only', async () => {
    expectError(await t.app.inject({ url: '/api/users' }), 401);
    expectError(await t.app.inject({ url: '/api/users', headers: as(member.token) }), 403);
    const forOrgAdmin = json<{ items: Array<{ organizationId: string | null }> }>(await t.app.inject({ url: '/api/users', headers: as(orgAdmin.token) }));
    expect(forOrgAdmin.items.every((u) => u.organizationId === orgA.id)).toBe(true);
    expect((await t.app.inject({ url: '/api/users?kind=staff', headers: as(agent.token) })).statusCode).toBe(200);
    expectError(await t.app.inject({ url: '/api/users?kind=robot', headers: as(agent.token) }), 400);
  });
});

describe('vendors', () => {
  it('admin registers a vendor; staff list them; customers may not', async () => {
    expectError(await t.app.inject({ method: 'POST', url: '/api/vendors', headers: as(agent.token), payload: { name: 'V' } }), 403);
    const v = await t.app.inject({ method: 'POST', url: '/api/vendors', headers: as(admin.token), payload: { name: 'Acme Marketplace Co', product: 'GitLab' } });
    expect(v.statusCode).toBe(201);
    expectError(await t.app.inject({ url: '/api/vendors', headers: as(member.token) }), 403);
    expectError(await t.app.inject({ method: 'POST', url: '/api/vendors', headers: as(admin.token), payload: {} }), 400);
  });
});
