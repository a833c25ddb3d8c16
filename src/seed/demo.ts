import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashPassword } from '../modules/identity/passwords.js';
import { seedBase } from './base.js';

export const DEMO_PASSWORD = 'demo';

const orgs = [
  { name: 'ACME Cloud Shop', plan: 'business', language: 'ru' as const, time_zone: 'Europe/Moscow', projects: ['mcs0123456789', 'mcs1234567890'] },
  { name: 'Globex Analytics', plan: 'standard', language: 'en' as const, time_zone: 'Asia/Almaty', projects: ['mcs2345678901'] },
];

const customers = [
  { email: 'customer@acme.example', name: 'Анна Смирнова', org: 'ACME Cloud Shop', role: 'admin' as const, locale: 'ru' as const },
  { email: 'member@acme.example', name: 'Пётр Иванов', org: 'ACME Cloud Shop', role: 'member' as const, locale: 'ru' as const },
  { email: 'ops@globex.example', name: 'Dana Scully', org: 'Globex Analytics', role: 'admin' as const, locale: 'en' as const },
];

const staff = [
  { email: 'l1@tierdesk.example', name: 'Ольга Дежурная', role: 'agent' as const, lines: ['L1'], teams: ['L1-DUTY'], lead: false },
  { email: 'l1b@tierdesk.example', name: 'Ivan Billing', role: 'agent' as const, lines: ['L1'], teams: ['L1-BILLING'], lead: false },
  { email: 'l2@tierdesk.example', name: 'Сергей Вычислитель', role: 'agent' as const, lines: ['L2'], teams: ['L2-COMPUTE'], lead: true },
  { email: 'l2net@tierdesk.example', name: 'Nina Network', role: 'agent' as const, lines: ['L2'], teams: ['L2-NETWORK', 'L2-K8S'], lead: false },
  { email: 'l3@tierdesk.example', name: 'Алексей Платформа', role: 'agent' as const, lines: ['L3'], teams: ['L3-PLATFORM'], lead: true },
  { email: 'security@tierdesk.example', name: 'Mila Security', role: 'agent' as const, lines: ['L3'], teams: ['L3-SECURITY'], lead: true },
  { email: 'l4@tierdesk.example', name: 'Дмитрий Продукт', role: 'agent' as const, lines: ['L4'], teams: ['L4-COMPUTE'], lead: true },
  { email: 'manager@tierdesk.example', name: 'Елена Руководитель', role: 'duty_manager' as const, lines: ['L1', 'L2'], teams: [], lead: false },
  { email: 'admin@tierdesk.example', name: 'Admin', role: 'admin' as const, lines: [], teams: [], lead: false },
];

/** Demo organisation, customers, agents and a few requests; demo users can sign in only in demo mode. */
export async function seedDemo(db: Kysely<DB>): Promise<boolean> {
  await seedBase(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('users').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
    if (done) return false;
    const planRows = await trx.selectFrom('support_plans').select(['id', 'code']).execute();
    const lineRows = await trx.selectFrom('lines').select(['id', 'code']).execute();
    const teamRows = await trx.selectFrom('teams').select(['id', 'code']).execute();
    const orgIds = new Map<string, string>();
    for (const o of orgs) {
      const row = await trx
        .insertInto('organizations')
        .values({ name: o.name, support_plan_id: planRows.find((p) => p.code === o.plan)?.id ?? null, language: o.language, time_zone: o.time_zone })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(o.name, row.id);
      await trx.insertInto('organization_projects').values(o.projects.map((p, i) => ({ project_id: p, organization_id: row.id, name: `${o.name} project ${i + 1}` }))).execute();
    }
    for (const c of customers) {
      await trx
        .insertInto('users')
        .values({ email: c.email, name: c.name, kind: 'customer', organization_id: orgIds.get(c.org) ?? null, org_role: c.role, password_hash: passwordHash, locale: c.locale, is_demo: true })
        .execute();
    }
    for (const s of staff) {
      const u = await trx
        .insertInto('users')
        .values({ email: s.email, name: s.name, kind: 'staff', staff_role: s.role, password_hash: passwordHash, locale: s.email.includes('b@') || s.email.startsWith('admin') ? 'en' : 'ru', is_demo: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const l of s.lines) await trx.insertInto('line_members').values({ line_id: lineRows.find((x) => x.code === l)?.id as string, user_id: u.id }).execute();
      for (const t of s.teams) await trx.insertInto('team_members').values({ team_id: teamRows.find((x) => x.code === t)?.id as string, user_id: u.id, is_lead: s.lead }).execute();
    }
    const vendor = await trx.insertInto('vendors').values({ name: 'Bitnami', product: 'WordPress (Marketplace)' }).returning('id').executeTakeFirstOrThrow();
    await trx
      .insertInto('users')
      .values({ email: 'vendor@bitnami.example', name: 'Vendor Support', kind: 'vendor', vendor_id: vendor.id, password_hash: passwordHash, locale: 'en', is_demo: true })
      .execute();
    await trx
      .insertInto('users')
      .values({ email: 'monitoring@tierdesk.example', name: 'Monitoring', kind: 'integration', is_demo: true, locale: 'en' })
      .execute();
    return true;
  });
}
