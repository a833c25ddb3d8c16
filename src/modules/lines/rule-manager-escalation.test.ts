import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, json, testApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it('a routing rule raises a critical request to the duty manager on intake, recorded as a system escalation', async () => {
  const admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
  const manager = await t.f.staff({ role: 'duty_manager', lines: ['L1'], teams: [] });
  const customer = await t.f.customer((await t.f.org()).id);
  const rules = [
    { id: 'critical-to-manager', name: 'Critical incidents', when: { priorities: ['critical'] }, then: { managerEscalation: 'Critical request: duty manager informed' } },
    { id: 'rest', name: 'Everything else', when: {}, then: { teamCode: 'L1-DUTY' } },
  ];
  const saved = await t.app.inject({ method: 'PUT', url: '/api/routing/rules', headers: as(admin.token), payload: { rules } });
  expect(saved.statusCode).toBe(201);

  const critical = await t.f.ticket(customer, { subject: 'All VMs down', priority: 'critical' });
  const low = await t.f.ticket(customer, { subject: 'Question', priority: 'low' });
  const escalations = await t.ctx.db
    .selectFrom('manager_escalations as m')
    .innerJoin('tickets as tk', 'tk.id', 'm.ticket_id')
    .select(['tk.key', 'm.reason', 'm.raised_by_id'])
    .execute();
  expect(escalations).toEqual([{ key: critical, reason: 'Critical request: duty manager informed', raised_by_id: null }]);
  expect(escalations.map((e) => e.key)).not.toContain(low);

  const timeline = json<{ items: Array<{ type?: string; data?: { ruleId?: string } }> }>(
    await t.app.inject({ url: `/api/tickets/${critical}/timeline`, headers: as(manager.token) }),
  );
  expect(timeline.items.find((i) => i.type === 'ticket.manager_escalated')?.data?.ruleId).toBe('critical-to-manager');
});
