import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { FixedClock } from '../../shared/clock.js';
import type { LineReport } from './line-metrics.js';

const T0 = new Date('2031-03-10T00:00:00Z');
const HOUR = 3_600_000;
const clock = new FixedClock(T0);
const at = (ms: number) => clock.set(new Date(T0.getTime() + ms));
const period = 'from=2031-03-10T00:00:00Z&to=2031-03-12T00:00:00Z';

let t: TestApp;
let org: { id: string; projectIds: string[] };
let customer: TestUser;
let l1: TestUser;
let l2: TestUser;
let manager: TestUser;

const post = (token: string, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/tickets${url}`, headers: as(token), payload });
const report = (token: string | null, query: string) => t.app.inject({ url: `/api/reports/lines?${query}`, headers: token ? as(token) : {} });
const handover = { checked: 'console', found: 'host down', toldCustomer: 'investigating' };

async function ok(res: { statusCode: number; body: string }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode}: ${res.body}`);
}

async function completeIncident() {
  const item = await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.unavailable').executeTakeFirstOrThrow();
  return t.f.ticket(customer, {
    catalogueItemId: item.id,
    projectId: org.projectIds[0],
    region: 'Moscow',
    resourceIds: ['6f1c2a4e-0000-4000-8000-000000000001'],
    fields: { timeWindow: '2031-03-09 10:00–10:30 MSK', errorText: 'No valid host was found' },
  });
}

