import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { activeModel } from './active-model.js';
import { suggest } from './suggest.js';
import { trainModel } from './train-model.js';

let t: TestApp;
let customer: TestUser;
let otherCustomer: TestUser;
let l1: TestUser;
let admin: TestUser;
let vendor: TestUser;

type Suggestion = { target: string; label: string; confidence: number; explanation: Array<{ term: string }>; rule: string | null; applied: boolean; current: string | null; decision: string | null };
type Classification = { key: string; ticketVersion: number; modelVersion: number; threshold: number; pending: boolean; suggestions: Suggestion[] };
type Model = { version: number; source: string; active: boolean; trainingSize: number; macroF1: number | null; evaluation: Record<string, { macroF1: number }> };

const QUOTA = { subject: 'Увеличить квоту', description: 'Прошу увеличить квоту на vCPU до 64 и RAM до 256 ГБ в проекте, нужно для нового кластера' };

const setThreshold = async (v: number) => {
  const res = await t.app.inject({ method: 'PUT', url: '/api/classifier/settings', headers: as(admin.token), payload: { autoApplyThreshold: v } });
  expect(res.statusCode, res.body).toBe(200);
};
const classification = async (key: string, token = l1.token) => json<Classification>(await t.app.inject({ url: `/api/tickets/${key}/classification`, headers: as(token) }));
const ticket = async (key: string) => t.ctx.db.selectFrom('tickets as t').leftJoin('catalogue_items as c', 'c.id', 't.catalogue_item_id').select(['t.id', 't.type', 't.priority', 't.version', 'c.code']).where('t.key', '=', key).executeTakeFirstOrThrow();
const predict = async (subject: string, description: string) => {
  const active = await activeModel(t.ctx.db, t.ctx.db, Date.now() + 10_000);
  if (!active) throw new Error('no active model');
  return { version: active.version, s: suggest(active.model, subject, description) };
};

beforeAll(async () => {
  t = await testApp();
  const org = await t.f.org();
  customer = await t.f.customer(org.id);
  otherCustomer = await t.f.customer((await t.f.org()).id);
  l1 = await t.f.staff();
  admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
  vendor = await t.f.vendor();
}, 60_000);
afterAll(() => t.close());

describe('models', () => {
  it('the shipped default model is version 1, active, with its k-fold figures', async () => {
    const res = await t.app.inject({ url: '/api/classifier/models', headers: as(admin.token) });
    expect(res.statusCode, res.body).toBe(200);
    const items = json<{ items: Model[] }>(res).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ version: 1, source: 'default', active: true });
    expect(items[0]?.trainingSize).toBeGreaterThan(600);
    expect(items[0]?.macroF1).toBeGreaterThan(0.8);
    expect(Object.keys(items[0]?.evaluation ?? {})).toEqual(expect.arrayContaining(['type', 'catalogue', 'priority', 'line']));
  });

  it('settings: the threshold is validated and saved', async () => {
    const get = await t.app.inject({ url: '/api/classifier/settings', headers: as(admin.token) });
    expect(json<{ autoApplyThreshold: number }>(get).autoApplyThreshold).toBe(0.85);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/classifier/settings', headers: as(admin.token), payload: { autoApplyThreshold: 1.5 } });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body).toContain('autoApplyThreshold');
    expectError(await t.app.inject({ method: 'PUT', url: '/api/classifier/settings', headers: as(admin.token), payload: { autoApplyThreshold: 0.9, extra: 1 } }), 400);
    await setThreshold(0.85);
  });

  it('retrain is queued as a job', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/classifier/retrain', headers: as(admin.token), payload: {} });
    expect(res.statusCode, res.body).toBe(202);
    expect(json<{ queued: boolean }>(res).queued).toBe(true);
    expectError(await t.app.inject({ method: 'POST', url: '/api/classifier/retrain', headers: as(admin.token), payload: { activate: 'sometimes' } }), 400);
  });

  it('activating an unknown version is a 404', async () => {
    expectError(await t.app.inject({ method: 'POST', url: '/api/classifier/models/999/activate', headers: as(admin.token) }), 404);
    expectError(await t.app.inject({ method: 'POST', url: '/api/classifier/models/abc/activate', headers: as(admin.token) }), 400);
  });
});

