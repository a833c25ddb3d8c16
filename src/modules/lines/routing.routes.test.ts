import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';

let t: TestApp;
let customer: TestUser;
let l1: TestUser;
let admin: TestUser;

const dryRun = (token: string | null, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/routing/dry-run', headers: token ? as(token) : {}, payload });
type DryRun = { matchedRule: { id: string; index: number } | null; decision: { line: { code: string }; team: { code: string } | null; priority: string | null; tags: string[] }; explanation: Array<{ ruleId: string; matched: boolean; why: string }> };

beforeAll(async () => {
  t = await testApp();
  const org = await t.f.org();
  customer = await t.f.customer(org.id);
  l1 = await t.f.staff();
  admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
});
afterAll(() => t.close());

describe('default rules', () => {
  it.each([
    ['billing', 'L1', 'L1-BILLING'],
    ['access_recovery', 'L1', 'L1-BILLING'],
    ['service_request', 'L1', 'L1-DUTY'],
    ['vendor', 'L1', 'L1-DUTY'],
    ['question', 'L1', 'L1-DUTY'],
    ['security', 'L3', 'L3-SECURITY'],
    ['incident', 'L1', 'L1-DUTY'],
  ])('%s goes to %s / %s', async (type, line, team) => {
    const d = json<DryRun>(await dryRun(l1.token, { request: { type } }));
    expect(d.decision).toMatchObject({ line: { code: line }, team: { code: team } });
  });

  it('a created security report is routed to L3 Security by the rule set', async () => {
    const key = await t.f.ticket(customer, { type: 'security' });
    const d = json<DryRun>(await dryRun(admin.token, { key }));
    expect(d.matchedRule?.id).toBe('security');
    expect(d.explanation[0]).toMatchObject({ ruleId: 'security', matched: true, why: 'all conditions hold' });
  });
});

describe('rule sets', () => {
  it('saving creates a new version with its author; order decides; the dry run explains every rule', async () => {
    const before = json<{ version: number }>(await t.app.inject({ url: '/api/routing/rules', headers: as(l1.token) }));
    const rules = [
      { id: 'vip-text', name: 'Premium outage words', when: { planCodes: ['premium'], text: ['outage'] }, then: { lineCode: 'L2', priority: 'critical', tags: ['vip'] } },
      { id: 'k8s-moscow', name: 'Kubernetes in Moscow', when: { catalogueItemCodes: ['kubernetes'], regions: ['moscow'] }, then: { lineCode: 'L2' } },
      { id: 'all-incidents', name: 'Incidents', when: { types: ['incident'] }, then: { teamCode: 'L2-DB' } },
    ];
    const put = (token: string | null, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: '/api/routing/rules', headers: token ? as(token) : {}, payload });
    expectError(await put(null, { rules }), 401);
    expectError(await put(l1.token, { rules }), 403);
    expectError(await put(admin.token, { rules: [{ ...rules[0], then: { teamCode: 'NOPE' } }] }), 400, 'VALIDATION_FAILED');
    expectError(await put(admin.token, { rules: [rules[0], rules[0]] }), 400);
    expectError(await put(admin.token, { rules: [{ id: 'x', name: 'x', when: { colour: ['red'] }, then: { lineCode: 'L2' } }] }), 400);
    const saved = await put(admin.token, { rules, comment: 'VIP first' });
    expect(saved.statusCode).toBe(201);
    expect(json<{ version: number; author: { id: string } }>(saved)).toMatchObject({ version: before.version + 1, author: { id: admin.id } });

    const k8s = (await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'kubernetes.cluster.issue').executeTakeFirstOrThrow()).id;
    const d = json<DryRun>(await dryRun(l1.token, { request: { type: 'incident', catalogueItemId: k8s, region: 'Moscow', subject: 'Nodes NotReady' } }));
    expect(d.matchedRule).toMatchObject({ id: 'k8s-moscow', index: 1 });
    expect(d.decision).toMatchObject({ line: { code: 'L2' }, team: { code: 'L2-K8S' } });
    expect(d.explanation.map((e) => e.why)).toEqual(['failed: planCodes, text', 'all conditions hold', 'matches, but an earlier rule matched first']);

    const versions = json<{ items: Array<{ version: number; author: { id: string } | null; comment: string }> }>(
      await t.app.inject({ url: '/api/routing/rules/versions', headers: as(l1.token) }),
    );
    expect(versions.items[0]).toMatchObject({ version: before.version + 1, author: { id: admin.id }, comment: 'VIP first' });
    expect(versions.items.at(-1)).toMatchObject({ version: 1, author: null });
    const v1 = json<{ rules: Array<{ id: string }> }>(await t.app.inject({ url: '/api/routing/rules/versions/1', headers: as(l1.token) }));
    expect(v1.rules[0]?.id).toBe('security');
    expectError(await t.app.inject({ url: '/api/routing/rules/versions/999', headers: as(l1.token) }), 404);

    // New requests follow the new version; a draft can be tried without saving.
    const key = await t.f.ticket(customer, { catalogueItemId: k8s });
    expect(json<{ team: { code: string } }>(await t.app.inject({ url: `/api/tickets/${key}`, headers: as(l1.token) })).team.code).toBe('L2-DB');
    const draft = json<DryRun>(await dryRun(l1.token, { key, rules: [{ id: 'd', name: 'draft', when: {}, then: { teamCode: 'L3-PLATFORM' } }] }));
    expect(draft.decision.team?.code).toBe('L3-PLATFORM');
  });

  it('dry run: 401 anonymous, 403 customers, 404 for an unknown key, 400 for bad input', async () => {
    expectError(await dryRun(null, { request: { type: 'billing' } }), 401);
    expectError(await dryRun(customer.token, { request: { type: 'billing' } }), 403);
    expectError(await dryRun(l1.token, { key: 'SUP-99999999' }), 404);
    expectError(await dryRun(l1.token, {}), 400);
    expectError(await dryRun(l1.token, { request: { type: 'nonsense' } }), 400);
    expectError(await t.app.inject({ url: '/api/routing/rules/versions', headers: as(customer.token) }), 403);
  });
});