beforeAll(async () => {
  t = await testApp({ clock });
  org = await t.f.org();
  customer = await t.f.customer(org.id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  l2 = await t.f.staff({ lines: ['L2'], teams: ['L2-COMPUTE'] });
  manager = await t.f.staff({ role: 'duty_manager', lines: [], teams: [] });

  // A: resolved at L1 (2 h). B: escalated (3 h at L1), returned (2 h at L2), resolved at L1 (1 h).
  // C: escalated (3 h at L1), still open at L2. D: untouched at L1. E: resolved at L1 the next day (25 h).
  const [a, b, c] = [await t.f.ticket(customer), await completeIncident(), await completeIncident()];
  await t.f.ticket(customer);
  const e = await t.f.ticket(customer);
  at(1 * HOUR);
  for (const key of [a, b, c]) await ok(await post(l1.token, `/${key}/take`));
  at(2 * HOUR);
  await ok(await post(l1.token, `/${a}/resolve`));
  at(3 * HOUR);
  await ok(await post(l1.token, `/${b}/escalate`, { reasonCode: 'deep_diagnostics', handover }));
  await ok(await post(l1.token, `/${c}/escalate`, { reasonCode: 'defect', handover }));
  at(4 * HOUR);
  await ok(await post(l2.token, `/${b}/take`));
  at(5 * HOUR);
  await ok(await post(l2.token, `/${b}/return`, { instructions: 'Host fixed' }));
  at(6 * HOUR);
  await ok(await post(l1.token, `/${b}/resolve`));
  at(24 * HOUR);
  await ok(await post(l1.token, `/${e}/take`));
  at(25 * HOUR);
  await ok(await post(l1.token, `/${e}/resolve`));
  at(36 * HOUR);
});
afterAll(() => t.close());

describe('GET /api/reports/lines', () => {
  it('gives flow, first-line resolution, reasons, time at line and backlog now and per day', async () => {
    const res = await report(manager.token, period);
    expect(res.statusCode).toBe(200);
    const r = json<LineReport & { from: string; backlogDaily: Array<{ date: string; line: string | null; open: number }> }>(res);
    expect(r.from).toBe('2031-03-10T00:00:00.000Z');
    const all = r.flow.find((f) => f.scope === 'all');
    expect(all).toMatchObject({ exits: 6, escalations: 2, returns: 1, resolved: 3, firstLineResolved: 2, firstLineResolutionRate: 0.6667, escalationRate: 0.3333 });
    const l1row = r.flow.find((f) => f.scope === 'line' && f.line === 'L1');
    expect(l1row).toMatchObject({ exits: 5, escalations: 2, escalationRate: 0.4, resolved: 3, firstLineResolved: 2, medianMsAtLine: 3 * HOUR, p90MsAtLine: 16.2 * HOUR });
    expect(r.flow.find((f) => f.scope === 'team' && f.team === 'L1-DUTY')).toMatchObject({ exits: 5, escalations: 2 });
    expect(r.flow.find((f) => f.scope === 'line' && f.line === 'L2')).toMatchObject({ exits: 1, returns: 1, escalations: 0, resolved: 0, medianMsAtLine: 2 * HOUR });
    expect(r.escalationReasons).toEqual([
      { line: 'L1', reason: 'deep_diagnostics', escalations: 1, shareOfEscalations: 0.5, rate: 0.2 },
      { line: 'L1', reason: 'defect', escalations: 1, shareOfEscalations: 0.5, rate: 0.2 },
    ]);
    expect(r.backlogNow).toEqual([
      { scope: 'all', line: null, team: null, open: 2, unassigned: 2 },
      { scope: 'line', line: 'L1', team: null, open: 1, unassigned: 1 },
      { scope: 'team', line: 'L1', team: 'L1-DUTY', open: 1, unassigned: 1 },
      { scope: 'line', line: 'L2', team: null, open: 1, unassigned: 1 },
      { scope: 'team', line: 'L2', team: 'L2-COMPUTE', open: 1, unassigned: 1 },
    ]);
    expect(r.backlogDaily).toEqual([
      { date: '2031-03-10T00:00:00.000Z', line: 'L1', open: 2 },
      { date: '2031-03-10T00:00:00.000Z', line: 'L2', open: 1 },
      { date: '2031-03-11T00:00:00.000Z', line: 'L1', open: 1 },
      { date: '2031-03-11T00:00:00.000Z', line: 'L2', open: 1 },
    ]);
  });

  it('filters by line', async () => {
    const r = json<LineReport>(await report(manager.token, `${period}&lineCode=L2`));
    expect(r.flow.map((f) => f.line)).toEqual([null, 'L2', 'L2']);
    expect(r.escalationReasons).toEqual([]);
    expect(r.backlogNow.find((b) => b.scope === 'all')).toMatchObject({ open: 1 });
    expect(r.backlogDaily.every((d) => d.line === 'L2')).toBe(true);
  });

  it('answers CSV: one table per section with a header row, separated by blank lines', async () => {
    const res = await report(manager.token, `${period}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="line-report-2031-03-10-2031-03-12\.csv"$/);
    const sections = res.body.trimEnd().split('\r\n\r\n');
    expect(sections.map((s) => s.split('\r\n')[0])).toEqual([
      'section,scope,line,team,exits,escalations,escalationRate,returns,resolved,firstLineResolved,firstLineResolutionRate,medianMsAtLine,p90MsAtLine',
      'section,line,reason,escalations,shareOfEscalations,rate',
      'section,scope,line,team,open,unassigned',
      'section,date,line,open',
    ]);
    expect(res.body).toContain('\r\nflow,line,L1,,5,2,0.4,0,3,2,0.6667,10800000,58320000\r\n');
    expect(res.body).toContain('\r\nbacklogDaily,2031-03-11T00:00:00.000Z,L2,1');
  });

  it('401 anonymous, 403 for agents and customers', async () => {
    expectError(await report(null, period), 401, 'UNAUTHENTICATED');
    expectError(await report(l1.token, period), 403, 'FORBIDDEN');
    expectError(await report(customer.token, period), 403, 'FORBIDDEN');
  });

  it('400 with the error body on bad input', async () => {
    expectError(await report(manager.token, 'from=2031-03-10'), 400, 'VALIDATION_FAILED');
    expectError(await report(manager.token, 'from=yesterday&to=2031-03-12'), 400, 'VALIDATION_FAILED');
    expectError(await report(manager.token, `${period}&format=xlsx`), 400, 'VALIDATION_FAILED');
    const reversed = await report(manager.token, 'from=2031-03-12T00:00:00Z&to=2031-03-10T00:00:00Z');
    expectError(reversed, 400, 'VALIDATION_FAILED');
    expect(json<{ error: { details: Array<{ field: string }> } }>(reversed).error.details[0]?.field).toBe('querystring.to');
    expectError(await report(manager.token, 'from=2031-01-01T00:00:00Z&to=2031-04-04T00:00:00Z'), 400, 'VALIDATION_FAILED');
    const unknown = await report(manager.token, `${period}&lineCode=L9`);
    expectError(unknown, 400, 'VALIDATION_FAILED');
    expect(json<{ error: { details: Array<{ field: string }> } }>(unknown).error.details[0]?.field).toBe('querystring.lineCode');
  });
});