describe('classification on registration', () => {
  it('above the threshold: applied before routing, recorded in history as the classifier', async () => {
    await setThreshold(0.5);
    const { s } = await predict(QUOTA.subject, QUOTA.description);
    expect(s.catalogue.label).toBe('account.quotas.change');
    expect(s.catalogue.confidence).toBeGreaterThanOrEqual(0.5);
    const key = await t.f.ticket(customer, QUOTA);
    const row = await ticket(key);
    expect(row.code).toBe('account.quotas.change');
    expect(row.type).toBe(s.type.confidence >= 0.5 ? s.type.label : 'service_request');
    const events = await t.ctx.db.selectFrom('events').select(['type', 'actor_id', 'data', 'visibility']).where('ticket_id', '=', row.id).orderBy('id').execute();
    const classified = events.find((e) => e.type === 'ticket.classified');
    expect(classified).toMatchObject({ actor_id: null, visibility: 'internal', data: { by: 'classifier', authorKind: 'classifier', modelVersion: 1 } });
    expect((classified?.data as { applied: Record<string, { label: string }> }).applied.catalogue?.label).toBe('account.quotas.change');
    const c = await classification(key);
    expect(c.suggestions.map((x) => x.target)).toEqual(['type', 'catalogue', 'priority', 'line']);
    expect(c.suggestions.find((x) => x.target === 'catalogue')).toMatchObject({ applied: true, current: 'account.quotas.change' });
    expect(c.suggestions.find((x) => x.target === 'catalogue')?.explanation.length).toBeGreaterThan(0);
  });

  it('what the submitter chose stands', async () => {
    await setThreshold(0.5);
    const key = await t.f.ticket(customer, { ...QUOTA, priority: 'critical', type: 'question' });
    const row = await ticket(key);
    expect(row).toMatchObject({ priority: 'critical', type: 'question' });
    const c = await classification(key);
    expect(c.suggestions.find((x) => x.target === 'priority')?.applied).toBe(false);
    expect(c.suggestions.find((x) => x.target === 'type')?.applied).toBe(false);
  });

  it('below the threshold: nothing applied, no history event, the suggestion waits for L1', async () => {
    await setThreshold(1);
    const key = await t.f.ticket(customer, QUOTA);
    const row = await ticket(key);
    expect(row.code).toBeNull();
    const events = await t.ctx.db.selectFrom('events').select('type').where('ticket_id', '=', row.id).execute();
    expect(events.map((e) => e.type)).not.toContain('ticket.classified');
    const c = await classification(key);
    expect(c.pending).toBe(true);
    expect(c.suggestions.every((x) => !x.applied && x.decision === null)).toBe(true);
    expect(c.suggestions.find((x) => x.target === 'catalogue')?.label).toBe('account.quotas.change');
  });

  it('an empty-looking or huge request is registered; the empty one is never applied', async () => {
    await setThreshold(0.3);
    const key = await t.f.ticket(customer, { subject: '???', description: '...' });
    const c = await classification(key);
    expect(c.suggestions.every((x) => x.rule === 'empty-text' && x.confidence === 0 && !x.applied)).toBe(true);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: as(customer.token),
      payload: { subject: 'Pods crash', description: 'kubectl get pods CrashLoopBackOff\n'.repeat(1500) },
    });
    expect(huge.statusCode, huge.body).toBe(201);
    await setThreshold(0.85);
  });
});

describe('accept and override', () => {
  it('accept sets the suggested values through the update (optimistic version)', async () => {
    await setThreshold(1);
    const key = await t.f.ticket(customer, QUOTA);
    const c = await classification(key);
    const post = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `/api/tickets/${key}/classification`, headers: as(l1.token, headers), payload });
    expectError(await post({ action: 'accept', version: c.ticketVersion + 5 }), 409, 'VERSION_CONFLICT');
    expectError(await post({ action: 'accept' }, { 'if-match': 'nope' }), 400);
    const res = await post({ action: 'accept', targets: ['catalogue'] }, { 'if-match': `"${c.ticketVersion}"` });
    expect(res.statusCode, res.body).toBe(200);
    const after = json<Classification>(res);
    expect(after.ticketVersion).toBe(c.ticketVersion + 1);
    expect(after.suggestions.find((x) => x.target === 'catalogue')).toMatchObject({ decision: 'accepted', current: 'account.quotas.change' });
    expect((await ticket(key)).code).toBe('account.quotas.change');
    const updated = await t.ctx.db.selectFrom('events').select(['type', 'actor_id']).where('ticket_id', '=', (await ticket(key)).id).where('type', '=', 'ticket.updated').execute();
    expect(updated).toEqual([{ type: 'ticket.updated', actor_id: l1.id }]);
  });

  it('override validates, applies and is kept as training data', async () => {
    await setThreshold(1);
    const key = await t.f.ticket(customer, QUOTA);
    const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/tickets/${key}/classification`, headers: as(l1.token), payload });
    const badCode = await post({ action: 'override', values: { catalogueItemCode: 'no.such.item' } });
    expectError(badCode, 400, 'VALIDATION_FAILED');
    expect(badCode.body).toContain('body.values.catalogueItemCode');
    expectError(await post({ action: 'override', values: {} }), 400);
    expectError(await post({ action: 'override', values: { priority: 'urgent' } }), 400);
    expectError(await post({ action: 'override', values: { lineCode: 'L9' } }), 400);
    expectError(await post({ action: 'maybe' }), 400);
    const res = await post({ action: 'override', values: { catalogueItemCode: 'compute.vm.resize', priority: 'medium', lineCode: 'L1' } });
    expect(res.statusCode, res.body).toBe(200);
    const c = json<Classification>(res);
    expect(c.suggestions.find((x) => x.target === 'catalogue')).toMatchObject({ decision: 'overridden', current: 'compute.vm.resize' });
    expect(await ticket(key)).toMatchObject({ code: 'compute.vm.resize', priority: 'medium' });
    const stored = await t.ctx.db.selectFrom('classifier_overrides').select(['labels', 'suggested', 'created_by']).where('ticket_id', '=', (await ticket(key)).id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ labels: { catalogue: 'compute.vm.resize', priority: 'medium', line: 'L1' }, suggested: { catalogue: 'account.quotas.change' }, created_by: l1.id });
  });
});

describe('routing on the suggestion', () => {
  it('a rule on the classified catalogue item routes the request, and the dry run explains it', async () => {
    await setThreshold(1);
    const current = json<{ rules: unknown[] }>(await t.app.inject({ url: '/api/routing/rules', headers: as(admin.token) }));
    const rule = { id: 'quota-l2', name: 'Quota requests to L2', when: { classified: { catalogueItemCodes: ['account.quotas.change'], minConfidence: 0.5 } }, then: { lineCode: 'L2' } };
    const bad = await t.app.inject({ method: 'PUT', url: '/api/routing/rules', headers: as(admin.token), payload: { rules: [{ ...rule, when: { classified: { minConfidence: 0.5 } } }] } });
    expectError(bad, 400);
    const saved = await t.app.inject({ method: 'PUT', url: '/api/routing/rules', headers: as(admin.token), payload: { rules: [rule, ...current.rules] } });
    expect(saved.statusCode, saved.body).toBe(201);
    const d = json<{ matchedRule: { id: string } | null; explanation: Array<{ ruleId: string; checks: Array<{ condition: string; actual: unknown; ok: boolean }> }> }>(
      await t.app.inject({ method: 'POST', url: '/api/routing/dry-run', headers: as(l1.token), payload: { request: { type: 'service_request', ...QUOTA } } }),
    );
    expect(d.matchedRule?.id).toBe('quota-l2');
    expect(d.explanation[0]?.checks[0]).toMatchObject({ condition: 'classified', ok: true });
    const key = await t.f.ticket(customer, QUOTA);
    const line = await t.ctx.db.selectFrom('tickets as t').innerJoin('lines as l', 'l.id', 't.line_id').select('l.code').where('t.key', '=', key).executeTakeFirstOrThrow();
    expect(line.code).toBe('L2');
    const byKey = json<{ matchedRule: { id: string } | null }>(await t.app.inject({ method: 'POST', url: '/api/routing/dry-run', headers: as(l1.token), payload: { key } }));
    expect(byKey.matchedRule?.id).toBe('quota-l2');
    const other = json<{ matchedRule: { id: string } | null }>(
      await t.app.inject({ method: 'POST', url: '/api/routing/dry-run', headers: as(l1.token), payload: { request: { type: 'billing', subject: 'Refund', description: 'We were charged twice, please refund' } } }),
    );
    expect(other.matchedRule?.id).not.toBe('quota-l2');
    await t.app.inject({ method: 'PUT', url: '/api/routing/rules', headers: as(admin.token), payload: { rules: current.rules } });
  });
});

describe('retraining and rollback', () => {
  it('retraining from overrides changes a prediction; rolling back predicts exactly as before', async () => {
    await setThreshold(1);
    const text = { subject: 'Флюгегехаймен', description: 'флюгегехаймен снова барахлит, зурбаган-шлюз моргает' };
    const before = await predict(text.subject, text.description);
    expect(before.version).toBe(1);
    const target = before.s.catalogue.label === 'billing.charges.question' ? 'marketplace.product.issue' : 'billing.charges.question';
    const key = await t.f.ticket(customer, text);
    const o = await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/classification`, headers: as(l1.token), payload: { action: 'override', values: { catalogueItemCode: target } } });
    expect(o.statusCode, o.body).toBe(200);

    const r = await trainModel(t.ctx, { actorId: admin.id, activate: 'always', folds: 3 });
    expect(r.activated).toBe(true);
    expect(r.counts.overrides).toBeGreaterThanOrEqual(1);
    const after = await predict(text.subject, text.description);
    expect(after.version).toBe(r.version);
    expect(after.s.catalogue.label).toBe(target);

    const models = json<{ items: Model[] }>(await t.app.inject({ url: '/api/classifier/models', headers: as(admin.token) }));
    expect(models.items[0]).toMatchObject({ version: r.version, source: 'trained', active: true });
    expect(models.items[0]?.evaluation.catalogue?.macroF1).toBeGreaterThan(0.5);

    const rollback = await t.app.inject({ method: 'POST', url: '/api/classifier/models/1/activate', headers: as(admin.token) });
    expect(rollback.statusCode, rollback.body).toBe(200);
    expect(json<{ items: Model[] }>(rollback).items.find((m) => m.active)?.version).toBe(1);
    const back = await predict(text.subject, text.description);
    expect(back.version).toBe(1);
    expect(back.s).toEqual(before.s);
  }, 180_000);
});

describe('authorisation', () => {
  it('GET/POST /api/tickets/{key}/classification: staff only; customers (own or other organisation), vendors and anonymous never', async () => {
    const key = await t.f.ticket(customer, QUOTA);
    const url = `/api/tickets/${key}/classification`;
    expectError(await t.app.inject({ url }), 401, 'UNAUTHENTICATED');
    for (const who of [customer, otherCustomer, vendor]) {
      expectError(await t.app.inject({ url, headers: as(who.token) }), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'POST', url, headers: as(who.token), payload: { action: 'accept' } }), 403, 'FORBIDDEN');
    }
    expectError(await t.app.inject({ method: 'POST', url, payload: { action: 'accept' } }), 401);
    expectError(await t.app.inject({ url: '/api/tickets/SUP-999999/classification', headers: as(l1.token) }), 404);
    expect((await t.app.inject({ url, headers: as(l1.token) })).statusCode).toBe(200);
  });

  it('a confidential request (L3 Security) is hidden from an L1 agent', async () => {
    const key = await t.f.ticket(customer, { type: 'security', subject: 'XSS', description: 'Found an XSS in the console' });
    expectError(await t.app.inject({ url: `/api/tickets/${key}/classification`, headers: as(l1.token) }), 404);
    expect((await t.app.inject({ url: `/api/tickets/${key}/classification`, headers: as(admin.token) })).statusCode).toBe(200);
  });

  it('duty managers read the models page but change nothing', async () => {
    const manager = await t.f.staff({ role: 'duty_manager' });
    expect((await t.app.inject({ url: '/api/classifier/models', headers: as(manager.token) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/classifier/settings', headers: as(manager.token) })).statusCode).toBe(200);
    expectError(await t.app.inject({ method: 'PUT', url: '/api/classifier/settings', headers: as(manager.token), payload: { autoApplyThreshold: 0.9 } }), 403);
    expectError(await t.app.inject({ method: 'POST', url: '/api/classifier/models/1/activate', headers: as(manager.token) }), 403);
  });

  it.each([
    ['GET', '/api/classifier/models'],
    ['POST', '/api/classifier/models/1/activate'],
    ['POST', '/api/classifier/retrain'],
    ['GET', '/api/classifier/settings'],
    ['PUT', '/api/classifier/settings'],
  ] as const)('%s %s: administrators only', async (method, url) => {
    const payload = method === 'PUT' ? { autoApplyThreshold: 0.85 } : method === 'POST' ? {} : undefined;
    expectError(await t.app.inject({ method, url, payload }), 401, 'UNAUTHENTICATED');
    for (const who of [customer, otherCustomer, vendor, l1]) expectError(await t.app.inject({ method, url, headers: as(who.token), payload }), 403, 'FORBIDDEN');
    const ok = await t.app.inject({ method, url, headers: as(admin.token), payload });
    expect(ok.statusCode, ok.body).toBeLessThan(300);
  });
});
